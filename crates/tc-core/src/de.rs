//! Lenient readers for the value forms the service (and its docs) use:
//! ids as numbers or numeric strings, booleans as `"true"`/`"false"`,
//! numbers as strings, and several date forms.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Unexpected};
use serde::{Deserialize, Serializer};
use serde_json::Value;

/// Parses the date forms seen in v2 responses: RFC 3339 (`Z` or offset),
/// offsets without a colon, an offset followed by a stray `Z`, local times
/// without a zone (read as UTC), one-digit months and days, plain dates,
/// `yyyyMMdd`, and epoch seconds or milliseconds.
pub fn parse_datetime(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() > 8 {
        return s.parse::<i64>().ok().and_then(from_epoch);
    }
    // "2016-03-18T10:04:31-05:00Z": an offset and a Z both.
    let s = match s.strip_suffix('Z') {
        Some(rest) if has_offset(rest) => rest,
        _ => s,
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    let bare = s.strip_suffix('Z').unwrap_or(s);
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(bare, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    for format in ["%Y-%m-%d", "%Y%m%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(bare, format) {
            return date.and_hms_opt(0, 0, 0).map(|n| Utc.from_utc_datetime(&n));
        }
    }
    None
}

fn has_offset(s: &str) -> bool {
    let Some(t) = s.find('T') else { return false };
    let time = s.get(t..).unwrap_or_default();
    let tail = time.len().checked_sub(6).and_then(|i| time.get(i..));
    matches!(tail, Some(tail) if tail.starts_with(['+', '-']))
}

fn from_epoch(n: i64) -> Option<DateTime<Utc>> {
    if n > 100_000_000_000 {
        Utc.timestamp_millis_opt(n).single()
    } else {
        Utc.timestamp_opt(n, 0).single()
    }
}

/// Formats a date the way the service emits it: `yyyy-MM-ddTHH:mm:ssZ`.
pub fn format_datetime(dt: &DateTime<Utc>) -> String {
    // Not `format("%Y-…")`: that parses the pattern on every call.
    dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `Option<DateTime<Utc>>` read permissively, written as `…Z`.
pub mod opt_datetime {
    use super::*;

    /// Serializes as the service's UTC form.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(dt) => s.serialize_str(&format_datetime(dt)),
            None => s.serialize_none(),
        }
    }

    /// Reads a string or epoch number; `null` is `None`.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => parse_datetime(&s)
                .map(Some)
                .ok_or_else(|| de::Error::invalid_value(Unexpected::Str(&s), &"a date")),
            Value::Number(n) => n
                .as_i64()
                .and_then(from_epoch)
                .map(Some)
                .ok_or_else(|| de::Error::custom("a date as epoch seconds or milliseconds")),
            other => Err(de::Error::invalid_type(unexpected(&other), &"a date")),
        }
    }
}

/// `Option<NaiveDate>` for plain dates such as `metricDate`.
pub mod opt_date {
    use super::*;

    /// Serializes as `yyyy-MM-dd`.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            // `NaiveDate`'s `Display` is `yyyy-MM-dd`.
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    /// Reads a plain date or a date-time (keeping its date).
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => parse_datetime(&s)
                .map(|dt| Some(dt.date_naive()))
                .ok_or_else(|| de::Error::invalid_value(Unexpected::Str(&s), &"a date")),
        }
    }
}

fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// Whether an id is unset (0): models used as create bodies leave it out.
pub fn is_zero(id: &u64) -> bool {
    *id == 0
}

/// A required id: a JSON integer, or a string of digits (doc examples).
#[inline(never)] // one copy per (de)serializer type, shared by all models
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| de::Error::custom("an id must be a non-negative integer")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| de::Error::invalid_value(Unexpected::Str(&s), &"an integer id")),
        other => Err(de::Error::invalid_type(
            unexpected(&other),
            &"an integer id",
        )),
    }
}

/// An optional id; see [`id`].
pub mod opt_id {
    use super::*;

    /// Serializes as a JSON integer.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_u64(*n),
            None => s.serialize_none(),
        }
    }

    /// Reads a number or a numeric string.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            v => id(v).map(Some).map_err(de::Error::custom),
        }
    }
}

fn read_bool(v: Value) -> Result<Option<bool>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b)),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            _ => Err(format!("expected a boolean, found the number {n}")),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(Some(true)),
            "false" | "0" | "no" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(format!("expected a boolean, found {s:?}")),
        },
        other => Err(format!(
            "expected a boolean, found {:?}",
            unexpected(&other)
        )),
    }
}

/// An optional boolean that may arrive as a string; written as a JSON boolean.
pub mod opt_bool {
    use super::*;

    /// Serializes as a JSON boolean.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_bool(*b),
            None => s.serialize_none(),
        }
    }

    /// Reads `true`, `"true"`, `1`, … .
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        read_bool(Value::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// An optional boolean the service writes as the string `"true"`/`"false"`
/// (host `dnsActive`/`whoisActive`, indicator-type `custom`/`parsable`).
pub mod opt_str_bool {
    use super::*;

    /// Serializes as the string `"true"` or `"false"`.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(true) => s.serialize_str("true"),
            Some(false) => s.serialize_str("false"),
            None => s.serialize_none(),
        }
    }

    /// Reads `"true"`, `true`, `1`, … .
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        read_bool(Value::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// An optional float that may arrive as a string (`"4.00"`).
pub mod opt_f64 {
    use super::*;

    /// Serializes as a JSON number.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_f64(*n),
            None => s.serialize_none(),
        }
    }

    /// Reads a number or a numeric string.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::Number(n) => Ok(n.as_f64()),
            Value::String(s) if s.trim().is_empty() || s == "null" => Ok(None),
            Value::String(s) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| de::Error::invalid_value(Unexpected::Str(&s), &"a number")),
            other => Err(de::Error::invalid_type(unexpected(&other), &"a number")),
        }
    }
}

/// An optional integer that may arrive as a string or as a float with no
/// fraction (`85.0`).
pub mod opt_i64 {
    use super::*;

    /// Serializes as a JSON integer.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(n) => s.serialize_i64(*n),
            None => s.serialize_none(),
        }
    }

    /// Reads an integer, an integral float or a numeric string.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Ok(Some(i))
                } else {
                    match n.as_f64() {
                        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                        _ => Err(de::Error::custom(format!("expected an integer, found {n}"))),
                    }
                }
            }
            Value::String(s) if s.trim().is_empty() || s == "null" => Ok(None),
            Value::String(s) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| de::Error::invalid_value(Unexpected::Str(&s), &"an integer")),
            other => Err(de::Error::invalid_type(unexpected(&other), &"an integer")),
        }
    }
}

/// An optional string that may arrive as a number (`itemId`).
pub mod opt_string {
    use super::*;

    /// Serializes as a string.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => s.serialize_str(x),
            None => s.serialize_none(),
        }
    }

    /// Reads a string, number or boolean as text.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            other => Err(de::Error::invalid_type(unexpected(&other), &"a string")),
        }
    }
}

/// A list that the service may send as a single object, or `null`.
pub mod one_or_many {
    use super::*;
    use serde::Serialize;

    /// Serializes as a JSON array.
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn serialize<T: Serialize, S: Serializer>(v: &[T], s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    /// Reads an array, a single object, or `null`, element by element
    /// with the caller's deserializer (no intermediate JSON value).
    #[inline(never)] // one copy per (de)serializer type, shared by all models
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(OneOrMany(std::marker::PhantomData))
    }

    struct OneOrMany<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for OneOrMany<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list, one object, or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<T>, D2::Error> {
            d.deserialize_any(self)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|one| vec![one])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> i64 {
        parse_datetime(s).map(|d| d.timestamp()).unwrap_or(-1)
    }

    #[test]
    fn writes_the_service_forms() {
        let dt = parse_datetime("2014-10-28T17:30:33-04:00").unwrap();
        assert_eq!(format_datetime(&dt), "2014-10-28T21:30:33Z");
        let dt = parse_datetime("2021-01-01T00:00:00.123Z").unwrap();
        assert_eq!(format_datetime(&dt), "2021-01-01T00:00:00Z");
        let mut out = Vec::new();
        let date = NaiveDate::from_ymd_opt(2015, 9, 5);
        opt_date::serialize(&date, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(out, br#""2015-09-05""#);
    }

    #[test]
    fn date_forms() {
        assert_eq!(ts("2017-10-31T16:55:44Z"), 1509468944);
        assert_eq!(ts("2014-10-28T17:30:33-04:00"), 1414531833);
        assert_eq!(ts("2014-10-28T17:30:33-0400"), 1414531833);
        assert_eq!(ts("2016-03-18T10:04:31-05:00Z"), ts("2016-03-18T15:04:31Z"));
        assert_eq!(ts("2017-07-13T17:50:17"), ts("2017-07-13T17:50:17Z"));
        assert_eq!(ts("2017-7-13T00:00:00-04:00"), ts("2017-07-13T04:00:00Z"));
        assert_eq!(ts("2017-06-19"), ts("2017-06-19T00:00:00Z"));
        assert_eq!(ts("20151015"), ts("2015-10-15T00:00:00Z"));
        assert_eq!(ts("1386658343000"), 1386658343);
        assert_eq!(ts("2017-07-13T00:00"), ts("2017-07-13T00:00:00Z"));
        assert_eq!(ts("2021-01-01T00:00:00.123Z"), ts("2021-01-01T00:00:00Z"));
        assert!(parse_datetime("yesterday").is_none());
        assert!(parse_datetime("").is_none());
    }
}
