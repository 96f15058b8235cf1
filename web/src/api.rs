//! Every call the app makes, in one place: the transport, the client built
//! from the settings, and one async method per thing a page does.
//!
//! Views never build calls themselves. They hold an [`Api`] (a `Copy`
//! handle in the context), ask it for a [`Connection`] inside a resource or
//! an action, and await one of the methods below.

use std::fmt;
use std::rc::Rc;

use leptos::prelude::*;
use tc_core::api::{self, GroupType, IndicatorType, Node, ObservationInput};
use tc_core::fetch::FetchTransport;
use tc_core::models::{FalsePositive, Group, Indicator, Owner, Tag, User};
use tc_core::params::Filter;
use tc_core::{
    ApiErrorKind, Call, Client, Config, Error, HttpRequest, HttpResponse, Page, Transport,
    TransportError,
};
use tc_sandbox::{InProcess, Sandbox, SandboxConfig};

use crate::settings::{Credentials, Mode, Settings};

/// Items asked for per page where the app lists associations.
const LIST_LIMIT: u32 = 200;

/// How long the demo-server probe at start-up may take.
const PROBE_TIMEOUT_MS: u64 = 4_000;

/// Every call's deadline, retries included.
const CALL_TIMEOUT_MS: u64 = 30_000;

/// An error of a call, shown with its message and stable code.
#[derive(Debug, Clone, PartialEq)]
pub struct AppError(pub Error);

impl AppError {
    /// The stable machine code (`not_found`, `network`, ...).
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// Whether the service said the item does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(&self.0, Error::Api(e) if e.kind == ApiErrorKind::NotFound)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // API and transport messages already name their code.
        let message = self.0.to_string();
        let code = self.0.code();
        if message.starts_with(code) || message.contains(&format!("({code})")) {
            f.write_str(&message)
        } else {
            write!(f, "{message} [{code}]")
        }
    }
}

impl std::error::Error for AppError {}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError(e)
    }
}

/// The result of every call here.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Where requests go: the global `fetch`, or a sandbox inside the page.
#[derive(Debug, Clone)]
pub enum AnyTransport {
    /// `fetch` to a server (the sandbox server or a real instance).
    Fetch(FetchTransport),
    /// The in-browser demo sandbox.
    InProcess(InProcess),
}

impl Transport for AnyTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        match self {
            AnyTransport::Fetch(t) => t.send(request).await,
            AnyTransport::InProcess(t) => t.send(request).await,
        }
    }
}

thread_local! {
    // One in-browser sandbox per page, so that writes survive rebuilding
    // the client after a settings change.
    static IN_BROWSER: InProcess = InProcess::new(Sandbox::demo(SandboxConfig::default()))
        .with_clock(|| (js_sys::Date::now() / 1000.0) as i64);
}

/// The page's in-browser demo sandbox.
pub fn in_browser_sandbox() -> InProcess {
    IN_BROWSER.with(Clone::clone)
}

/// Where demo mode sends requests, decided once at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoBackend {
    /// The sandbox server that serves this page (`<origin>/api`).
    Server {
        /// The API base URL, e.g. `http://127.0.0.1:8080/api`.
        base_url: String,
    },
    /// The sandbox compiled into the page (static files, no server).
    InBrowser,
}

impl DemoBackend {
    /// A short description for the header and the settings page.
    pub fn describe(&self) -> String {
        match self {
            DemoBackend::Server { base_url } => format!("demo sandbox at {base_url}"),
            DemoBackend::InBrowser => "demo sandbox in this page (no server)".into(),
        }
    }
}

/// The page's own origin when it is served over http(s).
fn page_origin() -> Option<String> {
    let origin = web_sys::window()?.location().origin().ok()?;
    (origin.starts_with("http://") || origin.starts_with("https://")).then_some(origin)
}

/// Finds the demo sandbox: the server that served this page when
/// `GET /api/v2/whoami` answers there, otherwise the in-browser one.
pub async fn detect_demo() -> DemoBackend {
    let Some(origin) = page_origin() else {
        return DemoBackend::InBrowser;
    };
    let base_url = format!("{origin}/api");
    let backend = DemoBackend::Server { base_url };
    let Ok(conn) = connect(&Settings::default(), Some(&backend), None) else {
        return DemoBackend::InBrowser;
    };
    let whoami = api::whoami();
    match conn
        .client
        .execute_with(&whoami, Some(PROBE_TIMEOUT_MS))
        .await
    {
        Ok(_) => backend,
        Err(_) => DemoBackend::InBrowser,
    }
}

/// Builds a connection from settings; `demo` says where demo mode goes.
pub fn connect(
    settings: &Settings,
    demo: Option<&DemoBackend>,
    busy: Option<RwSignal<u32>>,
) -> Result<Connection> {
    let (base_url, credentials, transport) = match settings.mode {
        Mode::Demo => {
            let creds = Credentials::Hmac {
                access_id: tc_sandbox::DEMO_ACCESS_ID.into(),
                secret_key: tc_sandbox::DEMO_SECRET_KEY.into(),
            };
            match demo {
                Some(DemoBackend::Server { base_url }) => (
                    base_url.clone(),
                    creds,
                    AnyTransport::Fetch(FetchTransport::new()),
                ),
                // The in-process sandbox ignores the origin; it checks the
                // `/api` prefix and the signature.
                _ => (
                    "http://127.0.0.1/api".to_string(),
                    creds,
                    AnyTransport::InProcess(in_browser_sandbox()),
                ),
            }
        }
        Mode::Instance => (
            settings.base_url.clone(),
            settings.credentials.clone(),
            AnyTransport::Fetch(FetchTransport::new()),
        ),
    };
    let mut builder = Config::builder(base_url).user_agent("tc-web");
    builder = match credentials {
        Credentials::Token(token) => builder.token(token),
        Credentials::Hmac {
            access_id,
            secret_key,
        } => builder.hmac(access_id.trim(), secret_key),
    };
    if let Some(owner) = settings.default_owner.as_deref().filter(|o| !o.is_empty()) {
        builder = builder.default_owner(owner);
    }
    let config = builder.build()?;
    let client = Client::new(config, transport).with_timeout_ms(CALL_TIMEOUT_MS);
    Ok(Connection {
        client: Rc::new(client),
        busy,
    })
}

/// The app's state for calls: settings, the demo backend and a counter of
/// calls in flight (for the progress bar). `Copy`, kept in the context.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    settings: RwSignal<Settings>,
    demo: RwSignal<Option<DemoBackend>>,
    busy: RwSignal<u32>,
}

impl Api {
    /// A handle with these settings; demo mode waits for [`Api::demo`] to be set.
    pub fn new(settings: Settings) -> Self {
        Api {
            settings: RwSignal::new(settings),
            demo: RwSignal::new(None),
            busy: RwSignal::new(0),
        }
    }

    /// A handle on the in-browser demo sandbox (tests, static hosting).
    pub fn in_browser_demo() -> Self {
        let api = Api::new(Settings::default());
        api.demo.set(Some(DemoBackend::InBrowser));
        api
    }

    /// The settings.
    pub fn settings(&self) -> RwSignal<Settings> {
        self.settings
    }

    /// Where demo mode goes, once known.
    pub fn demo(&self) -> RwSignal<Option<DemoBackend>> {
        self.demo
    }

    /// How many calls are in flight.
    pub fn busy(&self) -> Signal<u32> {
        self.busy.into()
    }

    /// Whether the app can make calls (demo mode needs its backend first).
    pub fn ready(&self) -> bool {
        self.settings.with(|s| s.mode == Mode::Instance) || self.demo.with(Option::is_some)
    }

    /// A connection for the current settings. Reading it inside a resource
    /// makes the resource reload when the settings change.
    pub fn connection(&self) -> Result<Connection> {
        let demo = self.demo.get();
        self.settings
            .with(|s| connect(s, demo.as_ref(), Some(self.busy)))
    }

    /// A connection for other settings (the settings page's draft).
    pub fn connection_with(&self, settings: &Settings) -> Result<Connection> {
        let demo = self.demo.get_untracked();
        connect(settings, demo.as_ref(), Some(self.busy))
    }

    /// Like [`Api::connection`] without tracking (for actions).
    pub fn connection_untracked(&self) -> Result<Connection> {
        untrack(|| self.connection())
    }
}

/// An item a tag can be put on: an indicator or a group, in an owner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An indicator by type and value.
    Indicator {
        /// Its type.
        kind: IndicatorType,
        /// Its value as used in paths.
        value: String,
        /// Its owner, when not the default.
        owner: Option<String>,
    },
    /// A group by type and id.
    Group {
        /// Its type.
        kind: GroupType,
        /// Its id.
        id: u64,
        /// Its name, for display.
        name: String,
        /// Its owner, when not the default.
        owner: Option<String>,
    },
}

impl Item {
    /// An item for an indicator of a list (type name plus summary).
    pub fn from_indicator(i: &Indicator) -> Option<Item> {
        let kind = IndicatorType::from_name(i.kind.as_deref()?)?;
        let summary = i.summary_text()?;
        // A file's path takes one of its hashes, not the `md5 : sha1 : sha256`
        // summary of lists.
        let value = if kind == IndicatorType::FILES {
            summary
                .split(" : ")
                .find(|h| !h.trim().is_empty())?
                .trim()
                .to_string()
        } else {
            summary
        };
        Some(Item::Indicator {
            kind,
            value,
            owner: i.owner_name().map(str::to_string),
        })
    }

    /// An item for a group of a list.
    pub fn from_group(g: &Group) -> Option<Item> {
        Some(Item::Group {
            kind: GroupType::from_name(g.kind.as_deref()?)?,
            id: g.id,
            name: g.name.clone().unwrap_or_default(),
            owner: g.owner_name().map(str::to_string),
        })
    }

    /// A stable key for lists.
    pub fn key(&self) -> String {
        match self {
            Item::Indicator { kind, value, .. } => format!("i:{kind}:{value}"),
            Item::Group { kind, id, .. } => format!("g:{}:{id}", kind.branch()),
        }
    }

    /// What the item is, for people.
    pub fn label(&self) -> String {
        match self {
            Item::Indicator { kind, value, .. } => format!("{} {value}", kind.name()),
            Item::Group { kind, name, .. } => format!("{} {name}", kind.name()),
        }
    }

    fn node(&self) -> Node {
        match self {
            Item::Indicator { kind, value, .. } => (*api::indicator(kind.clone(), value)).clone(),
            Item::Group { kind, id, .. } => (*api::group(kind.clone(), *id)).clone(),
        }
    }

    fn owner(&self) -> Option<&str> {
        match self {
            Item::Indicator { owner, .. } | Item::Group { owner, .. } => owner.as_deref(),
        }
    }
}

fn in_owner<T>(call: Call<T>, owner: Option<&str>) -> Call<T> {
    match owner {
        Some(o) => call.owner(o),
        None => call,
    }
}

/// One indicator in one owner, with what the lookup page shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDetail {
    /// The owner it was read from.
    pub owner: String,
    /// The indicator with attributes, tags, labels and the additional fields.
    pub indicator: Indicator,
    /// Associated groups.
    pub groups: Vec<Group>,
    /// Associated indicators.
    pub indicators: Vec<Indicator>,
}

/// The items that carry a tag.
#[derive(Debug, Clone, PartialEq)]
pub struct TagItems {
    /// Indicators with the tag.
    pub indicators: Vec<Indicator>,
    /// Groups with the tag.
    pub groups: Vec<Group>,
}

/// What happened to one item of a bulk operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    /// The item.
    pub item: Item,
    /// Success, or the error for this item.
    pub result: Result<()>,
}

/// Decrements the in-flight counter when a call ends or is dropped.
struct BusyGuard(Option<RwSignal<u32>>);

impl BusyGuard {
    fn start(busy: Option<RwSignal<u32>>) -> Self {
        if let Some(b) = busy {
            b.try_update(|n| *n += 1);
        }
        BusyGuard(busy)
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        if let Some(b) = self.0 {
            b.try_update(|n| *n = n.saturating_sub(1));
        }
    }
}

/// A client for the current settings; cheap to clone.
#[derive(Debug, Clone)]
pub struct Connection {
    client: Rc<Client<AnyTransport>>,
    busy: Option<RwSignal<u32>>,
}

impl Connection {
    /// Whether requests stay inside the page.
    pub fn is_in_browser(&self) -> bool {
        matches!(self.client.transport(), AnyTransport::InProcess(_))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        let base = self.client.config().base_url();
        format!("{}{}", base.origin(), base.prefix())
    }

    async fn send<R>(&self, call: Call<R>) -> Result<R> {
        let _busy = BusyGuard::start(self.busy);
        Ok(self.client.execute(&call).await?)
    }

    /// `GET /v2/whoami`.
    pub async fn whoami(&self) -> Result<User> {
        self.send(api::whoami()).await
    }

    /// The owners this user can see.
    pub async fn owners(&self) -> Result<Vec<Owner>> {
        Ok(self.send(api::owners().list()).await?.items)
    }

    /// The owners that hold an indicator; none when it does not exist.
    pub async fn owners_of(&self, kind: &IndicatorType, value: &str) -> Result<Vec<Owner>> {
        match self
            .send(api::indicator(kind.clone(), value).owners())
            .await
        {
            Ok(page) => Ok(page.items),
            Err(e) if e.is_not_found() => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// An indicator in one owner with its details and associations.
    pub async fn indicator_in(
        &self,
        kind: &IndicatorType,
        value: &str,
        owner: &str,
    ) -> Result<IndicatorDetail> {
        let item = api::indicator(kind.clone(), value);
        let get = item
            .get()
            .owner(owner)
            .include_additional()
            .include_attributes()
            .include_tags()
            .include_labels();
        let indicator = self.send(get).await?;
        let groups = self.send(item.groups().list().owner(owner).result_limit(LIST_LIMIT));
        let groups = groups.await?.items;
        let linked = item
            .indicators()
            .list()
            .owner(owner)
            .result_limit(LIST_LIMIT);
        let indicators = self.send(linked).await?.items;
        Ok(IndicatorDetail {
            owner: owner.to_string(),
            indicator,
            groups,
            indicators,
        })
    }

    /// Creates an indicator in `owner` (or the default owner).
    pub async fn create_indicator(
        &self,
        kind: &IndicatorType,
        value: &str,
        owner: Option<&str>,
    ) -> Result<Indicator> {
        let field = self.value_field(kind, value).await?;
        let mut body = serde_json::Map::new();
        body.insert(field, value.into());
        let call = api::indicators().of_type(kind.clone()).create(&body);
        self.send(in_owner(call, owner)).await
    }

    /// The body field that holds an indicator's value on create.
    async fn value_field(&self, kind: &IndicatorType, value: &str) -> Result<String> {
        let base = match kind.branch() {
            "addresses" => Some("ip"),
            "hosts" => Some("hostName"),
            "emailAddresses" => Some("address"),
            "urls" => Some("text"),
            "files" => Some(match value.len() {
                40 => "sha1",
                64 => "sha256",
                _ => "md5",
            }),
            _ => None,
        };
        if let Some(f) = base {
            return Ok(f.to_string());
        }
        // Custom types take their value labels (e.g. `AS Number`).
        let info = self.send(api::indicator_types().get(kind.entity())).await?;
        info.value1_label.ok_or_else(|| {
            AppError(Error::InvalidInput {
                field: "type",
                message: format!("the type {} has no value label", kind.name()),
            })
        })
    }

    /// Puts a tag on an item.
    pub async fn add_tag(&self, item: &Item, tag: &str) -> Result<()> {
        let call = item.node().tags().add(tag);
        self.send(in_owner(call, item.owner())).await
    }

    /// Takes a tag off an item.
    pub async fn remove_tag(&self, item: &Item, tag: &str) -> Result<()> {
        let call = item.node().tags().remove(tag);
        self.send(in_owner(call, item.owner())).await
    }

    /// Adds (or removes) a tag on many items, one result per item;
    /// `progress` is told how many are done after each.
    pub async fn bulk_tag(
        &self,
        items: Vec<Item>,
        tag: &str,
        add: bool,
        progress: impl Fn(usize),
    ) -> Vec<ItemResult> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let result = if add {
                self.add_tag(&item, tag).await
            } else {
                self.remove_tag(&item, tag).await
            };
            out.push(ItemResult { item, result });
            progress(out.len());
        }
        out
    }

    /// Records one observation of an indicator now.
    pub async fn record_observation(&self, item: &Item) -> Result<()> {
        let Item::Indicator { kind, value, owner } = item else {
            return Ok(());
        };
        let input = ObservationInput {
            count: 1,
            date_observed: None,
        };
        let call = api::indicator(kind.clone(), value).record_observation(&input);
        self.send(in_owner(call, owner.as_deref())).await
    }

    /// Reports an indicator as a false positive.
    pub async fn report_false_positive(&self, item: &Item) -> Result<FalsePositive> {
        let Item::Indicator { kind, value, owner } = item else {
            return Ok(FalsePositive::default());
        };
        let call = api::indicator(kind.clone(), value).report_false_positive();
        self.send(in_owner(call, owner.as_deref())).await
    }

    /// A page of tags whose names start with `prefix` (all when empty).
    pub async fn search_tags(&self, prefix: &str, start: u64, limit: u32) -> Result<Page<Tag>> {
        let mut call = api::tags().list().result_start(start).result_limit(limit);
        if !prefix.trim().is_empty() {
            call = call.filter(Filter::starts_with("name", prefix.trim()));
        }
        self.send(call).await
    }

    /// The indicators and groups that carry a tag.
    pub async fn tag_items(&self, name: &str) -> Result<TagItems> {
        let tag = api::tag(name);
        let owner = self.client.config().default_owner().map(str::to_string);
        let call = tag.indicators().list().result_limit(LIST_LIMIT);
        let indicators = self.send(in_owner(call, owner.as_deref())).await?.items;
        let call = tag.groups().list().result_limit(LIST_LIMIT);
        let groups = self.send(in_owner(call, owner.as_deref())).await?.items;
        Ok(TagItems { indicators, groups })
    }

    /// Renames a tag.
    pub async fn rename_tag(&self, name: &str, new_name: &str) -> Result<Tag> {
        self.send(api::tag(name).rename(new_name.trim(), None))
            .await
    }

    /// Deletes a tag from every item of the owner.
    pub async fn delete_tag(&self, name: &str) -> Result<()> {
        self.send(api::tag(name).delete()).await
    }
}
