use serde::Serialize;

use crate::call::Call;
use crate::http::Method;
use crate::models::{SecurityLabel, Tag};
use crate::paging::Page;
use crate::url::ApiPath;

use super::node::{Node, check_tag};
use super::node_item;

/// `/v2/securityLabels`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SecurityLabels;

/// The security labels.
pub fn security_labels() -> SecurityLabels {
    SecurityLabels
}

impl SecurityLabels {
    /// `GET /v2/securityLabels`.
    pub fn list(&self) -> Call<Page<SecurityLabel>> {
        Call::list(ApiPath::root().lit("securityLabels"), "securityLabel").owner_scoped()
    }
}

/// One security label by name: `/v2/securityLabels/{name}`; its `groups()`
/// and `indicators()` are the items carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelItem {
    node: Node,
}

node_item!(LabelItem);

/// One security label, e.g. `TLP:AMBER`.
pub fn security_label(name: &str) -> LabelItem {
    LabelItem {
        node: Node::new(ApiPath::root().lit("securityLabels").value(name)),
    }
}

impl LabelItem {
    /// Reads the label.
    pub fn get(&self) -> Call<SecurityLabel> {
        Call::entity(Method::Get, self.node.path.clone(), "securityLabel").owner_scoped()
    }

    /// Deletes the label (it is removed from every item).
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.node.path.clone()).owner_scoped()
    }
}

/// `/v2/tags`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tags;

/// The tags.
pub fn tags() -> Tags {
    Tags
}

/// A tag to create or a rename.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TagInput {
    /// The (new) name.
    pub name: String,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Tags {
    /// `GET /v2/tags` (filter by `name` with `=`/`^`; page as usual).
    pub fn list(&self) -> Call<Page<Tag>> {
        Call::list(ApiPath::root().lit("tags"), "tag").owner_scoped()
    }

    /// `POST /v2/tags` (newer servers; tags are otherwise created when first applied).
    pub fn create(&self, name: &str, description: Option<&str>) -> Call<Tag> {
        let body = TagInput {
            name: name.to_string(),
            description: description.map(str::to_string),
        };
        let call = Call::entity(Method::Post, ApiPath::root().lit("tags"), "tag")
            .json_body(&body)
            .owner_scoped();
        match check_tag(name) {
            Ok(()) => call,
            Err(e) => call.fail(e),
        }
    }
}

/// One tag by name: `/v2/tags/{name}`; its `groups()` and `indicators()`
/// are the items carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagItem {
    node: Node,
    name: String,
}

node_item!(TagItem);

/// One tag. Any characters are fine (`/`, `%`, `^`, spaces, non-ASCII); the
/// name is encoded as one segment.
pub fn tag(name: &str) -> TagItem {
    TagItem {
        node: Node::new(ApiPath::root().lit("tags").value(name)),
        name: name.to_string(),
    }
}

impl TagItem {
    fn checked<T>(&self, call: Call<T>) -> Call<T> {
        match check_tag(&self.name) {
            Ok(()) => call,
            Err(e) => call.fail(e),
        }
    }

    /// Reads the tag.
    pub fn get(&self) -> Call<Tag> {
        self.checked(Call::entity(Method::Get, self.node.path.clone(), "tag").owner_scoped())
    }

    /// Renames the tag (newer servers: `PUT /v2/tags/{name}`).
    pub fn rename(&self, new_name: &str, description: Option<&str>) -> Call<Tag> {
        let body = TagInput {
            name: new_name.to_string(),
            description: description.map(str::to_string),
        };
        let call = self.checked(
            Call::entity(Method::Put, self.node.path.clone(), "tag")
                .json_body(&body)
                .owner_scoped(),
        );
        match check_tag(new_name) {
            Ok(()) => call,
            Err(e) => call.fail(e),
        }
    }

    /// Deletes the tag everywhere in the owner.
    pub fn delete(&self) -> Call<()> {
        self.checked(Call::success(Method::Delete, self.node.path.clone()).owner_scoped())
    }
}
