//! Typed models of the v2 objects, read leniently (ids as numbers or
//! strings, string booleans, several date forms) and written the way the
//! service writes them.
//!
//! Every model keeps fields it does not know in `extra`, so a newer server
//! (or a custom indicator's value labels) loses nothing.

mod common;
mod group;
mod indicator;
mod misc;
mod owner;
mod task;
mod victim;

pub use common::{Attribute, SecurityLabel, Tag};
pub use group::{AdversaryAsset, Group};
pub use indicator::{Indicator, IndicatorValue};
pub use misc::{
    AssociationType, BatchStatus, BulkStatus, DnsResolution, FalsePositive, FileOccurrence,
    IndicatorTypeInfo, Observation, ObservationCount, ObservedIndicator, UserObservation,
};
pub use owner::{Owner, OwnerMetric, User};
pub use task::Task;
pub use victim::{Victim, VictimAsset};

/// A date-time in UTC.
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// Fields the model does not name, kept as JSON.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests {
    #[test]
    fn create_bodies_leave_out_the_unset_id() {
        let body = serde_json::to_value(super::Group::named("x")).unwrap_or_default();
        assert_eq!(body, serde_json::json!({"name": "x"}));
        let task = serde_json::to_value(super::Task::named("t")).unwrap_or_default();
        assert!(task.get("id").is_none());
        let mut victim = super::Victim::named("v");
        victim.id = 7;
        assert_eq!(serde_json::to_value(victim).unwrap_or_default()["id"], 7);
    }
}
