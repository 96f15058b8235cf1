//! The arguments object of an operation, as JavaScript passes it.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::Value;
use tc_core::params::{Filter, FilterOp};
use tc_core::{Call, Error, Result};

/// Everything an operation may read: the parent it starts from, the child
/// it acts on, the payload and the query parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Args {
    /// The parent's type branch (`hosts`, `incidents`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The parent indicator's value.
    pub value: Option<String>,
    /// The parent's numeric id.
    #[serde(deserialize_with = "opt_id")]
    pub id: Option<u64>,
    /// The parent's name (tag, security label, indicator type).
    pub name: Option<String>,
    /// The child the operation acts on.
    pub target: Target,
    /// The JSON body sent to the service.
    pub body: Option<Value>,
    /// Raw bytes (documents, batch data); read from `data` outside serde.
    #[serde(skip)]
    pub data: Option<Vec<u8>>,
    /// The file action of `indicator.fileActions.*`.
    pub action: Option<String>,
    /// The association type of `indicator.associations.*`.
    pub association_type: Option<String>,
    /// `csv` or `json` for `indicators.bulkDownload`.
    pub format: Option<String>,

    /// `owner=`.
    pub owner: Option<String>,
    /// `resultStart=`.
    #[serde(deserialize_with = "opt_id")]
    pub result_start: Option<u64>,
    /// `resultLimit=`.
    #[serde(deserialize_with = "opt_id")]
    pub result_limit: Option<u64>,
    /// `filters=` clauses: `"summary^evil"` or `{ field, op, value }`.
    pub filters: Vec<FilterArg>,
    /// `orParams=true`.
    pub or_params: bool,
    /// `includeAdditional=true`.
    pub include_additional: bool,
    /// `includeAttributes=true`.
    pub include_attributes: bool,
    /// `includeTags=true`.
    pub include_tags: bool,
    /// `includes=labels`.
    pub include_labels: bool,
    /// `createActivityLog=`.
    pub create_activity_log: Option<bool>,
    /// `modifiedSince=`.
    pub modified_since: Option<String>,
    /// Any other documented parameter (`dateObserved`, `detailed`, ...).
    pub params: BTreeMap<String, Value>,
}

/// The child an operation acts on: a tag name, an associated group, ...
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Target {
    /// The child's type branch.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The child indicator's value.
    pub value: Option<String>,
    /// The child's numeric id.
    #[serde(deserialize_with = "opt_id")]
    pub id: Option<u64>,
    /// The child's name.
    pub name: Option<String>,
}

/// One `filters` clause.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum FilterArg {
    /// `"summary^evil"`: a field name, one operator character, the value.
    Text(String),
    /// `{ field: 'summary', op: '^', value: 'evil' }`; `op` defaults to `=`.
    Clause {
        field: String,
        #[serde(default)]
        op: Option<String>,
        value: Value,
    },
}

/// Reads JSON text with the core's reader (one deserializer per model in
/// the build); a failure is refused input naming `field` and the JSON path.
pub(crate) fn read_json<T: DeserializeOwned>(field: &'static str, text: &str) -> Result<T> {
    tc_core::from_json(text).map_err(|e| match e {
        Error::Parse { path, message, .. } => invalid(field, format!("{path}: {message}")),
        other => invalid(field, other.to_string()),
    })
}

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Error {
    Error::InvalidInput {
        field,
        message: message.into(),
    }
}

fn required<'a>(v: &'a Option<String>, field: &'static str, what: &str) -> Result<&'a str> {
    match v.as_deref() {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(invalid(field, format!("this operation needs {what}"))),
    }
}

impl Args {
    /// The parent's type branch.
    pub fn kind(&self) -> Result<&str> {
        required(&self.kind, "type", "a `type` (e.g. 'hosts' or 'incidents')")
    }

    /// The parent indicator's value.
    pub fn value(&self) -> Result<&str> {
        required(&self.value, "value", "the indicator `value`")
    }

    /// The parent's id.
    pub fn id(&self) -> Result<u64> {
        self.id
            .ok_or_else(|| invalid("id", "this operation needs a numeric `id`"))
    }

    /// The parent's name.
    pub fn name(&self) -> Result<&str> {
        required(&self.name, "name", "a `name`")
    }

    /// The child's type branch.
    pub fn target_kind(&self) -> Result<&str> {
        required(&self.target.kind, "target.type", "a `target.type`")
    }

    /// The child's value.
    pub fn target_value(&self) -> Result<&str> {
        required(&self.target.value, "target.value", "a `target.value`")
    }

    /// The child's id.
    pub fn target_id(&self) -> Result<u64> {
        self.target
            .id
            .ok_or_else(|| invalid("target.id", "this operation needs a numeric `target.id`"))
    }

    /// The child's name.
    pub fn target_name(&self) -> Result<&str> {
        required(&self.target.name, "target.name", "a `target.name`")
    }

    /// A named extra argument (`action`, `associationType`, `format`).
    pub fn extra<'a>(&self, v: &'a Option<String>, field: &'static str) -> Result<&'a str> {
        required(v, field, &format!("`{field}`"))
    }

    /// The body as it is.
    pub fn body(&self) -> Result<&Value> {
        self.body
            .as_ref()
            .ok_or_else(|| invalid("body", "this operation needs a `body`"))
    }

    /// The body read as `T`; an absent body is `T::default()`.
    pub fn body_as<T: DeserializeOwned + Default>(&self) -> Result<T> {
        match &self.body {
            None | Some(Value::Null) => Ok(T::default()),
            Some(v) => read_json("body", &v.to_string()),
        }
    }

    /// The raw bytes.
    pub fn data(&self) -> Result<Vec<u8>> {
        self.data.clone().ok_or_else(|| {
            invalid(
                "data",
                "this operation needs `data` (bytes, a string or JSON)",
            )
        })
    }

    /// Applies the query parameters to a call.
    pub fn apply<T>(&self, mut call: Call<T>) -> Result<Call<T>> {
        if let Some(owner) = &self.owner {
            call = call.owner(owner.clone());
        }
        if let Some(start) = self.result_start {
            call = call.result_start(start);
        }
        if let Some(limit) = self.result_limit {
            // Out-of-range values are refused by the core when the request is built.
            call = call.result_limit(u32::try_from(limit).unwrap_or(u32::MAX));
        }
        for f in &self.filters {
            call = call.filter(f.to_filter()?);
        }
        if self.or_params {
            call = call.or_params();
        }
        if self.include_additional {
            call = call.include_additional();
        }
        if self.include_attributes {
            call = call.include_attributes();
        }
        if self.include_tags {
            call = call.include_tags();
        }
        if self.include_labels {
            call = call.include_labels();
        }
        if let Some(on) = self.create_activity_log {
            call = call.create_activity_log(on);
        }
        if let Some(since) = &self.modified_since {
            call = call.modified_since(since.clone());
        }
        for (key, value) in &self.params {
            if let Some(text) = scalar(value, "params")? {
                call = call.param(key.clone(), text);
            }
        }
        Ok(call)
    }
}

/// A scalar as query text; `null` is `None`.
fn scalar(value: &Value, field: &'static str) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Err(invalid(
            field,
            "parameter values must be strings, numbers or booleans",
        )),
    }
}

fn op_of(symbol: &str) -> Option<FilterOp> {
    Some(match symbol {
        "=" => FilterOp::Eq,
        "<" => FilterOp::Lt,
        ">" => FilterOp::Gt,
        "^" => FilterOp::StartsWith,
        "!" => FilterOp::Not,
        _ => return None,
    })
}

impl FilterArg {
    fn to_filter(&self) -> Result<Filter> {
        match self {
            FilterArg::Text(text) => {
                let Some(at) = text.find(['=', '<', '>', '^', '!']) else {
                    return Err(invalid(
                        "filters",
                        format!("{text:?} has no operator (one of = < > ^ !)"),
                    ));
                };
                let (field, rest) = text.split_at(at);
                let mut chars = rest.chars();
                let symbol = chars.next().map(String::from).unwrap_or_default();
                let op = op_of(&symbol).ok_or_else(|| invalid("filters", "unknown operator"))?;
                Ok(Filter::new(field, op, chars.as_str()))
            }
            FilterArg::Clause { field, op, value } => {
                let symbol = op.as_deref().unwrap_or("=");
                let op = op_of(symbol).ok_or_else(|| {
                    invalid(
                        "filters",
                        format!("unknown operator {symbol:?} (use one of = < > ^ !)"),
                    )
                })?;
                let value = scalar(value, "filters")?.unwrap_or_default();
                Ok(Filter::new(field.clone(), op, value))
            }
        }
    }
}

/// An optional id: a non-negative integer, or a string of digits.
fn opt_id<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    struct Id;

    impl<'de> Visitor<'de> for Id {
        type Value = Option<u64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a non-negative integer id")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
            u64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom("an id cannot be negative"))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
            if v.fract() == 0.0 && (0.0..9.007_199_254_740_992e15).contains(&v) {
                Ok(Some(v as u64))
            } else {
                Err(E::custom(format!("{v} is not a non-negative integer id")))
            }
        }

        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
            v.trim()
                .parse()
                .map(Some)
                .map_err(|_| E::custom(format!("{v:?} is not a numeric id")))
        }

        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_any(Id)
        }
    }

    d.deserialize_any(Id)
}
