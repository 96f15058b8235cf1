//! `/v2/tasks…`.

use serde_json::{Map, Value};

use super::children::{self, Parent};
use super::render::{task_json, user_json};
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{ObjRef, TaskRec};

const FIELDS: &[&str] = &[
    "status",
    "dueDate",
    "reminderDate",
    "escalationDate",
    "description",
];
const STATUSES: &[&str] = &[
    "Not Started",
    "In Progress",
    "Completed",
    "Waiting on Someone",
    "Deferred",
];

/// User names from `[{"userName":…}]`, `{"userName":[…]}` or `{"userName":…}`.
fn user_names(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().flat_map(user_names).collect(),
        Value::Object(m) => m.get("userName").map(user_names).unwrap_or_default(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn apply(rec: &mut TaskRec, body: &Map<String, Value>) -> Result<(), tc_core::HttpResponse> {
    if let Some(status) = body.get("status").and_then(Value::as_str)
        && !STATUSES.contains(&status)
    {
        return Err(reply::bad_request(&format!(
            "The Status for this Task is invalid, please enter one of the following values: {}",
            STATUSES.join(", ")
        )));
    }
    if let Some(name) = body.get("name").and_then(Value::as_str) {
        rec.name = name.to_string();
    }
    for f in FIELDS {
        if let Some(v) = body.get(*f) {
            rec.fields.insert(f.to_string(), v.clone());
        }
    }
    if let Some(v) = body.get("assignee") {
        rec.assignees = user_names(v);
    }
    if let Some(v) = body.get("escalatee") {
        rec.escalatees = user_names(v);
    }
    Ok(())
}

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("GET", []) => {
            let owner = ctx.owner()?;
            let items = ctx
                .store
                .tasks
                .values()
                .filter(|t| t.owner == owner)
                .map(|t| task_json(ctx, t, false))
                .collect();
            ctx.page("task", items)
        }
        ("POST", []) => {
            let owner = ctx.owner()?;
            let body = ctx.body()?;
            if body
                .get("name")
                .and_then(Value::as_str)
                .is_none_or(|n| n.trim().is_empty())
            {
                return Err(reply::bad_request(
                    "The Name for this Task is invalid, please enter a Name",
                ));
            }
            let id = ctx.store.id();
            let mut rec = TaskRec {
                id,
                owner,
                date_added: ctx.now,
                last_modified: ctx.now,
                ..TaskRec::default()
            };
            apply(&mut rec, &body)?;
            rec.fields
                .entry("status")
                .or_insert_with(|| Value::String("Not Started".into()));
            ctx.store.tasks.insert(id, rec);
            ctx.store.wrote();
            let t = ctx.store.tasks.get(&id).ok_or_else(reply::not_found)?;
            Ok(reply::entity(201, "task", task_json(ctx, t, true)))
        }
        (_, [id, tail @ ..]) => {
            let id = super::known_id(id, |id| ctx.store.tasks.contains_key(id))?;
            match (method, tail) {
                ("GET", []) => {
                    let t = ctx.store.tasks.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, "task", task_json(ctx, t, true)))
                }
                ("PUT", []) => {
                    let body = ctx.body()?;
                    let now = ctx.now;
                    let mut rec = ctx
                        .store
                        .tasks
                        .get(&id)
                        .cloned()
                        .ok_or_else(reply::not_found)?;
                    apply(&mut rec, &body)?;
                    rec.last_modified = now;
                    ctx.store.tasks.insert(id, rec);
                    ctx.store.wrote();
                    let t = ctx.store.tasks.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, "task", task_json(ctx, t, true)))
                }
                ("DELETE", []) => {
                    ctx.store.tasks.remove(&id);
                    ctx.store.forget(ObjRef::Task(id));
                    Ok(reply::success(200))
                }
                (_, [which @ ("assignees" | "escalatees"), user @ ..]) => {
                    people(ctx, method, id, which, user)
                }
                _ => children::route(ctx, method, Parent::Item(ObjRef::Task(id)), tail),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn people(ctx: &mut Ctx<'_>, method: &str, id: u64, which: &str, rest: &[&str]) -> Answer {
    let list = |ctx: &Ctx<'_>| -> Vec<String> {
        ctx.store
            .tasks
            .get(&id)
            .map(|t| {
                if which == "assignees" {
                    t.assignees.clone()
                } else {
                    t.escalatees.clone()
                }
            })
            .unwrap_or_default()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = list(ctx).iter().map(|u| user_json(ctx, u)).collect();
            ctx.page("user", items)
        }
        ("GET", [user]) => {
            if list(ctx).iter().any(|u| u == user) {
                Ok(reply::entity(200, "user", user_json(ctx, user)))
            } else {
                Err(reply::not_found())
            }
        }
        ("POST", [user]) => {
            if !ctx.store.users.iter().any(|u| u.user_name == *user) {
                return Err(reply::not_found());
            }
            if let Some(t) = ctx.store.tasks.get_mut(&id) {
                let people = if which == "assignees" {
                    &mut t.assignees
                } else {
                    &mut t.escalatees
                };
                if !people.iter().any(|u| u == user) {
                    people.push(user.to_string());
                }
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        ("DELETE", [user]) => {
            let mut removed = false;
            if let Some(t) = ctx.store.tasks.get_mut(&id) {
                let people = if which == "assignees" {
                    &mut t.assignees
                } else {
                    &mut t.escalatees
                };
                let before = people.len();
                people.retain(|u| u != user);
                removed = people.len() != before;
            }
            if !removed {
                return Err(reply::not_found());
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}
