//! Tasks and their assignees and escalatees.

use std::ops::Deref as _;

use tc_core::Result;
use tc_core::api::{self, TaskItem};
use tc_core::models::Task;

use super::table;
use crate::args::Args;
use crate::prepared::{done, list, one};

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "tasks.list" => list(api::tasks().list(), a),
        "tasks.create" => one(api::tasks().create(&a.body_as::<Task>()?), a),
    }
}

fn task(a: &Args) -> Result<TaskItem> {
    Ok(api::task(a.id()?))
}

/// The parent node of a task.
pub(crate) fn node(a: &Args) -> Result<api::Node> {
    Ok(task(a)?.deref().clone())
}

table! {
    pub(crate) fn item(a) -> ITEM {
        "get" => one(task(a)?.get(), a),
        "update" => one(task(a)?.update(&a.body_as::<Task>()?), a),
        "delete" => done(task(a)?.delete(), a),
        "assignees.list" => list(task(a)?.assignees().list(), a),
        "assignees.get" => one(task(a)?.assignees().get(a.target_name()?), a),
        "assignees.add" => done(task(a)?.assignees().add(a.target_name()?), a),
        "assignees.remove" => done(task(a)?.assignees().remove(a.target_name()?), a),
        "escalatees.list" => list(task(a)?.escalatees().list(), a),
        "escalatees.get" => one(task(a)?.escalatees().get(a.target_name()?), a),
        "escalatees.add" => done(task(a)?.escalatees().add(a.target_name()?), a),
        "escalatees.remove" => done(task(a)?.escalatees().remove(a.target_name()?), a),
    }
}
