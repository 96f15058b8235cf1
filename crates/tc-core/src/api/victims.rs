use serde::Serialize;

use crate::call::Call;
use crate::http::Method;
use crate::models::{Victim, VictimAsset};
use crate::paging::Page;
use crate::url::ApiPath;

use super::node::Node;
use super::node_item;
use super::types::VictimAssetType;

fn base() -> ApiPath {
    ApiPath::root().lit("victims")
}

/// `/v2/victims`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Victims;

/// The victims.
pub fn victims() -> Victims {
    Victims
}

impl Victims {
    /// `GET /v2/victims`.
    pub fn list(&self) -> Call<Page<Victim>> {
        Call::list(base(), "victim").owner_scoped()
    }

    /// `POST /v2/victims` (`name` required).
    pub fn create(&self, victim: &Victim) -> Call<Victim> {
        Call::entity(Method::Post, base(), "victim")
            .json_body(victim)
            .owner_scoped()
    }
}

/// One victim: `/v2/victims/{id}`. Its `victim_assets()` child is shared
/// with other parents; [`VictimItem::assets`] adds create/update/delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VictimItem {
    node: Node,
}

node_item!(VictimItem);

/// One victim by id.
pub fn victim(id: u64) -> VictimItem {
    VictimItem {
        node: Node::new(base().value(id.to_string())),
    }
}

impl VictimItem {
    /// Reads the victim.
    pub fn get(&self) -> Call<Victim> {
        Call::entity(Method::Get, self.node.path.clone(), "victim")
    }

    /// Updates the victim.
    pub fn update(&self, victim: &Victim) -> Call<Victim> {
        Call::entity(Method::Put, self.node.path.clone(), "victim").json_body(victim)
    }

    /// Deletes the victim.
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.node.path.clone())
    }

    /// The victim's own assets of one type.
    pub fn assets(&self, kind: VictimAssetType) -> VictimAssetItem {
        VictimAssetItem {
            path: self
                .node
                .path
                .clone()
                .lit("victimAssets")
                .lit(kind.branch()),
            kind,
        }
    }
}

/// The assets of one type of a victim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VictimAssetItem {
    path: ApiPath,
    kind: VictimAssetType,
}

impl VictimAssetItem {
    /// Lists them.
    pub fn list(&self) -> Call<Page<VictimAsset>> {
        Call::list(self.path.clone(), self.kind.entity())
    }

    /// Adds one (`address`, `account`+`network`, `phoneType`, `webSite`).
    pub fn create<B: Serialize + ?Sized>(&self, asset: &B) -> Call<VictimAsset> {
        Call::entity(Method::Post, self.path.clone(), self.kind.entity()).json_body(asset)
    }

    /// Reads one.
    pub fn get(&self, id: u64) -> Call<VictimAsset> {
        Call::entity(
            Method::Get,
            self.path.clone().value(id.to_string()),
            self.kind.entity(),
        )
    }

    /// Changes one.
    pub fn update<B: Serialize + ?Sized>(&self, id: u64, asset: &B) -> Call<VictimAsset> {
        Call::entity(
            Method::Put,
            self.path.clone().value(id.to_string()),
            self.kind.entity(),
        )
        .json_body(asset)
    }

    /// Deletes one.
    pub fn delete(&self, id: u64) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(id.to_string()))
    }
}
