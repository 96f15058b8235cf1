//! The shared children of every parent in the path tree.
//!
//! A parent (group, indicator, security label, tag, task, victim) is a
//! [`Node`]: a path plus the same association children. Modelled once, so
//! one fix serves every parent.

use serde::Serialize;

use crate::call::Call;
use crate::error::Error;
use crate::http::Method;
use crate::models::{Attribute, Group, Indicator, SecurityLabel, Tag, Task, Victim, VictimAsset};
use crate::paging::Page;
use crate::url::ApiPath;

use super::types::{GroupType, IndicatorType, VictimAssetType};

/// The longest tag name the service accepts.
pub const MAX_TAG_LENGTH: usize = 128;

/// A parent in the path tree, e.g. `/v2/groups/incidents/42`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub(crate) path: ApiPath,
}

impl Node {
    pub(crate) fn new(path: ApiPath) -> Self {
        Node { path }
    }

    /// This parent's path.
    pub fn path(&self) -> &ApiPath {
        &self.path
    }

    fn child(&self, segment: &'static str) -> ApiPath {
        self.path.clone().lit(segment)
    }

    /// Attributes: `…/attributes`.
    pub fn attributes(&self) -> Attributes {
        Attributes {
            path: self.child("attributes"),
        }
    }

    /// One attribute: `…/attributes/{id}`.
    pub fn attribute(&self, id: u64) -> AttributeItem {
        AttributeItem {
            path: self.child("attributes").value(id.to_string()),
        }
    }

    /// Tags: `…/tags`.
    pub fn tags(&self) -> TagLinks {
        TagLinks {
            path: self.child("tags"),
        }
    }

    /// Security labels: `…/securityLabels`.
    pub fn security_labels(&self) -> LabelLinks {
        LabelLinks {
            path: self.child("securityLabels"),
        }
    }

    /// Associated groups: `…/groups`.
    pub fn groups(&self) -> GroupLinks {
        GroupLinks {
            path: self.child("groups"),
        }
    }

    /// Associated indicators: `…/indicators`.
    pub fn indicators(&self) -> IndicatorLinks {
        IndicatorLinks {
            path: self.child("indicators"),
        }
    }

    /// Associated victims: `…/victims`.
    pub fn victims(&self) -> IdLinks<Victim> {
        IdLinks::new(self.child("victims"), "victim")
    }

    /// Associated victim assets: `…/victimAssets`.
    pub fn victim_assets(&self) -> VictimAssetLinks {
        VictimAssetLinks {
            path: self.child("victimAssets"),
        }
    }

    /// Associated tasks: `…/tasks` (documented; not in the seed).
    pub fn tasks(&self) -> IdLinks<Task> {
        IdLinks::new(self.child("tasks"), "task")
    }
}

/// The attribute collection of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributes {
    path: ApiPath,
}

/// The fields of an attribute to create or update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AttributeInput {
    /// The attribute type (required on create).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The "default" flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub displayed: Option<bool>,
    /// The source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl AttributeInput {
    /// A new attribute of `kind` with `value`.
    pub fn new(kind: impl Into<String>, value: impl Into<String>) -> Self {
        AttributeInput {
            kind: Some(kind.into()),
            value: Some(value.into()),
            ..AttributeInput::default()
        }
    }

    /// A change of value only.
    pub fn value(value: impl Into<String>) -> Self {
        AttributeInput {
            value: Some(value.into()),
            ..AttributeInput::default()
        }
    }

    /// Sets the "default" flag.
    pub fn displayed(mut self, displayed: bool) -> Self {
        self.displayed = Some(displayed);
        self
    }

    /// Sets the source.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }
}

impl Attributes {
    /// Lists the attributes.
    pub fn list(&self) -> Call<Page<Attribute>> {
        Call::list(self.path.clone(), "attribute")
    }

    /// Adds an attribute (`type` and `value` required).
    pub fn create(&self, attribute: &AttributeInput) -> Call<Attribute> {
        let call = Call::entity(Method::Post, self.path.clone(), "attribute").json_body(attribute);
        if attribute.kind.as_deref().is_none_or(str::is_empty) {
            return call.fail(Error::invalid("type", "an attribute needs a type"));
        }
        call
    }
}

/// One attribute of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeItem {
    path: ApiPath,
}

impl AttributeItem {
    /// Reads the attribute.
    pub fn get(&self) -> Call<Attribute> {
        Call::entity(Method::Get, self.path.clone(), "attribute")
    }

    /// Changes the attribute.
    pub fn update(&self, attribute: &AttributeInput) -> Call<Attribute> {
        Call::entity(Method::Put, self.path.clone(), "attribute").json_body(attribute)
    }

    /// Deletes the attribute.
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.path.clone())
    }

    /// The attribute's security labels.
    pub fn security_labels(&self) -> LabelLinks {
        LabelLinks {
            path: self.path.clone().lit("securityLabels"),
        }
    }
}

/// Checks a tag name before it is sent.
pub(crate) fn check_tag(name: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::invalid("tag", "a tag name cannot be blank"));
    }
    let len = name.chars().count();
    if len > MAX_TAG_LENGTH {
        return Err(Error::invalid(
            "tag",
            format!("a tag name is at most {MAX_TAG_LENGTH} characters; this one has {len}"),
        ));
    }
    Ok(())
}

fn checked<T>(call: Call<T>, check: Result<(), Error>) -> Call<T> {
    match check {
        Ok(()) => call,
        Err(e) => call.fail(e),
    }
}

/// The tags of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLinks {
    path: ApiPath,
}

impl TagLinks {
    /// Lists the tags.
    pub fn list(&self) -> Call<Page<Tag>> {
        Call::list(self.path.clone(), "tag")
    }

    /// Reads one applied tag.
    pub fn get(&self, name: &str) -> Call<Tag> {
        let call = Call::entity(Method::Get, self.path.clone().value(name), "tag");
        checked(call, check_tag(name))
    }

    /// Applies a tag (created if new). At most 128 characters, checked
    /// before sending.
    pub fn add(&self, name: &str) -> Call<()> {
        let call = Call::success(Method::Post, self.path.clone().value(name)).idempotent();
        checked(call, check_tag(name))
    }

    /// Removes a tag.
    pub fn remove(&self, name: &str) -> Call<()> {
        let call = Call::success(Method::Delete, self.path.clone().value(name));
        checked(call, check_tag(name))
    }
}

/// The security labels of a parent or attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLinks {
    path: ApiPath,
}

impl LabelLinks {
    /// Lists the labels.
    pub fn list(&self) -> Call<Page<SecurityLabel>> {
        Call::list(self.path.clone(), "securityLabel")
    }

    /// Reads one applied label.
    pub fn get(&self, name: &str) -> Call<SecurityLabel> {
        Call::entity(Method::Get, self.path.clone().value(name), "securityLabel")
    }

    /// Applies an existing label.
    pub fn add(&self, name: &str) -> Call<()> {
        Call::success(Method::Post, self.path.clone().value(name)).idempotent()
    }

    /// Removes a label.
    pub fn remove(&self, name: &str) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(name))
    }
}

/// Associated groups of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupLinks {
    path: ApiPath,
}

impl GroupLinks {
    /// Lists associated groups of every type.
    pub fn list(&self) -> Call<Page<Group>> {
        Call::list(self.path.clone(), "group")
    }

    /// Associated groups of one type.
    pub fn of_type(&self, kind: GroupType) -> TypedGroupLinks {
        TypedGroupLinks {
            path: self.path.clone().lit_owned(kind.branch()),
            kind,
        }
    }
}

/// Associated groups of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedGroupLinks {
    path: ApiPath,
    kind: GroupType,
}

impl TypedGroupLinks {
    /// Lists them.
    pub fn list(&self) -> Call<Page<Group>> {
        Call::list(self.path.clone(), self.kind.entity().to_string())
    }

    /// Reads one associated group.
    pub fn get(&self, id: u64) -> Call<Group> {
        Call::entity(
            Method::Get,
            self.path.clone().value(id.to_string()),
            self.kind.entity().to_string(),
        )
    }

    /// Associates a group.
    pub fn add(&self, id: u64) -> Call<()> {
        Call::success(Method::Post, self.path.clone().value(id.to_string())).idempotent()
    }

    /// Dissociates a group.
    pub fn remove(&self, id: u64) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(id.to_string()))
    }
}

/// Associated indicators of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorLinks {
    path: ApiPath,
}

impl IndicatorLinks {
    pub(crate) fn at(path: ApiPath) -> Self {
        IndicatorLinks { path }
    }

    /// Lists associated indicators of every type.
    pub fn list(&self) -> Call<Page<Indicator>> {
        Call::list(self.path.clone(), "indicator")
    }

    /// Associated indicators of one type (base or custom).
    pub fn of_type(&self, kind: impl Into<IndicatorType>) -> TypedIndicatorLinks {
        let kind = kind.into();
        TypedIndicatorLinks {
            path: self.path.clone().lit_owned(kind.branch()),
            kind,
        }
    }
}

/// Associated indicators of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedIndicatorLinks {
    path: ApiPath,
    kind: IndicatorType,
}

impl TypedIndicatorLinks {
    /// Lists them.
    pub fn list(&self) -> Call<Page<Indicator>> {
        Call::list(self.path.clone(), self.kind.entity().to_string())
    }

    /// Reads one associated indicator by value.
    pub fn get(&self, value: &str) -> Call<Indicator> {
        Call::entity(
            Method::Get,
            self.path.clone().value(value),
            self.kind.entity().to_string(),
        )
    }

    /// Associates an indicator (it must exist).
    pub fn add(&self, value: &str) -> Call<()> {
        Call::success(Method::Post, self.path.clone().value(value)).idempotent()
    }

    /// Dissociates an indicator.
    pub fn remove(&self, value: &str) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(value))
    }
}

/// Associated items addressed by numeric id (victims, tasks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdLinks<M> {
    path: ApiPath,
    key: &'static str,
    _model: std::marker::PhantomData<fn() -> M>,
}

impl<M: serde::de::DeserializeOwned> IdLinks<M> {
    pub(crate) fn new(path: ApiPath, key: &'static str) -> Self {
        IdLinks {
            path,
            key,
            _model: std::marker::PhantomData,
        }
    }

    /// Lists them.
    pub fn list(&self) -> Call<Page<M>> {
        Call::list(self.path.clone(), self.key)
    }

    /// Reads one.
    pub fn get(&self, id: u64) -> Call<M> {
        Call::entity(
            Method::Get,
            self.path.clone().value(id.to_string()),
            self.key,
        )
    }

    /// Associates one.
    pub fn add(&self, id: u64) -> Call<()> {
        Call::success(Method::Post, self.path.clone().value(id.to_string())).idempotent()
    }

    /// Dissociates one.
    pub fn remove(&self, id: u64) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(id.to_string()))
    }
}

/// Associated victim assets of a parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VictimAssetLinks {
    path: ApiPath,
}

impl VictimAssetLinks {
    /// Lists associated assets of every type.
    pub fn list(&self) -> Call<Page<VictimAsset>> {
        Call::list(self.path.clone(), "victimAsset")
    }

    /// Associated assets of one type.
    pub fn of_type(&self, kind: VictimAssetType) -> IdLinks<VictimAsset> {
        IdLinks::new(self.path.clone().lit(kind.branch()), kind.entity())
    }
}
