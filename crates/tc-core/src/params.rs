//! Query parameters shared by the v2 collection endpoints: owner, paging,
//! filters, includes and the activity-log switch.

use crate::error::{Error, Result};
use crate::url::{Query, encode_component};

/// A filter operator of the `filters` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterOp {
    /// `=` equals.
    Eq,
    /// `<` less than.
    Lt,
    /// `>` greater than.
    Gt,
    /// `^` starts with.
    StartsWith,
    /// `!` not equal (task `status` only).
    Not,
}

impl FilterOp {
    fn symbol(self) -> char {
        match self {
            FilterOp::Eq => '=',
            FilterOp::Lt => '<',
            FilterOp::Gt => '>',
            FilterOp::StartsWith => '^',
            FilterOp::Not => '!',
        }
    }
}

/// One clause of `filters`, e.g. `summary^evil`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    field: String,
    op: FilterOp,
    value: String,
}

impl Filter {
    /// A clause `field <op> value`.
    pub fn new(field: impl Into<String>, op: FilterOp, value: impl Into<String>) -> Self {
        Filter {
            field: field.into(),
            op,
            value: value.into(),
        }
    }

    /// `field=value`.
    pub fn eq(field: impl Into<String>, value: impl ToString) -> Self {
        Filter::new(field, FilterOp::Eq, value.to_string())
    }

    /// `field<value`.
    pub fn lt(field: impl Into<String>, value: impl ToString) -> Self {
        Filter::new(field, FilterOp::Lt, value.to_string())
    }

    /// `field>value`.
    pub fn gt(field: impl Into<String>, value: impl ToString) -> Self {
        Filter::new(field, FilterOp::Gt, value.to_string())
    }

    /// `field^value` (starts with).
    pub fn starts_with(field: impl Into<String>, value: impl Into<String>) -> Self {
        Filter::new(field, FilterOp::StartsWith, value)
    }

    fn check(&self) -> Result<()> {
        if self.field.is_empty() || !self.field.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::invalid(
                "filters",
                format!(
                    "filter field {:?} must be a non-empty ASCII name",
                    self.field
                ),
            ));
        }
        if self.value.contains(',') {
            // The service splits `filters` on commas after decoding, so a comma
            // inside a value cannot be expressed.
            return Err(Error::invalid(
                "filters",
                format!(
                    "filter value {:?} contains a comma, which the service reads as a clause separator",
                    self.value
                ),
            ));
        }
        Ok(())
    }

    /// The clause encoded for the query (`summary%5Eevil`).
    fn encoded(&self) -> String {
        encode_component(&format!("{}{}{}", self.field, self.op.symbol(), self.value))
    }
}

/// Parameters of one call. Calls apply the ones that make sense for them;
/// the service ignores the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// Owner name (`owner=`).
    pub owner: Option<String>,
    /// Offset of the first item (`resultStart`).
    pub result_start: Option<u64>,
    /// Page size (`resultLimit`, at most 10,000).
    pub result_limit: Option<u32>,
    /// Filter clauses (`filters=`).
    pub filters: Vec<Filter>,
    /// OR the clauses instead of AND (`orParams=true`).
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
    /// `modifiedSince=` (an ISO-8601 date or date-time).
    pub modified_since: Option<String>,
    /// Other documented parameters (`dateObserved`, `runNow`, `detailed`, …).
    pub extra: Vec<(String, String)>,
}

impl Params {
    /// Renders into `query`; `owner` falls back to `default_owner` when the
    /// call is owner-scoped.
    pub(crate) fn apply(&self, query: &mut Query, default_owner: Option<&str>) -> Result<()> {
        if let Some(owner) = self.owner.as_deref().or(default_owner) {
            if owner.trim().is_empty() {
                return Err(Error::invalid("owner", "the owner name is blank"));
            }
            query.push("owner", owner);
        }
        if !self.filters.is_empty() {
            let mut clauses = Vec::with_capacity(self.filters.len());
            for f in &self.filters {
                f.check()?;
                clauses.push(f.encoded());
            }
            query.push_encoded("filters", clauses.join(","));
            if self.or_params {
                query.push("orParams", "true");
            }
        }
        if let Some(since) = &self.modified_since {
            if crate::de::parse_datetime(since).is_none() {
                return Err(Error::invalid(
                    "modifiedSince",
                    format!("{since:?} is not an ISO-8601 date"),
                ));
            }
            query.push("modifiedSince", since);
        }
        if self.include_additional {
            query.push("includeAdditional", "true");
        }
        if self.include_attributes {
            query.push("includeAttributes", "true");
        }
        if self.include_tags {
            query.push("includeTags", "true");
        }
        if self.include_labels {
            query.push("includes", "labels");
        }
        if let Some(log) = self.create_activity_log {
            query.push("createActivityLog", if log { "true" } else { "false" });
        }
        for (k, v) in &self.extra {
            query.push(k, v);
        }
        if let Some(start) = self.result_start {
            query.push("resultStart", &start.to_string());
        }
        if let Some(limit) = self.result_limit {
            check_limit(limit)?;
            query.push("resultLimit", &limit.to_string());
        }
        Ok(())
    }
}

pub(crate) fn check_limit(limit: u32) -> Result<()> {
    if limit == 0 || limit > crate::MAX_RESULT_LIMIT {
        return Err(Error::invalid(
            "resultLimit",
            format!("{limit} is outside 1..={}", crate::MAX_RESULT_LIMIT),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(p: &Params, default_owner: Option<&str>) -> Result<String> {
        let mut q = Query::new();
        p.apply(&mut q, default_owner)?;
        Ok(q.render())
    }

    #[test]
    fn filters_and_paging() {
        let p = Params {
            filters: vec![
                Filter::eq("summary", "example.com"),
                Filter::gt("dateAdded", "2015-10-15"),
            ],
            or_params: true,
            result_start: Some(0),
            result_limit: Some(100),
            ..Params::default()
        };
        assert_eq!(
            render(&p, None).unwrap(),
            "filters=summary%3Dexample.com,dateAdded%3E2015-10-15&orParams=true&resultStart=0&resultLimit=100"
        );
    }

    #[test]
    fn owner_and_includes() {
        let p = Params {
            include_additional: true,
            include_attributes: true,
            include_tags: true,
            include_labels: true,
            create_activity_log: Some(false),
            modified_since: Some("2017-07-13T00:00:00Z".into()),
            ..Params::default()
        };
        assert_eq!(
            render(&p, Some("Common Community")).unwrap(),
            "owner=Common%20Community&modifiedSince=2017-07-13T00%3A00%3A00Z&includeAdditional=true\
             &includeAttributes=true&includeTags=true&includes=labels&createActivityLog=false"
        );
    }

    #[test]
    fn refusals_before_sending() {
        let too_big = Params {
            result_limit: Some(10_001),
            ..Params::default()
        };
        assert_eq!(render(&too_big, None).unwrap_err().code(), "invalid_input");
        let zero = Params {
            result_limit: Some(0),
            ..Params::default()
        };
        assert!(render(&zero, None).is_err());
        let comma = Params {
            filters: vec![Filter::eq("summary", "a,b")],
            ..Params::default()
        };
        assert!(render(&comma, None).is_err());
        let field = Params {
            filters: vec![Filter::eq("sum mary", "a")],
            ..Params::default()
        };
        assert!(render(&field, None).is_err());
        let since = Params {
            modified_since: Some("soon".into()),
            ..Params::default()
        };
        assert!(render(&since, None).is_err());
        let starts = Params {
            filters: vec![Filter::starts_with("name", "APT 2")],
            ..Params::default()
        };
        assert_eq!(render(&starts, None).unwrap(), "filters=name%5EAPT%202");
    }
}
