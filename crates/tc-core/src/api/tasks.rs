use crate::call::Call;
use crate::http::Method;
use crate::models::{Task, User};
use crate::paging::Page;
use crate::url::ApiPath;

use super::node::Node;
use super::node_item;

fn base() -> ApiPath {
    ApiPath::root().lit("tasks")
}

/// `/v2/tasks`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tasks;

/// The tasks.
pub fn tasks() -> Tasks {
    Tasks
}

impl Tasks {
    /// `GET /v2/tasks`.
    pub fn list(&self) -> Call<Page<Task>> {
        Call::list(base(), "task").owner_scoped()
    }

    /// `POST /v2/tasks` (only `name` is required; assignees by user name).
    pub fn create(&self, task: &Task) -> Call<Task> {
        Call::entity(Method::Post, base(), "task")
            .json_body(task)
            .owner_scoped()
    }
}

/// One task: `/v2/tasks/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskItem {
    node: Node,
}

node_item!(TaskItem);

/// One task by id.
pub fn task(id: u64) -> TaskItem {
    TaskItem {
        node: Node::new(base().value(id.to_string())),
    }
}

impl TaskItem {
    /// Reads the task (with `assignee[]`).
    pub fn get(&self) -> Call<Task> {
        Call::entity(Method::Get, self.node.path.clone(), "task")
    }

    /// Updates the task.
    pub fn update(&self, task: &Task) -> Call<Task> {
        Call::entity(Method::Put, self.node.path.clone(), "task").json_body(task)
    }

    /// Deletes the task.
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.node.path.clone())
    }

    /// `…/assignees`.
    pub fn assignees(&self) -> UserLinks {
        UserLinks {
            path: self.node.path.clone().lit("assignees"),
        }
    }

    /// `…/escalatees`.
    pub fn escalatees(&self) -> UserLinks {
        UserLinks {
            path: self.node.path.clone().lit("escalatees"),
        }
    }
}

/// The assignees or escalatees of a task, by user name (for API users the
/// access id). The seed's `{assigneeId}` is the same slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserLinks {
    path: ApiPath,
}

impl UserLinks {
    /// Lists them.
    pub fn list(&self) -> Call<Page<User>> {
        Call::list(self.path.clone(), "user")
    }

    /// Reads one.
    pub fn get(&self, user_name: &str) -> Call<User> {
        Call::entity(Method::Get, self.path.clone().value(user_name), "user")
    }

    /// Adds one (answers 200).
    pub fn add(&self, user_name: &str) -> Call<()> {
        Call::success(Method::Post, self.path.clone().value(user_name)).idempotent()
    }

    /// Removes one.
    pub fn remove(&self, user_name: &str) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(user_name))
    }
}
