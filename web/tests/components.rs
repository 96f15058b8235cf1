//! Component tests in a real browser: each mounts a page against the
//! in-browser demo sandbox and checks the DOM.
//!
//! Run with `cargo xtask e2e`, or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/web/webdriver.json
//! cargo test -p tc-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use tc_web::AppContext;
use tc_web::api::Api;
use tc_web::pages::lookup::LookupPage;
use tc_web::pages::settings::SettingsPage;
use tc_web::pages::tags::TagsPage;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in `<body>` to mount into.
fn host() -> HtmlElement {
    let document = document();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn by_testid(root: &Element, id: &str) -> Vec<Element> {
    let list = root
        .query_selector_all(&format!("[data-testid=\"{id}\"]"))
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Waits up to 10 s for an element with this test id (and text, if given).
async fn wait_for(root: &Element, id: &str, containing: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = by_testid(root, id)
            .into_iter()
            .find(|e| text(e).contains(containing))
        {
            return el;
        }
        sleep(50).await;
    }
    panic!(
        "no [data-testid={id}] containing {containing:?} in: {}",
        text(root)
    );
}

/// Waits until `check` holds (up to 10 s).
async fn wait_until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

/// Types into an input or textarea the way a person does (fires `input`).
fn type_into(el: &Element, value: &str) {
    js_sys::Reflect::set(el, &"value".into(), &value.into()).unwrap();
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&event).unwrap();
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

async fn look_up(root: &Element, text: &str) {
    let input = wait_for(root, "lookup-input", "").await;
    type_into(&input, text);
    click(&wait_for(root, "lookup-submit", "").await);
}

#[wasm_bindgen_test]
async fn a_defanged_host_renders_a_card_per_owner_with_its_tags() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><LookupPage /></AppContext> },
    );
    look_up(&el, "C2 seen at evil[.]example today").await;

    let card = wait_for(&el, "indicator-card", "Demo Organization").await;
    let value = by_testid(&card, "indicator-value");
    assert_eq!(value.iter().map(text).collect::<Vec<_>>(), ["evil.example"]);
    let chips: Vec<String> = by_testid(&card, "tag-chip").iter().map(text).collect();
    for tag in ["APT-Sandbox", "Phishing", "C2/Infrastructure"] {
        assert!(
            chips.iter().any(|c| c.contains(tag)),
            "{tag} missing from {chips:?}"
        );
    }
    assert!(text(&card).contains("TLP:AMBER"), "label shown");
    assert!(
        text(&card).contains("Command-and-control domain"),
        "description shown"
    );
    // The same host is held by the community too.
    wait_for(&el, "indicator-card", "Demo Community").await;
    assert_eq!(by_testid(&el, "indicator-card").len(), 2);
}

#[wasm_bindgen_test]
async fn a_tag_with_a_slash_is_added_and_removed_in_place() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><LookupPage /></AppContext> },
    );
    look_up(&el, "billing[@]evil[.]example").await;
    let card = wait_for(&el, "indicator-card", "billing@evil.example").await;

    type_into(&by_testid(&card, "tag-add-input")[0], "Wasm test/two words");
    click(&by_testid(&card, "tag-add-submit")[0]);
    let chip = wait_for(&el, "tag-chip", "Wasm test/two words").await;

    click(&chip.query_selector("button").unwrap().unwrap());
    wait_until("the chip to go", || {
        !by_testid(&el, "tag-chip")
            .iter()
            .any(|c| text(c).contains("Wasm test/two words"))
    })
    .await;
    assert!(
        by_testid(&el, "tag-chip")
            .iter()
            .any(|c| text(c).contains("Phishing"))
    );
}

#[wasm_bindgen_test]
async fn an_unknown_indicator_is_not_found_and_can_be_created() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><LookupPage /></AppContext> },
    );
    look_up(&el, "see new-one[.]example").await;
    let missing = wait_for(&el, "indicator-not-found", "Not found").await;
    click(&by_testid(&missing, "indicator-create")[0]);
    let card = wait_for(&el, "indicator-card", "new-one.example").await;
    assert!(text(&card).contains("Demo Organization"));
}

#[wasm_bindgen_test]
async fn the_tags_page_searches_and_opens_a_tag() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><TagsPage /></AppContext> },
    );
    type_into(&wait_for(&el, "tags-search", "").await, "C2");
    let row = wait_for(&el, "tag-row", "C2/Infrastructure").await;
    assert!(
        !by_testid(&el, "tag-row")
            .iter()
            .any(|r| text(r).contains("Phishing"))
    );
    click(&row.query_selector("button").unwrap().unwrap());
    wait_for(&el, "tag-item", "evil.example").await;
    wait_for(&el, "tag-item", "198.51.100.23").await;
}

#[wasm_bindgen_test]
async fn the_connection_test_reports_the_demo_user() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><SettingsPage /></AppContext> },
    );
    click(&wait_for(&el, "connection-test", "").await);
    let status = wait_for(&el, "connection-status", "Connected").await;
    assert!(
        text(&status).contains("in-browser sandbox"),
        "{}",
        text(&status)
    );
}

#[wasm_bindgen_test]
async fn a_tag_is_renamed_to_an_awkward_name_then_deleted() {
    let api = Api::in_browser_demo();
    let item = tc_web::api::Item::Indicator {
        kind: tc_core::api::IndicatorType::ADDRESSES,
        value: "2001:db8::bad:1".into(),
        owner: None,
    };
    let conn = api.connection_untracked().unwrap();
    conn.add_tag(&item, "Rename me").await.unwrap();

    let el = host();
    let _handle = mount_to(
        el.clone(),
        move || view! { <AppContext api=api><TagsPage /></AppContext> },
    );
    type_into(&wait_for(&el, "tags-search", "").await, "Rename");
    let row = wait_for(&el, "tag-row", "Rename me").await;
    click(&row.query_selector("button").unwrap().unwrap());
    wait_for(&el, "tag-item", "2001:db8::bad:1").await;

    type_into(
        &wait_for(&el, "tag-rename-input", "").await,
        "Renamed 100%/ok?",
    );
    click(&wait_for(&el, "tag-rename", "").await);
    wait_for(&el, "tag-detail", "Renamed 100%/ok?").await;
    wait_for(&el, "tag-item", "2001:db8::bad:1").await;

    click(&wait_for(&el, "tag-delete", "").await);
    click(&wait_for(&el, "tag-delete-confirm", "").await);
    wait_until("the tag to close", || {
        by_testid(&el, "tag-detail").is_empty()
    })
    .await;
    let tags = conn.search_tags("Renamed", 0, 10).await.unwrap();
    assert!(tags.items.is_empty(), "{:?}", tags.items);
}

#[wasm_bindgen_test]
async fn a_bulk_add_reports_one_result_per_selected_item() {
    let el = host();
    let _handle = mount_to(
        el.clone(),
        || view! { <AppContext api=Api::in_browser_demo()><TagsPage /></AppContext> },
    );
    type_into(&wait_for(&el, "tags-search", "").await, "Ransom");
    let row = wait_for(&el, "tag-row", "Ransomware").await;
    click(&row.query_selector("button").unwrap().unwrap());
    wait_for(&el, "tag-item", "File").await;
    let items = by_testid(&el, "tag-item").len();
    assert!(items >= 2, "the file and the threat carry Ransomware");

    let detail = wait_for(&el, "tag-detail", "").await;
    click(&by_testid(&detail, "tag-select-all")[0]);
    type_into(&by_testid(&detail, "bulk-tag-input")[0], "Bulk / one");
    let add = by_testid(&detail, "bulk-add").remove(0);
    // The button is enabled once the selection has rendered.
    wait_until("the bulk button to enable", || {
        !add.has_attribute("disabled")
    })
    .await;
    click(&add);
    wait_until("a result per item", || {
        by_testid(&el, "bulk-result").len() == items
    })
    .await;
    let results: Vec<String> = by_testid(&el, "bulk-result").iter().map(text).collect();
    assert!(results.iter().all(|r| r.starts_with('✓')), "{results:?}");
}

/// Secret hygiene: a secret reaches `localStorage` only when the user
/// ticks "remember", and the settings' `Debug` never shows it.
#[wasm_bindgen_test]
fn secrets_are_stored_only_when_remembered() {
    use tc_web::settings::{Credentials, Mode, STORAGE_KEY, Settings};
    let secret = "s3cret-value-for-the-storage-test";
    let stored = || {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .unwrap_or_default()
    };
    let mut settings = Settings {
        mode: Mode::Instance,
        base_url: "https://tc.example.org/api".into(),
        credentials: Credentials::Hmac {
            access_id: "12345".into(),
            secret_key: tc_core::Secret::new(secret),
        },
        default_owner: None,
        remember_secrets: false,
    };
    assert!(!format!("{settings:?}").contains(secret));
    assert!(settings.save());
    let text = stored();
    assert!(
        text.contains("tc.example.org") && !text.contains(secret),
        "{text}"
    );
    assert_eq!(Settings::load().secret().expose_secret(), "");

    settings.remember_secrets = true;
    assert!(settings.save());
    assert!(stored().contains(secret), "remembered on request");
    assert_eq!(Settings::load().secret().expose_secret(), secret);

    // Back to the demo defaults for the other tests.
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(STORAGE_KEY);
    }
}
