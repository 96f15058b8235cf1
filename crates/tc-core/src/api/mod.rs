//! The path tree of v2: every endpoint as a function returning a [`Call`].
//!
//! ```
//! use tc_core::api::{self, IndicatorType, GroupType};
//!
//! let add_tag = api::indicator(IndicatorType::HOSTS, "evil.example").tags().add("APT28");
//! assert_eq!(add_tag.path().template(), "/v2/indicators/hosts/{}/tags/{}");
//! let publish = api::group(GroupType::INCIDENTS, 42).publish(&Default::default());
//! assert_eq!(publish.method(), tc_core::Method::Post);
//! ```
//!
//! [`Call`]: crate::Call

mod batch;
mod groups;
mod indicators;
mod node;
mod owners;
mod pivots;
mod tasks;
pub mod types;
mod victims;

pub use batch::{Batch, BatchConfig, BatchItem, BatchJob, batch, batch_job};
pub use groups::{AdversaryAssets, DocumentItem, GroupItem, Groups, PublishOptions, group, groups};
pub use indicators::{
    BulkFormat, FileOccurrences, IndicatorItem, IndicatorTypes, Indicators, ObservationInput,
    TypedIndicators, association_type, association_types, indicator, indicator_types, indicators,
};
pub use node::{
    AttributeInput, AttributeItem, Attributes, GroupLinks, IdLinks, IndicatorLinks, LabelLinks,
    MAX_TAG_LENGTH, Node, TagLinks, TypedGroupLinks, TypedIndicatorLinks, VictimAssetLinks,
};
pub use owners::{OwnerItem, Owners, owner, owners, whoami};
pub use pivots::{
    LabelItem, SecurityLabels, TagInput, TagItem, Tags, security_label, security_labels, tag, tags,
};
pub use tasks::{TaskItem, Tasks, UserLinks, task, tasks};
pub use types::{AdversaryAssetType, GroupType, IndicatorType, VictimAssetType};
pub use victims::{VictimAssetItem, VictimItem, Victims, victim, victims};

/// Implements `Deref<Target = Node>` so an item has the shared children.
macro_rules! node_item {
    ($t:ty) => {
        impl std::ops::Deref for $t {
            type Target = $crate::api::Node;
            fn deref(&self) -> &$crate::api::Node {
                &self.node
            }
        }
    };
}
pub(crate) use node_item;
