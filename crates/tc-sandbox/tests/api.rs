//! The core against the in-process sandbox: auth, owners, paging, errors,
//! associations both ways, validation, awkward values and documents.

use futures_executor::block_on;
use futures_util::StreamExt;
use tc_core::api::{self, AttributeInput, GroupType, IndicatorType};
use tc_core::models::Group;
use tc_core::{Client, Config, Error, Method};
use tc_sandbox::{
    DEMO_ACCESS_ID, DEMO_SECRET_KEY, DEMO_TOKEN, InProcess, Request, Sandbox, SandboxConfig, Seed,
};

const NOW: i64 = 1_750_000_000;

fn client() -> Client<InProcess> {
    let config = Config::builder("http://127.0.0.1/api")
        .hmac(DEMO_ACCESS_ID, DEMO_SECRET_KEY)
        .build()
        .unwrap();
    let transport = InProcess::new(Sandbox::demo(SandboxConfig::default())).with_clock(|| NOW);
    Client::new(config, transport).with_clock(|| NOW as u64)
}

fn run<T>(c: &Client<InProcess>, call: tc_core::Call<T>) -> Result<T, Error> {
    block_on(call.send(c))
}

#[test]
fn hmac_token_and_their_failures() {
    let mut sandbox = Sandbox::new(SandboxConfig::default(), Seed::Empty);
    let config = Config::builder("http://127.0.0.1/api")
        .hmac(DEMO_ACCESS_ID, DEMO_SECRET_KEY)
        .build()
        .unwrap();
    let answer = |sandbox: &mut Sandbox, req: tc_core::HttpRequest, now: i64| {
        let target = req.target().to_string();
        let (m, _, h, b) = req.into_parts();
        sandbox.handle(&Request::new(m.as_str(), target, h, b), now)
    };
    let ok = api::owners().list().request(&config, NOW as u64).unwrap();
    let r = answer(&mut sandbox, ok.clone(), NOW);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("date").is_some());

    // 300 s either way is fine, 301 is not.
    assert_eq!(answer(&mut sandbox, ok.clone(), NOW + 300).status, 200);
    let stale = answer(&mut sandbox, ok.clone(), NOW + 301);
    assert_eq!(stale.status, 403);
    let err = api::owners().list().parse(&stale).unwrap_err();
    assert_eq!(err.code(), "clock_skew");
    assert_eq!(
        err.service_message(),
        Some("Timestamp out of acceptable time range")
    );

    // Signed for one target, sent for another.
    let mut forged = ok.clone();
    let other = api::owners().mine().request(&config, NOW as u64).unwrap();
    forged = tc_core::HttpRequest::new(
        Method::Get,
        forged.origin().to_string(),
        other.target().to_string(),
    )
    .with_header("Timestamp", forged.header("timestamp").unwrap())
    .with_header("Authorization", forged.header("authorization").unwrap());
    let bad = answer(&mut sandbox, forged, NOW);
    assert_eq!(bad.status, 403);
    let err = api::owners().mine().parse(&bad).unwrap_err();
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(
        err.service_message(),
        Some("Signature data did not match expected result")
    );

    let token_config = Config::builder("http://127.0.0.1/api")
        .token(DEMO_TOKEN)
        .build()
        .unwrap();
    let r = answer(
        &mut sandbox,
        api::whoami().request(&token_config, 0).unwrap(),
        NOW,
    );
    assert_eq!(r.status, 200);
    let wrong = Config::builder("http://127.0.0.1/api")
        .token("nope")
        .build()
        .unwrap();
    let r = answer(&mut sandbox, api::whoami().request(&wrong, 0).unwrap(), NOW);
    assert_eq!(r.status, 401);
    assert_eq!(api::whoami().parse(&r).unwrap_err().code(), "unauthorized");
}

#[test]
fn owners_and_whoami() {
    let c = client();
    let owners = run(&c, api::owners().list()).unwrap();
    let names: Vec<&str> = owners.items.iter().map(|o| o.name.as_str()).collect();
    assert!(names.contains(&"Demo Organization") && names.contains(&"Demo Community"));
    assert!(
        !names.contains(&"Restricted Community"),
        "inaccessible owners are not listed"
    );
    assert_eq!(owners.result_count, Some(owners.items.len() as u64));
    let mine = run(&c, api::owners().mine()).unwrap();
    assert_eq!(mine.kind.as_deref(), Some("Organization"));
    let members = run(&c, api::owners().mine_members()).unwrap();
    assert!(
        members
            .items
            .iter()
            .any(|u| u.user_name.as_deref() == Some(DEMO_ACCESS_ID))
    );
    let metrics = run(&c, api::owner(mine.id).metrics()).unwrap();
    assert_eq!(metrics.items.len(), 30);
    assert!(metrics.items[29].total_indicator.unwrap() > 5);
    let me = run(&c, api::whoami()).unwrap();
    assert_eq!(me.user_name.as_deref(), Some(DEMO_ACCESS_ID));
    assert_eq!(me.role.as_deref(), Some("Api User"));
}

#[test]
fn inaccessible_owner_is_403() {
    let c = client();
    let err = run(&c, api::indicators().list().owner("Restricted Community")).unwrap_err();
    assert_eq!(err.code(), "owner_forbidden");
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.service_message(),
        Some("The requested owner was not found")
    );
    let err = run(&c, api::indicators().list().owner("No Such Owner")).unwrap_err();
    assert_eq!(err.code(), "owner_forbidden");
}

#[test]
fn paging_rules() {
    let c = client();
    let first = run(&c, api::indicators().list().result_limit(3)).unwrap();
    assert_eq!(first.items.len(), 3);
    let total = first.result_count.unwrap();
    let second = run(&c, api::indicators().list().result_start(3).result_limit(3)).unwrap();
    assert_eq!(
        second.result_count, None,
        "resultCount only on the first page"
    );
    assert_ne!(first.items[0].id, second.items[0].id);

    // The cursor and the stream see every item once.
    let all: Vec<_> = block_on(
        api::indicators()
            .list()
            .pages(4)
            .into_stream(&c)
            .collect::<Vec<_>>(),
    );
    assert_eq!(all.len() as u64, total);
    let mut ids: Vec<u64> = all.into_iter().map(|r| r.unwrap().id).collect();
    ids.dedup();
    assert_eq!(ids.len() as u64, total);
    let mut cursor = api::indicators().list().pages(5);
    block_on(cursor.next_page(&c)).unwrap();
    let resumed = tc_core::Cursor::resume(api::indicators().list(), cursor.position(), 5);
    let rest: Vec<_> = block_on(resumed.into_stream(&c).collect::<Vec<_>>());
    assert_eq!(rest.len() as u64, total - 5);

    // Refused before sending, and by the sandbox when sent by hand.
    assert_eq!(
        run(&c, api::indicators().list().result_limit(10_001))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let err = run(&c, api::indicators().list().param("resultLimit", "x")).unwrap_err();
    assert_eq!(err.code(), "bad_request");
    assert!(err.service_message().unwrap().contains("must be integers"));
}

#[test]
fn filters() {
    let c = client();
    use tc_core::params::Filter;
    let hosts = run(
        &c,
        api::indicators()
            .of_type(IndicatorType::HOSTS)
            .list()
            .filter(Filter::starts_with("summary", "evil")),
    )
    .unwrap();
    assert_eq!(hosts.items.len(), 1);
    assert_eq!(hosts.items[0].host_name.as_deref(), Some("evil.example"));
    let high = run(&c, api::indicators().list().filter(Filter::gt("rating", 4))).unwrap();
    assert!(high.items.iter().all(|i| i.rating.unwrap() > 4.0));
    let either = run(
        &c,
        api::indicators()
            .list()
            .filter(Filter::eq("summary", "evil.example"))
            .filter(Filter::eq("summary", "198.51.100.23"))
            .or_params(),
    )
    .unwrap();
    assert_eq!(either.items.len(), 2);
}

#[test]
fn indicator_lifecycle_and_validation() {
    let c = client();
    let hosts = api::indicators().of_type(IndicatorType::HOSTS);
    let created = run(&c, hosts.create(&serde_json::json!({"hostName": "new-bad.example", "rating": 3, "confidence": 50, "dnsActive": "true"}))).unwrap();
    assert_eq!(created.host_name.as_deref(), Some("new-bad.example"));
    assert_eq!(created.dns_active, Some(true));
    let item = api::indicator(IndicatorType::HOSTS, "new-bad.example");
    let updated = run(&c, item.update(&serde_json::json!({"rating": 5}))).unwrap();
    assert_eq!(updated.rating, Some(5.0));
    run(&c, item.delete()).unwrap();
    assert_eq!(run(&c, item.get()).unwrap_err().code(), "not_found");

    let bad = |body: serde_json::Value, branch: IndicatorType| {
        run(&c, api::indicators().of_type(branch).create(&body)).unwrap_err()
    };
    let e = bad(
        serde_json::json!({"ip": "999.1.1.1"}),
        IndicatorType::ADDRESSES,
    );
    assert_eq!(
        (e.code(), e.service_message()),
        ("bad_request", Some("Please enter a valid Address"))
    );
    let e = bad(serde_json::json!({"md5": "abc"}), IndicatorType::FILES);
    assert_eq!(
        e.service_message(),
        Some("The MD5 for this File is invalid")
    );
    let e = bad(
        serde_json::json!({"md5": "44D88612FEA8A8F36DE82E1278ABB02F"}),
        IndicatorType::FILES,
    );
    assert_eq!(
        e.service_message(),
        Some("The MD5 for this File is invalid, a File with this MD5 already exists")
    );
    let e = bad(
        serde_json::json!({"hostName": "bücher.example"}),
        IndicatorType::HOSTS,
    );
    assert!(e.service_message().unwrap().contains("punycode"));
    let e = bad(
        serde_json::json!({"address": "not-an-email"}),
        IndicatorType::EMAIL_ADDRESSES,
    );
    assert_eq!(e.code(), "bad_request");
    let e = bad(
        serde_json::json!({"hostName": "example.com"}),
        IndicatorType::HOSTS,
    );
    assert_eq!((e.code(), e.status()), ("exclusion_list", Some(403)));

    // IPv6 and a CIDR-like custom value round-trip through paths.
    run(
        &c,
        api::indicators()
            .of_type(IndicatorType::ADDRESSES)
            .create(&serde_json::json!({"ip": "2001:DB8:0:0::7"})),
    )
    .unwrap();
    let v6 = run(
        &c,
        api::indicator(IndicatorType::ADDRESSES, "2001:db8::7").get(),
    )
    .unwrap();
    assert_eq!(v6.ip.as_deref(), Some("2001:db8::7"));
    let cidr = run(&c, api::indicator("cidrBlocks", "198.51.100.0/24").get()).unwrap();
    assert_eq!(
        cidr.extra.get("Block").and_then(|v| v.as_str()),
        Some("198.51.100.0/24")
    );
}

#[test]
fn awkward_values_in_paths() {
    let c = client();
    let url = "http://evil.example/a%20b/?q=1&r=%41#frag";
    run(
        &c,
        api::indicators()
            .of_type(IndicatorType::URLS)
            .create(&serde_json::json!({"text": url})),
    )
    .unwrap();
    let got = run(&c, api::indicator(IndicatorType::URLS, url).get()).unwrap();
    assert_eq!(got.text.as_deref(), Some(url));
    for tag in [
        "a/b",
        "100%",
        "^caret",
        "with space",
        "Ünïcødé 日本",
        "semi;colon?#",
    ] {
        let item = api::indicator(IndicatorType::URLS, url);
        run(&c, item.tags().add(tag)).unwrap();
        let tags = run(&c, item.tags().list()).unwrap();
        assert!(tags.items.iter().any(|t| t.name == tag), "{tag}");
        // The tag's own path shows the indicator.
        let tagged = run(
            &c,
            api::tag(tag)
                .indicators()
                .of_type(IndicatorType::URLS)
                .list(),
        )
        .unwrap();
        assert_eq!(tagged.items[0].text.as_deref(), Some(url), "{tag}");
        run(&c, item.tags().remove(tag)).unwrap();
    }
    let long = "x".repeat(129);
    assert_eq!(
        run(&c, api::tag(&long).get()).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn associations_are_symmetric() {
    let c = client();
    let threat = run(
        &c,
        api::groups().create(GroupType::THREATS, &Group::named("Symmetry")),
    )
    .unwrap();
    let host = api::indicator(IndicatorType::HOSTS, "login-update.example.net");
    run(
        &c,
        api::group(GroupType::THREATS, threat.id)
            .indicators()
            .of_type(IndicatorType::HOSTS)
            .add("login-update.example.net"),
    )
    .unwrap();
    let from_indicator = run(&c, host.groups().of_type(GroupType::THREATS).list()).unwrap();
    assert!(from_indicator.items.iter().any(|g| g.id == threat.id));
    run(
        &c,
        host.groups().of_type(GroupType::THREATS).remove(threat.id),
    )
    .unwrap();
    let from_group = run(
        &c,
        api::group(GroupType::THREATS, threat.id)
            .indicators()
            .list(),
    )
    .unwrap();
    assert!(from_group.items.is_empty());
    // Associations never create the target.
    let e = run(
        &c,
        api::group(GroupType::THREATS, threat.id)
            .indicators()
            .of_type(IndicatorType::HOSTS)
            .add("absent.example"),
    )
    .unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn groups_validate_and_documents_keep_bytes() {
    let c = client();
    let e = run(
        &c,
        api::groups().create(GroupType::INCIDENTS, &Group::named("No date")),
    )
    .unwrap_err();
    assert_eq!(e.code(), "bad_request");
    assert!(e.service_message().unwrap().contains("eventDate"));
    let e = run(
        &c,
        api::groups().create(GroupType::THREATS, &Group::default()),
    )
    .unwrap_err();
    assert!(e.service_message().unwrap().contains("Name"));

    let mut doc = Group::named("Binary");
    doc.file_name = Some("all-bytes.bin".into());
    let doc = run(&c, api::groups().create(GroupType::DOCUMENTS, &doc)).unwrap();
    assert_eq!(doc.status.as_deref(), Some("Awaiting Upload"));
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let item = api::group(GroupType::DOCUMENTS, doc.id).document();
    run(&c, item.upload(bytes.clone())).unwrap();
    assert_eq!(run(&c, item.download()).unwrap(), bytes);
    // A second POST is refused; PUT replaces.
    assert_eq!(
        run(&c, item.upload(vec![1])).unwrap_err().code(),
        "unauthorized"
    );
    run(&c, item.replace(vec![9, 8, 7])).unwrap();
    assert_eq!(run(&c, item.download()).unwrap(), vec![9, 8, 7]);
    let after = run(&c, api::group(GroupType::DOCUMENTS, doc.id).get()).unwrap();
    assert_eq!(
        (after.file_size, after.status.as_deref()),
        (Some(3), Some("Success"))
    );

    // Branch names are matched case-insensitively, like the service.
    let by_lower = run(
        &c,
        api::groups().list_of(GroupType::from_branch("intrusionsets").unwrap()),
    )
    .unwrap();
    assert_eq!(by_lower.items.len(), 1);
}

#[test]
fn attributes_and_labels() {
    let c = client();
    let host = api::indicator(IndicatorType::HOSTS, "evil.example");
    let a = run(
        &c,
        host.attributes().create(
            &AttributeInput::new("Additional Analysis and Context", "seen twice").source("test"),
        ),
    )
    .unwrap();
    run(&c, host.attribute(a.id).security_labels().add("TLP:RED")).unwrap();
    let labels = run(&c, host.attribute(a.id).security_labels().list()).unwrap();
    assert_eq!(labels.items[0].name, "TLP:RED");
    assert_eq!(
        run(&c, host.security_labels().add("TLP:NOPE"))
            .unwrap_err()
            .code(),
        "not_found"
    );
    let full = run(
        &c,
        host.get()
            .include_additional()
            .include_attributes()
            .include_tags()
            .include_labels(),
    )
    .unwrap();
    assert!(full.attributes.iter().any(|x| x.id == a.id));
    assert!(full.tags.iter().any(|t| t.name == "APT-Sandbox"));
    assert!(full.security_labels.iter().any(|l| l.name == "TLP:AMBER"));
    assert_eq!(full.observation_count, Some(5));
    assert_eq!(
        full.description.as_deref(),
        Some("Command-and-control domain used in the sandbox demo campaign.")
    );
    let pivot = run(&c, api::security_label("TLP:AMBER").indicators().list()).unwrap();
    assert!(
        pivot
            .items
            .iter()
            .any(|i| i.summary.as_deref() == Some("evil.example"))
    );
}

#[test]
fn observations_and_false_positives() {
    let c = client();
    let host = api::indicator(IndicatorType::HOSTS, "login-update.example.net");
    run(
        &c,
        host.record_observation(&api::ObservationInput {
            count: 2,
            date_observed: Some("2024-03-01T00:00:00Z".into()),
        }),
    )
    .unwrap();
    let count = run(&c, host.observation_count()).unwrap();
    assert_eq!(count.count, Some(2));
    let fp = run(&c, host.report_false_positive()).unwrap();
    assert_eq!(fp.count, Some(1));
    let again = run(&c, host.report_false_positive()).unwrap();
    assert_eq!(again.count, Some(1), "one report per user per day");
    let owners = run(
        &c,
        api::indicator(IndicatorType::HOSTS, "evil.example")
            .owners()
            .include_additional(),
    )
    .unwrap();
    let names: Vec<&str> = owners.items.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Demo Organization", "Demo Community"]);
    assert!(owners.items.iter().all(|o| o.item_id.is_some()));
}

#[test]
fn unmatched_route_is_plain_text_500() {
    let mut sandbox = Sandbox::demo(SandboxConfig::default());
    let config = Config::builder("http://127.0.0.1/api")
        .token(DEMO_TOKEN)
        .build()
        .unwrap();
    let req = api::whoami().request(&config, 0).unwrap();
    let target = req.target().replace("whoami", "nothing/here");
    let (_, _, h, b) = req.into_parts();
    let r = sandbox.handle(&Request::new("GET", target, h, b), NOW);
    assert_eq!(r.status, 500);
    assert_eq!(r.header("content-type"), Some("text/plain"));
    assert_eq!(sandbox.write_count(), 0);
}

#[test]
fn custom_types_are_learned_from_the_instance() {
    let c = client();
    let page = run(&c, api::indicator_types().list().include_additional()).unwrap();
    let types = IndicatorType::learn(&page);
    let registry = types.iter().find(|t| t.name() == "Registry Key").unwrap();
    assert_eq!(
        (registry.branch(), registry.entity()),
        ("registryKeys", "registryKey")
    );
    let info = page
        .items
        .iter()
        .find(|i| i.name == "Registry Key")
        .unwrap();
    assert_eq!(
        info.value_labels(),
        ["Key Name", "Value Name", "Value Type"]
    );
    // A learned multi-value type builds its path from its values.
    let key = api::IndicatorItem::multi(
        registry.clone(),
        &[
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
            "updater",
            "REG_SZ",
        ],
    );
    let got = run(&c, key.get()).unwrap();
    assert_eq!(
        got.extra.get("Value Name").and_then(|v| v.as_str()),
        Some("updater")
    );
    assert!(page.items.iter().any(|i| !i.regexes.is_empty()));
    let created = run(
        &c,
        api::indicators().of_type(registry.clone()).create(&serde_json::json!({
            "Key Name": "HKEY_LOCAL_MACHINE\\Software\\Sandbox", "Value Name": " ", "Value Type": "REG_NONE"
        })),
    )
    .unwrap();
    assert_eq!(created.kind.as_deref(), Some("Registry Key"));
}

#[test]
fn downloads_stream_with_progress() {
    let c = client();
    let mut doc = Group::named("Every byte");
    doc.file_name = Some("bytes.bin".into());
    let doc = run(&c, api::groups().create(GroupType::DOCUMENTS, &doc)).unwrap();
    let bytes: Vec<u8> = (0..=255u8).collect::<Vec<_>>().repeat(400);
    run(
        &c,
        api::group(GroupType::DOCUMENTS, doc.id)
            .document()
            .upload(bytes.clone()),
    )
    .unwrap();
    let mut seen = Vec::new();
    let got = block_on(
        c.download_all(
            &api::group(GroupType::DOCUMENTS, doc.id)
                .document()
                .download(),
            &mut |p| seen.push(p),
        ),
    )
    .unwrap();
    assert_eq!(got, bytes);
    let last = seen.last().unwrap();
    assert_eq!(
        (last.loaded, last.total),
        (bytes.len() as u64, Some(bytes.len() as u64))
    );
    // A failed download is a typed error with the service's message.
    let e = block_on(c.download_all(
        &api::group(GroupType::DOCUMENTS, 1).document().download(),
        &mut |_| {},
    ))
    .unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn bulk_reports() {
    let c = client();
    let status = run(&c, api::indicators().bulk_status()).unwrap();
    assert_eq!(
        (status.csv_enabled, status.json_enabled),
        (Some(true), Some(true))
    );
    let json = run(&c, api::indicators().bulk_json()).unwrap();
    assert!(
        json.iter()
            .any(|i| i.summary.as_deref() == Some("evil.example") && !i.tags.is_empty())
    );
    let mut rows = Vec::new();
    block_on(c.bulk_csv(None, &mut |row, _| rows.push(row))).unwrap();
    assert_eq!(rows.len(), json.len());
    let host = rows.iter().find(|r| r.value == "evil.example").unwrap();
    assert_eq!(
        (host.kind.as_str(), host.rating, host.confidence),
        ("Host", Some(4.0), Some(85))
    );
    let community = run(&c, api::indicators().bulk_json().owner("Demo Community")).unwrap();
    assert!(community.len() < json.len());
}
