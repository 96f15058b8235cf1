//! Routing: match the raw path, decode each segment, answer.
//!
//! Routes are matched on the raw path split at `/`, and each segment is
//! percent-decoded afterwards, so `%2F` inside a value never splits it.

pub(crate) mod batch;
mod children;
mod common;
mod filters;
mod groups;
mod indicator_items;
pub(crate) mod indicators;
mod owners;
mod pivots;
mod render;
mod tasks;
mod victims;

use serde_json::Value;
use tc_core::HttpResponse;

use crate::Sandbox;
use crate::reply;
use crate::request::{Request, decode_segment};
use crate::store::{ORG_ID, ObjRef, Store};

/// What a handler gets: the store, the request, the time and the owner the
/// request is scoped to.
pub(crate) struct Ctx<'a> {
    pub store: &'a mut Store,
    pub req: &'a Request,
    pub now: i64,
}

/// A handler's answer: a response either way, `Err` for early exits.
pub(crate) type Answer = Result<HttpResponse, HttpResponse>;

impl Ctx<'_> {
    /// The owner named by `owner=`, or the API user's organization; an
    /// unknown or inaccessible owner answers 403.
    pub(crate) fn owner(&self) -> Result<u64, HttpResponse> {
        match self.req.param("owner") {
            None => Ok(ORG_ID),
            Some(name) => self
                .store
                .owner_named(&name)
                .map(|o| o.id)
                .ok_or_else(|| reply::failure(403, reply::OWNER_NOT_FOUND)),
        }
    }

    /// Whether a flag such as `includeAdditional=true` or
    /// `includes=additional` is on.
    pub(crate) fn include(&self, what: &str) -> bool {
        let mut long = String::from("include");
        let mut chars = what.chars();
        if let Some(first) = chars.next() {
            long.push(first.to_ascii_uppercase());
            long.extend(chars);
        }
        self.req
            .param(&long)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || self
                .req
                .params("includes")
                .iter()
                .any(|v| v.eq_ignore_ascii_case(what))
    }

    /// The JSON body as an object; a missing or malformed body answers 400.
    pub(crate) fn body(&self) -> Result<serde_json::Map<String, Value>, HttpResponse> {
        match serde_json::from_slice::<Value>(&self.req.body) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(reply::bad_request("The request was not properly formed")),
        }
    }

    /// Answers a list with the paging rules of the service: `resultStart`
    /// and `resultLimit` must be integers, the limit at most 10,000, and
    /// `resultCount` is sent only for the first page. Filters apply first.
    pub(crate) fn page(&self, key: &str, items: Vec<Value>) -> Answer {
        let items = filters::apply(self.req, items)?;
        let (start, limit) = self.window()?;
        let total = items.len();
        let page: Vec<Value> = items.into_iter().skip(start).take(limit).collect();
        Ok(reply::list(key, page, total, start))
    }

    /// Like [`Ctx::page`], but renders only the items of the page when no
    /// filter needs every item rendered (long lists stay cheap to page).
    pub(crate) fn page_of<T>(
        &self,
        key: &str,
        items: &[T],
        render: impl Fn(&T) -> Value,
    ) -> Answer {
        if self.req.param("filters").is_some() {
            return self.page(key, items.iter().map(render).collect());
        }
        let (start, limit) = self.window()?;
        let page = items.iter().skip(start).take(limit).map(render).collect();
        Ok(reply::list(key, page, items.len(), start))
    }

    /// `resultStart` and `resultLimit`, checked like the service checks them.
    fn window(&self) -> Result<(usize, usize), HttpResponse> {
        let bad = || {
            reply::bad_request(
                "The resultStart and resultLimit query parameters must be integers and the \
                 maximum value for resultLimit is 10000",
            )
        };
        let start = match self.req.param("resultStart") {
            None => 0,
            Some(s) => s.trim().parse::<usize>().map_err(|_| bad())?,
        };
        let limit = match self.req.param("resultLimit") {
            None => tc_core::DEFAULT_RESULT_LIMIT as usize,
            Some(s) => match s.trim().parse::<usize>() {
                Ok(n) if (1..=tc_core::MAX_RESULT_LIMIT as usize).contains(&n) => n,
                _ => return Err(bad()),
            },
        };
        Ok((start, limit))
    }
}

/// Answers an authenticated request.
pub(crate) fn dispatch(sandbox: &mut Sandbox, req: &Request, now: i64) -> HttpResponse {
    let raw_path = req.raw_path();
    let base = format!("{}/v2", sandbox.config.prefix);
    let Some(rest) = raw_path.strip_prefix(&base) else {
        return reply::unmatched(raw_path);
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return reply::unmatched(raw_path);
    }
    let mut segments = Vec::new();
    for raw in rest.split('/').skip(1) {
        match decode_segment(raw) {
            Some(s) => segments.push(s),
            None => return reply::bad_request("The request was not properly formed"),
        }
    }
    // The seed writes some templates with a trailing slash.
    if segments.last().is_some_and(String::is_empty) {
        segments.pop();
    }
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    let mut ctx = Ctx {
        store: &mut sandbox.store,
        req,
        now,
    };
    let method = req.method.as_str();
    let answer = match segs.first().copied() {
        Some("owners") => owners::owners(&mut ctx, method, &segs[1..]),
        Some("whoami") if segs.len() == 1 => owners::whoami(&mut ctx, method),
        Some("indicators") => indicators::route(&mut ctx, method, &segs[1..]),
        Some("types") => indicators::types(&mut ctx, method, &segs[1..]),
        Some("batch") => batch::route(&mut ctx, method, &segs[1..]),
        Some("groups") => groups::route(&mut ctx, method, &segs[1..]),
        Some("tags") => pivots::tags(&mut ctx, method, &segs[1..]),
        Some("securityLabels") => pivots::labels(&mut ctx, method, &segs[1..]),
        Some("tasks") => tasks::route(&mut ctx, method, &segs[1..]),
        Some("victims") => victims::route(&mut ctx, method, &segs[1..]),
        _ => Err(reply::unmatched(raw_path)),
    };
    match answer {
        Ok(r) | Err(r) => r,
    }
}

/// Embeds attributes, tags and labels when the request asks for them.
pub(crate) fn includes(ctx: &Ctx<'_>, item: ObjRef, m: &mut serde_json::Map<String, Value>) {
    let store = &*ctx.store;
    if ctx.include("attributes") {
        let attrs: Vec<Value> = store
            .attributes
            .values()
            .filter(|a| a.parent == item)
            .map(|a| common::attribute_json(ctx, a))
            .collect();
        m.insert("attribute".into(), Value::Array(attrs));
    }
    if ctx.include("tags") {
        let owner = store.owner_of(item);
        let tags: Vec<Value> = store
            .tags_of(item)
            .iter()
            .map(|t| common::tag_json(store, owner, t))
            .collect();
        m.insert("tag".into(), Value::Array(tags));
    }
    if ctx.include("labels") {
        let labels: Vec<Value> = store
            .labels_of(item)
            .iter()
            .filter_map(|l| store.labels.get(l))
            .map(common::label_json)
            .collect();
        m.insert("securityLabel".into(), Value::Array(labels));
    }
}

/// A numeric id from a path segment that names an existing item, or 404.
pub(crate) fn known_id(raw: &str, exists: impl Fn(&u64) -> bool) -> Result<u64, HttpResponse> {
    raw.parse::<u64>()
        .ok()
        .filter(|id| exists(id))
        .ok_or_else(reply::not_found)
}

/// Requires one method, answering 401 otherwise.
pub(crate) fn only(method: &str, allowed: &str) -> Result<(), HttpResponse> {
    if method == allowed {
        Ok(())
    } else {
        Err(reply::method_not_allowed())
    }
}
