use crate::call::Call;
use crate::http::Method;
use crate::models::{Owner, OwnerMetric, User};
use crate::paging::Page;
use crate::url::ApiPath;

/// `/v2/owners` and its children.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Owners;

/// The owners the API user can see: `/v2/owners`.
pub fn owners() -> Owners {
    Owners
}

/// One owner by id: `/v2/owners/{id}`.
pub fn owner(id: u64) -> OwnerItem {
    OwnerItem { id }
}

/// The API user: `GET /v2/whoami`.
pub fn whoami() -> Call<User> {
    Call::entity(Method::Get, ApiPath::root().lit("whoami"), "user")
}

fn base() -> ApiPath {
    ApiPath::root().lit("owners")
}

impl Owners {
    /// `GET /v2/owners`.
    pub fn list(&self) -> Call<Page<Owner>> {
        Call::list(base(), "owner")
    }

    /// `GET /v2/owners/mine`: the API user's organization.
    pub fn mine(&self) -> Call<Owner> {
        Call::entity(Method::Get, base().lit("mine"), "owner")
    }

    /// `GET /v2/owners/mine/members`.
    pub fn mine_members(&self) -> Call<Page<User>> {
        Call::custom(
            Method::Get,
            base().lit("mine").lit("members"),
            "members",
            decode_members,
        )
    }

    /// `GET /v2/owners/metrics`: metrics over all owners.
    pub fn metrics(&self) -> Call<Page<OwnerMetric>> {
        Call::list(base().lit("metrics"), "ownerMetric")
    }
}

/// One owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnerItem {
    id: u64,
}

impl OwnerItem {
    /// `GET /v2/owners/{id}` (documented; not in the seed).
    pub fn get(&self) -> Call<Owner> {
        Call::entity(Method::Get, base().value(self.id.to_string()), "owner")
    }

    /// `GET /v2/owners/{id}/metrics`: one row per day.
    pub fn metrics(&self) -> Call<Page<OwnerMetric>> {
        Call::list(
            base().value(self.id.to_string()).lit("metrics"),
            "ownerMetric",
        )
    }
}

/// Members come enveloped (`data.user`), or, for orgs with anonymous
/// membership, as a bare `{"anonymous":true,"members":[…]}`.
fn decode_members(_: &crate::Expect, response: &crate::HttpResponse) -> crate::Result<Page<User>> {
    let map = crate::response::json_object(response)?;
    crate::response::check_envelope(&map, response)?;
    if let Some(members) = map.get("members") {
        let items: Vec<User> =
            crate::response::from_value(members.clone(), "members", &response.body)?;
        let result_count = map.get("resultCount").and_then(serde_json::Value::as_u64);
        return Ok(Page {
            items,
            result_count,
        });
    }
    let list: Call<Page<User>> = Call::list(ApiPath::root(), "user");
    list.parse(response)
}
