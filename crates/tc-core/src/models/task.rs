use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::{DateTime, Extra, Owner, User};

/// A task.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Task {
    /// The task's id.
    #[serde(
        deserialize_with = "crate::de::id",
        skip_serializing_if = "crate::de::is_zero"
    )]
    pub id: u64,
    /// The name.
    pub name: Option<String>,
    /// The owner (single objects).
    pub owner: Option<Owner>,
    /// The owner's name (list items).
    pub owner_name: Option<String>,
    /// When it was added.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_added: Option<DateTime>,
    /// When it last changed.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_modified: Option<DateTime>,
    /// A link in the web UI.
    pub web_link: Option<String>,
    /// `Not Started`, `In Progress`, `Completed`, `Waiting on Someone`, `Deferred`.
    pub status: Option<String>,
    /// Escalated.
    #[serde(with = "crate::de::opt_bool")]
    pub escalated: Option<bool>,
    /// Reminded.
    #[serde(with = "crate::de::opt_bool")]
    pub reminded: Option<bool>,
    /// Overdue.
    #[serde(with = "crate::de::opt_bool")]
    pub overdue: Option<bool>,
    /// Due date.
    #[serde(with = "crate::de::opt_datetime")]
    pub due_date: Option<DateTime>,
    /// Reminder date.
    #[serde(with = "crate::de::opt_datetime")]
    pub reminder_date: Option<DateTime>,
    /// Escalation date.
    #[serde(with = "crate::de::opt_datetime")]
    pub escalation_date: Option<DateTime>,
    /// Description (write field).
    pub description: Option<String>,
    /// Assignees (single objects).
    #[serde(
        rename = "assignee",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub assignees: Vec<User>,
    /// Escalatees (single objects).
    #[serde(
        rename = "escalatee",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub escalatees: Vec<User>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Task {
    /// A task to create, with its name.
    pub fn named(name: impl Into<String>) -> Self {
        Task {
            name: Some(name.into()),
            ..Task::default()
        }
    }
}
