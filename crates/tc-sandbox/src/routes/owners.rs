//! `/v2/owners…` and `/v2/whoami`.

use serde_json::{Value, json};

use super::{Answer, Ctx, only};
use crate::reply;
use crate::store::{ORG_ID, OwnerRec};

pub(crate) fn owner_json(o: &OwnerRec) -> Value {
    json!({"id": o.id, "name": o.name, "type": o.kind})
}

pub(crate) fn owners(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    only(method, "GET")?;
    let store = &*ctx.store;
    match rest {
        [] => {
            let items: Vec<Value> = store
                .owners
                .iter()
                .filter(|o| o.accessible)
                .map(owner_json)
                .collect();
            ctx.page("owner", items)
        }
        ["mine"] => match store.owner(ORG_ID) {
            Some(o) => Ok(reply::entity(200, "owner", owner_json(o))),
            None => Err(reply::not_found()),
        },
        ["mine", "members"] => {
            let users: Vec<Value> = store
                .users
                .iter()
                .map(|u| json!({"userName": u.user_name, "firstName": u.first_name, "lastName": u.last_name}))
                .collect();
            // Recorded replies of this endpoint carry no resultCount.
            Ok(reply::json(
                200,
                &json!({"status": "Success", "data": {"user": users}}),
            ))
        }
        ["metrics"] => Ok(metrics(ctx, None)),
        [id] => {
            let o = find(ctx, id)?;
            Ok(reply::entity(200, "owner", owner_json(o)))
        }
        [id, "metrics"] => {
            let id = find(ctx, id)?.id;
            Ok(metrics(ctx, Some(id)))
        }
        _ => Err(reply::unmatched(ctx.req.raw_path())),
    }
}

fn find<'a>(ctx: &'a Ctx<'_>, id: &str) -> Result<&'a OwnerRec, tc_core::HttpResponse> {
    let Ok(id) = id.parse::<u64>() else {
        return Err(reply::not_found());
    };
    match ctx.store.owner(id) {
        Some(o) if o.accessible => Ok(o),
        Some(_) => Err(reply::failure(403, reply::OWNER_NOT_FOUND)),
        None => Err(reply::not_found()),
    }
}

/// One row per day for the last 30 days, counted from the store.
fn metrics(ctx: &Ctx<'_>, owner: Option<u64>) -> tc_core::HttpResponse {
    let store = &*ctx.store;
    let mine = |o: u64| owner.is_none_or(|id| id == o);
    let indicators: Vec<_> = store
        .indicators
        .values()
        .filter(|i| !i.deleted && mine(i.owner))
        .collect();
    let count = |branch: &str| indicators.iter().filter(|i| i.branch == branch).count();
    let groups: Vec<_> = store.groups.values().filter(|g| mine(g.owner)).collect();
    let gcount = |branch: &str| groups.iter().filter(|g| g.branch == branch).count();
    let rated: Vec<f64> = indicators.iter().filter_map(|i| i.rating).collect();
    let avg_rating = if rated.is_empty() {
        0.0
    } else {
        rated.iter().sum::<f64>() / rated.len() as f64
    };
    let confident: Vec<i64> = indicators.iter().filter_map(|i| i.confidence).collect();
    let avg_conf = if confident.is_empty() {
        0.0
    } else {
        confident.iter().sum::<i64>() as f64 / confident.len() as f64
    };
    let rows: Vec<Value> = (0..30)
        .map(|day| {
            let date = chrono::DateTime::from_timestamp(ctx.now - (29 - day) * 86_400, 0)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            json!({
                "metricDate": date,
                "totalIndicator": indicators.len(),
                "totalHost": count("hosts"),
                "totalAddress": count("addresses"),
                "totalEmailAddress": count("emailAddresses"),
                "totalFile": count("files"),
                "totalUrl": count("urls"),
                "totalGroup": groups.len(),
                "totalThreat": gcount("threats"),
                "totalIncident": gcount("incidents"),
                "totalEmail": gcount("emails"),
                "totalCampaign": gcount("campaigns"),
                "totalAdversary": gcount("adversaries"),
                "totalSignature": gcount("signatures"),
                "totalDocument": gcount("documents"),
                "totalTask": store.tasks.values().filter(|t| mine(t.owner)).count(),
                "totalTag": store.tags.keys().filter(|(o, _)| mine(*o)).count(),
                "averageIndicatorRating": avg_rating,
                "averageIndicatorConfidence": avg_conf,
            })
        })
        .collect();
    reply::json(
        200,
        &json!({"status": "Success", "data": {"ownerMetric": rows}}),
    )
}

pub(crate) fn whoami(ctx: &mut Ctx<'_>, method: &str) -> Answer {
    only(method, "GET")?;
    let user = json!({
        "userName": ctx.store.api_user,
        "firstName": "Sandbox",
        "lastName": "API",
        "pseudonym": "SandboxApi",
        "role": "Api User",
    });
    Ok(reply::entity(200, "user", user))
}
