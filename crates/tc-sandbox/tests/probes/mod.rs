//! The seed's endpoint templates and one probe (a core call) per
//! endpoint, shared by the in-process coverage test and the HTTP test.
#![allow(dead_code)]

use std::collections::BTreeSet;

use tc_core::api::{
    self, AdversaryAssetType, AttributeInput, GroupType, IndicatorType, ObservationInput,
    PublishOptions, VictimAssetType,
};
use tc_core::models::{FileOccurrence, Group, Task, Victim};
use tc_core::{Call, Config, HttpRequest, HttpResponse, Method};

const SEED: &str = include_str!("../data/v2-endpoints.rst");

/// The templates of the seed, in order, without duplicates.
pub fn seed_templates() -> Vec<String> {
    let mut seen = BTreeSet::new();
    SEED.lines()
        .filter_map(|l| l.trim().strip_prefix("* ``"))
        .filter_map(|l| l.strip_suffix("``"))
        .map(|t| t.trim_end_matches('/').to_string())
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

pub fn matches(template: &str, segments: &[String]) -> bool {
    let parts: Vec<&str> = template.trim_start_matches("/v2/").split('/').collect();
    parts.len() == segments.len()
        && parts
            .iter()
            .zip(segments)
            .all(|(t, s)| (t.starts_with('{') && t.ends_with('}')) || t == s)
}

/// Answers one request: in process, or over HTTP.
pub type Answer<'a> = &'a dyn Fn(HttpRequest) -> HttpResponse;

type Run = Box<dyn Fn(&Config, Answer<'_>) -> Result<(u16, String), String>>;

pub struct Probe {
    pub name: String,
    pub method: Method,
    pub segments: Vec<String>,
    pub run: Run,
}

fn probe<T: 'static>(name: impl Into<String>, call: Call<T>) -> Probe {
    let method = call.method();
    let segments = call.path().raw_segments().map(str::to_string).collect();
    let run: Run = Box::new(move |config, answer| {
        let request = call
            .request(config, now())
            .map_err(|e| format!("request: {e}"))?;
        let response: HttpResponse = answer(request);
        let body = String::from_utf8_lossy(&response.body)
            .chars()
            .take(200)
            .collect::<String>();
        if response.status == 500 && body.starts_with("Could not find resource") {
            return Err(format!("unmatched route: {body}"));
        }
        if response.status == 401 && body.contains("method is not allowed") {
            return Err("method not allowed".into());
        }
        if (200..300).contains(&response.status) {
            call.parse(&response)
                .map_err(|e| format!("parse of {}: {e}", response.status))?;
        }
        Ok((response.status, body))
    });
    Probe {
        name: name.into(),
        method,
        segments,
        run,
    }
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Sends a call with `answer` and parses the reply.
fn fetch<T>(config: &Config, answer: Answer<'_>, call: Call<T>) -> T {
    let request = call.request(config, now()).unwrap();
    call.parse(&answer(request)).unwrap()
}

/// Ids of the demo data, found through the API.
pub struct Ids {
    groups: Vec<(GroupType, u64)>,
    task: u64,
    victim: u64,
    assets: Vec<(VictimAssetType, u64)>,
    adversary_assets: Vec<(AdversaryAssetType, u64)>,
    group_attribute: u64,
    indicator_attribute: u64,
}

pub fn ids(config: &Config, answer: Answer<'_>) -> Ids {
    let mut groups = Vec::new();
    for kind in GroupType::SEED {
        let page = fetch(config, answer, api::groups().list_of(kind.clone()));
        groups.push((kind, page.items[0].id));
    }
    let task = fetch(config, answer, api::tasks().list()).items[0].id;
    let victim = fetch(config, answer, api::victims().list()).items[0].id;
    let mut assets = Vec::new();
    for kind in VictimAssetType::ALL {
        let page = fetch(config, answer, api::victim(victim).assets(kind).list());
        assets.push((kind, page.items[0].id));
    }
    let adversary = groups[0].1;
    let mut adversary_assets = Vec::new();
    for kind in AdversaryAssetType::ALL {
        let call = api::group(GroupType::ADVERSARIES, adversary)
            .adversary_assets()
            .list_of(kind);
        adversary_assets.push((kind, fetch(config, answer, call).items[0].id));
    }
    let incident = groups[3].1;
    let group_attribute = fetch(
        config,
        answer,
        api::group(GroupType::INCIDENTS, incident)
            .attributes()
            .list(),
    )
    .items[0]
        .id;
    let indicator_attribute = fetch(
        config,
        answer,
        api::indicator(IndicatorType::ADDRESSES, "198.51.100.23")
            .attributes()
            .list(),
    )
    .items[0]
        .id;
    Ids {
        groups,
        task,
        victim,
        assets,
        adversary_assets,
        group_attribute,
        indicator_attribute,
    }
}

/// Values of demo indicators, one per base type.
fn demo_value(kind: &IndicatorType) -> &'static str {
    match kind.branch() {
        "addresses" => "198.51.100.23",
        "emailAddresses" => "billing@evil.example",
        "files" => "44d88612fea8a8f36de82e1278abb02f",
        "hosts" => "evil.example",
        _ => "http://evil.example/login.php?next=/account",
    }
}

/// The children every item parent shares, probed for one parent.
fn item_children(name: &str, node: &api::Node, ids: &Ids, probes: &mut Vec<Probe>) {
    probes.push(probe(format!("{name} groups"), node.groups().list()));
    for (kind, id) in &ids.groups {
        let links = node.groups().of_type(kind.clone());
        probes.push(probe(format!("{name} groups {kind}"), links.list()));
        probes.push(probe(format!("{name} group get {kind}"), links.get(*id)));
        probes.push(probe(format!("{name} group add {kind}"), links.add(*id)));
        probes.push(probe(
            format!("{name} group remove {kind}"),
            links.remove(*id),
        ));
    }
    probes.push(probe(
        format!("{name} indicators"),
        node.indicators().list(),
    ));
    for kind in IndicatorType::BASE {
        let links = node.indicators().of_type(kind.clone());
        let v = demo_value(&kind);
        probes.push(probe(format!("{name} indicators {kind}"), links.list()));
        probes.push(probe(format!("{name} indicator get {kind}"), links.get(v)));
        probes.push(probe(format!("{name} indicator add {kind}"), links.add(v)));
        probes.push(probe(
            format!("{name} indicator remove {kind}"),
            links.remove(v),
        ));
    }
    let custom = node.indicators().of_type("asns");
    probes.push(probe(
        format!("{name} indicator add custom"),
        custom.add("ASN64500"),
    ));
    probes.push(probe(
        format!("{name} indicator get custom"),
        custom.get("ASN64500"),
    ));
    probes.push(probe(
        format!("{name} indicator remove custom"),
        custom.remove("ASN64500"),
    ));
}

fn metadata(name: &str, node: &api::Node, probes: &mut Vec<Probe>) {
    probes.push(probe(
        format!("{name} attributes"),
        node.attributes().list(),
    ));
    probes.push(probe(
        format!("{name} attribute create"),
        node.attributes()
            .create(&AttributeInput::new("Description", "probe")),
    ));
    probes.push(probe(format!("{name} tags"), node.tags().list()));
    probes.push(probe(
        format!("{name} tag add"),
        node.tags().add("Probe Tag/1"),
    ));
    probes.push(probe(
        format!("{name} tag get"),
        node.tags().get("Phishing"),
    ));
    probes.push(probe(
        format!("{name} tag remove"),
        node.tags().remove("Phishing"),
    ));
    probes.push(probe(
        format!("{name} labels"),
        node.security_labels().list(),
    ));
    probes.push(probe(
        format!("{name} label add"),
        node.security_labels().add("TLP:GREEN"),
    ));
    probes.push(probe(
        format!("{name} label get"),
        node.security_labels().get("TLP:AMBER"),
    ));
    probes.push(probe(
        format!("{name} label remove"),
        node.security_labels().remove("TLP:AMBER"),
    ));
}

fn attribute_item(name: &str, node: &api::Node, id: u64, probes: &mut Vec<Probe>) {
    let a = node.attribute(id);
    probes.push(probe(format!("{name} attribute get"), a.get()));
    probes.push(probe(
        format!("{name} attribute update"),
        a.update(&AttributeInput::value("changed")),
    ));
    probes.push(probe(format!("{name} attribute delete"), a.delete()));
    probes.push(probe(
        format!("{name} attribute labels"),
        a.security_labels().list(),
    ));
    probes.push(probe(
        format!("{name} attribute label get"),
        a.security_labels().get("TLP:GREEN"),
    ));
    probes.push(probe(
        format!("{name} attribute label add"),
        a.security_labels().add("TLP:RED"),
    ));
    probes.push(probe(
        format!("{name} attribute label remove"),
        a.security_labels().remove("TLP:GREEN"),
    ));
}

fn assets(name: &str, node: &api::Node, ids: &Ids, probes: &mut Vec<Probe>) {
    probes.push(probe(format!("{name} victims"), node.victims().list()));
    probes.push(probe(
        format!("{name} victim get"),
        node.victims().get(ids.victim),
    ));
    probes.push(probe(
        format!("{name} victim add"),
        node.victims().add(ids.victim),
    ));
    probes.push(probe(
        format!("{name} victim remove"),
        node.victims().remove(ids.victim),
    ));
    probes.push(probe(
        format!("{name} victimAssets"),
        node.victim_assets().list(),
    ));
    for (kind, id) in &ids.assets {
        let links = node.victim_assets().of_type(*kind);
        probes.push(probe(format!("{name} victimAssets {kind:?}"), links.list()));
        probes.push(probe(
            format!("{name} victimAsset get {kind:?}"),
            links.get(*id),
        ));
        probes.push(probe(
            format!("{name} victimAsset add {kind:?}"),
            links.add(*id),
        ));
        probes.push(probe(
            format!("{name} victimAsset remove {kind:?}"),
            links.remove(*id),
        ));
    }
}

pub fn all_probes(ids: &Ids) -> Vec<Probe> {
    let mut p = Vec::new();
    let (incident_kind, incident) = ids.groups[3].clone();

    // Owners and whoami.
    p.push(probe("owners", api::owners().list()));
    p.push(probe("owners mine", api::owners().mine()));
    p.push(probe("owners members", api::owners().mine_members()));
    p.push(probe("owners metrics", api::owners().metrics()));
    p.push(probe("owner metrics", api::owner(1).metrics()));
    p.push(probe("whoami", api::whoami()));

    // Groups.
    p.push(probe("groups", api::groups().list()));
    for (kind, id) in &ids.groups {
        p.push(probe(
            format!("groups {kind}"),
            api::groups().list_of(kind.clone()),
        ));
        p.push(probe(
            format!("group get {kind}"),
            api::group(kind.clone(), *id).get(),
        ));
    }
    p.push(probe(
        "group create",
        api::groups().create(GroupType::THREATS, &Group::named("New threat")),
    ));
    let incident_item = api::group(incident_kind.clone(), incident);
    p.push(probe(
        "group update",
        incident_item.update(&Group::named("Renamed")),
    ));
    p.push(probe("group delete", incident_item.delete()));
    p.push(probe(
        "group publish",
        incident_item.publish(&PublishOptions::default()),
    ));
    metadata("group", &incident_item, &mut p);
    attribute_item("group", &incident_item, ids.group_attribute, &mut p);
    item_children("group", &incident_item, ids, &mut p);
    assets("group", &incident_item, ids, &mut p);
    let adversary = api::group(GroupType::ADVERSARIES, ids.groups[0].1);
    p.push(probe(
        "adversary assets",
        adversary.adversary_assets().list(),
    ));
    for (kind, id) in &ids.adversary_assets {
        let a = adversary.adversary_assets();
        p.push(probe(format!("adversary {kind:?}"), a.list_of(*kind)));
        p.push(probe(
            format!("adversary create {kind:?}"),
            a.create(*kind, "probe"),
        ));
        p.push(probe(format!("adversary get {kind:?}"), a.get(*kind, *id)));
        p.push(probe(
            format!("adversary update {kind:?}"),
            a.update(*kind, *id, "changed"),
        ));
        p.push(probe(
            format!("adversary delete {kind:?}"),
            a.delete(*kind, *id),
        ));
    }
    let document = api::group(GroupType::DOCUMENTS, ids.groups[1].1).document();
    p.push(probe("document download", document.download()));
    p.push(probe(
        "document upload",
        document.upload(vec![0, 1, 2, 255]),
    ));
    p.push(probe("document replace", document.replace(vec![3, 4])));
    p.push(probe(
        "signature download",
        api::group(GroupType::SIGNATURES, ids.groups[4].1).signature_text(),
    ));

    // Indicators.
    p.push(probe("indicators", api::indicators().list()));
    p.push(probe("observed", api::indicators().observed()));
    for kind in IndicatorType::BASE {
        p.push(probe(
            format!("indicators {kind}"),
            api::indicators().of_type(kind.clone()).list(),
        ));
        p.push(probe(
            format!("indicator get {kind}"),
            api::indicator(kind.clone(), demo_value(&kind)).get(),
        ));
    }
    p.push(probe(
        "indicator create",
        api::indicators()
            .of_type(IndicatorType::HOSTS)
            .create(&serde_json::json!({"hostName": "new.example", "rating": 3})),
    ));
    let host = api::indicator(IndicatorType::HOSTS, "evil.example");
    p.push(probe(
        "indicator update",
        host.update(&serde_json::json!({"rating": 5, "confidence": 99})),
    ));
    p.push(probe("indicator delete", host.delete()));
    p.push(probe("observations", host.observations()));
    p.push(probe(
        "record observation",
        host.record_observation(&ObservationInput {
            count: 2,
            date_observed: None,
        }),
    ));
    p.push(probe("observation count", host.observation_count()));
    p.push(probe("false positive", host.report_false_positive()));
    p.push(probe("false positive read", host.false_positive()));
    p.push(probe("indicator owners", host.owners()));
    metadata("indicator", &host, &mut p);
    let address = api::indicator(IndicatorType::ADDRESSES, "198.51.100.23");
    attribute_item("indicator", &address, ids.indicator_attribute, &mut p);
    item_children("indicator", &host, ids, &mut p);
    assets("indicator", &host, ids, &mut p);
    let file = api::indicator(IndicatorType::FILES, "44D88612FEA8A8F36DE82E1278ABB02F");
    let occurrences = file.file_occurrences();
    p.push(probe("file occurrences", occurrences.list()));
    p.push(probe(
        "file occurrence create",
        occurrences.create(&FileOccurrence::default()),
    ));
    p.push(probe("file occurrence get", occurrences.get(900_001)));
    p.push(probe(
        "file occurrence update",
        occurrences.update(900_001, &FileOccurrence::default()),
    ));
    p.push(probe("file occurrence delete", occurrences.delete(900_001)));
    let asn = api::indicator("asns", "ASN64500");
    p.push(probe("associations", asn.associations("asnToCidr").list()));
    p.push(probe(
        "associations typed",
        asn.associations("asnToCidr").of_type("cidrBlocks").list(),
    ));
    p.push(probe(
        "association add",
        asn.associations("asnToAddress")
            .of_type(IndicatorType::ADDRESSES)
            .add("198.51.100.23"),
    ));
    p.push(probe(
        "association remove",
        asn.associations("asnToCidr")
            .of_type("cidrBlocks")
            .remove("198.51.100.0/24"),
    ));
    p.push(probe("bulk status", api::indicators().bulk_status()));
    p.push(probe("bulk json", api::indicators().bulk_json()));
    p.push(probe(
        "bulk csv",
        api::indicators().bulk_raw(api::BulkFormat::Csv),
    ));

    // Security labels and tags: the items carrying them.
    p.push(probe("labels", api::security_labels().list()));
    p.push(probe("label get", api::security_label("TLP:AMBER").get()));
    item_children("label", &api::security_label("TLP:AMBER"), ids, &mut p);
    p.push(probe("tags", api::tags().list()));
    p.push(probe("tag get", api::tag("Phishing").get()));
    item_children("tag", &api::tag("Phishing"), ids, &mut p);

    // Tasks.
    p.push(probe("tasks", api::tasks().list()));
    p.push(probe(
        "task create",
        api::tasks().create(&Task::named("Probe task")),
    ));
    let task = api::task(ids.task);
    p.push(probe("task get", task.get()));
    p.push(probe(
        "task update",
        task.update(&Task::named("Renamed task")),
    ));
    p.push(probe("task delete", task.delete()));
    let (analyst, lead) = ("analyst@demo.invalid", "lead@demo.invalid");
    for (name, people, member, other) in [
        ("assignees", task.assignees(), analyst, lead),
        ("escalatees", task.escalatees(), lead, analyst),
    ] {
        p.push(probe(format!("task {name}"), people.list()));
        p.push(probe(format!("task {name} get"), people.get(member)));
        p.push(probe(format!("task {name} add"), people.add(other)));
        p.push(probe(format!("task {name} remove"), people.remove(member)));
    }
    metadata("task", &task, &mut p);
    item_children("task", &task, ids, &mut p);

    // Victims.
    p.push(probe("victims", api::victims().list()));
    p.push(probe(
        "victim create",
        api::victims().create(&Victim::named("Probe victim")),
    ));
    let victim = api::victim(ids.victim);
    p.push(probe("victim get", victim.get()));
    p.push(probe(
        "victim update",
        victim.update(&Victim::named("Renamed victim")),
    ));
    p.push(probe("victim delete", victim.delete()));
    item_children("victim", &victim, ids, &mut p);
    p.push(probe("victim assets", victim.victim_assets().list()));
    for (kind, id) in &ids.assets {
        let a = victim.assets(*kind);
        p.push(probe(format!("victim assets {kind:?}"), a.list()));
        p.push(probe(format!("victim asset create {kind:?}"), a.create(&serde_json::json!({"address": "x@demo.invalid", "account": "probe", "phoneType": "555", "webSite": "probe.invalid"}))));
        p.push(probe(format!("victim asset get {kind:?}"), a.get(*id)));
        p.push(probe(
            format!("victim asset update {kind:?}"),
            a.update(*id, &serde_json::json!({"account": "changed"})),
        ));
        p.push(probe(
            format!("victim asset delete {kind:?}"),
            a.delete(*id),
        ));
    }

    // Batch.
    p.push(probe(
        "batch create",
        api::batch().create(&api::BatchConfig::create("Demo Organization")),
    ));
    p.push(probe(
        "batch upload",
        api::batch_job(1).upload(b"[]".to_vec()),
    ));
    p.push(probe("batch status", api::batch_job(1).status()));
    p.push(probe("batch errors", api::batch_job(1).errors()));
    p
}
