use serde::Serialize;

use crate::call::Call;
use crate::http::Method;
use crate::models::{AdversaryAsset, Group};
use crate::paging::Page;
use crate::url::ApiPath;

use super::node::Node;
use super::node_item;
use super::types::{AdversaryAssetType, GroupType};

fn base() -> ApiPath {
    ApiPath::root().lit("groups")
}

/// `/v2/groups` and its type branches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Groups;

/// The group collections.
pub fn groups() -> Groups {
    Groups
}

impl Groups {
    /// `GET /v2/groups`: every type (items carry `type`).
    pub fn list(&self) -> Call<Page<Group>> {
        Call::list(base(), "group").owner_scoped()
    }

    /// Lists groups of one type.
    pub fn list_of(&self, kind: GroupType) -> Call<Page<Group>> {
        Call::list(base().lit_owned(kind.branch()), kind.entity().to_string()).owner_scoped()
    }

    /// Creates a group of one type (`name` plus the type's required fields).
    pub fn create(&self, kind: GroupType, group: &Group) -> Call<Group> {
        Call::entity(
            Method::Post,
            base().lit_owned(kind.branch()),
            kind.entity().to_string(),
        )
        .json_body(group)
        .owner_scoped()
    }
}

/// One group: `/v2/groups/{type}/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupItem {
    node: Node,
    kind: GroupType,
}

node_item!(GroupItem);

/// One group by type and id.
pub fn group(kind: GroupType, id: u64) -> GroupItem {
    GroupItem {
        node: Node::new(base().lit_owned(kind.branch()).value(id.to_string())),
        kind,
    }
}

/// What `POST …/publish` sends: labels listed are *excluded* from publishing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishOptions {
    /// Security labels whose items are not published.
    pub security_label_list: Vec<String>,
    /// Also skip items without labels.
    pub exclude_unlabeled: bool,
}

impl GroupItem {
    /// The group's type.
    pub fn kind(&self) -> &GroupType {
        &self.kind
    }

    fn entity(&self) -> String {
        self.kind.entity().to_string()
    }

    /// Reads the group.
    pub fn get(&self) -> Call<Group> {
        Call::entity(Method::Get, self.node.path.clone(), self.entity())
    }

    /// Updates the group with the fields given.
    pub fn update(&self, group: &Group) -> Call<Group> {
        Call::entity(Method::Put, self.node.path.clone(), self.entity()).json_body(group)
    }

    /// Deletes the group.
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.node.path.clone())
    }

    /// `POST …/publish`.
    pub fn publish(&self, options: &PublishOptions) -> Call<()> {
        Call::success(Method::Post, self.node.path.clone().lit("publish")).json_body(options)
    }

    /// Adversary assets (`/v2/groups/adversaries/{id}/adversaryAssets`).
    pub fn adversary_assets(&self) -> AdversaryAssets {
        AdversaryAssets {
            path: self.node.path.clone().lit("adversaryAssets"),
        }
    }

    /// Document and report content (`…/upload`, `…/download`).
    pub fn document(&self) -> DocumentItem {
        DocumentItem {
            path: self.node.path.clone(),
        }
    }

    /// `GET /v2/groups/signatures/{id}/download`: the signature text.
    pub fn signature_text(&self) -> Call<String> {
        Call::text(self.node.path.clone().lit("download"))
    }
}

/// The assets of an adversary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdversaryAssets {
    path: ApiPath,
}

impl AdversaryAssets {
    /// Lists assets of every type (`bucketAsset`).
    pub fn list(&self) -> Call<Page<AdversaryAsset>> {
        Call::list(self.path.clone(), "bucketAsset")
    }

    /// Lists assets of one type.
    pub fn list_of(&self, kind: AdversaryAssetType) -> Call<Page<AdversaryAsset>> {
        Call::list(self.path.clone().lit(kind.branch()), kind.entity())
    }

    /// Adds an asset: its value goes in the type's field (`handle`, `phoneNumber`, `url`).
    pub fn create(&self, kind: AdversaryAssetType, value: &str) -> Call<AdversaryAsset> {
        let body = serde_json::json!({ kind.field(): value });
        Call::entity(
            Method::Post,
            self.path.clone().lit(kind.branch()),
            kind.entity(),
        )
        .json_body(&body)
    }

    /// Reads one asset.
    pub fn get(&self, kind: AdversaryAssetType, id: u64) -> Call<AdversaryAsset> {
        Call::entity(
            Method::Get,
            self.path.clone().lit(kind.branch()).value(id.to_string()),
            kind.entity(),
        )
    }

    /// Changes one asset's value.
    pub fn update(&self, kind: AdversaryAssetType, id: u64, value: &str) -> Call<AdversaryAsset> {
        let body = serde_json::json!({ kind.field(): value });
        Call::entity(
            Method::Put,
            self.path.clone().lit(kind.branch()).value(id.to_string()),
            kind.entity(),
        )
        .json_body(&body)
    }

    /// Deletes one asset.
    pub fn delete(&self, kind: AdversaryAssetType, id: u64) -> Call<()> {
        Call::success(
            Method::Delete,
            self.path.clone().lit(kind.branch()).value(id.to_string()),
        )
    }
}

/// The file content of a document or report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentItem {
    path: ApiPath,
}

impl DocumentItem {
    /// `POST …/upload`: first upload of the content, as raw bytes.
    pub fn upload(&self, bytes: Vec<u8>) -> Call<()> {
        Call::success(Method::Post, self.path.clone().lit("upload"))
            .raw_body("application/octet-stream", bytes)
    }

    /// `PUT …/upload`: replaces existing content.
    pub fn replace(&self, bytes: Vec<u8>) -> Call<()> {
        Call::success(Method::Put, self.path.clone().lit("upload"))
            .raw_body("application/octet-stream", bytes)
    }

    /// `GET …/download`: the content as bytes.
    pub fn download(&self) -> Call<Vec<u8>> {
        Call::bytes(self.path.clone().lit("download"))
    }
}
