//! The deterministic demo data set: every object type, several owners.

use serde_json::{Map, Value, json};

use crate::store::{
    AdversaryAssetRec, AttributeRec, GroupRec, IndicatorRec, ORG_ID, ObjRef, Store, TaskRec,
    VictimAssetRec, VictimRec,
};

/// 2024-01-15T09:00:00Z: demo items are dated from here on.
const T0: i64 = 1_705_309_200;
const DAY: i64 = 86_400;

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn add_indicator(
    s: &mut Store,
    owner: u64,
    branch: &str,
    values: &[&str],
    rating: f64,
    confidence: i64,
    day: i64,
) -> u64 {
    let id = s.id();
    crate::routes::indicators::insert(
        s,
        IndicatorRec {
            id,
            owner,
            branch: branch.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
            rating: Some(rating),
            confidence: Some(confidence),
            dns_active: branch == "hosts",
            whois_active: branch == "hosts",
            size: (branch == "files").then_some(94_208),
            active: true,
            date_added: T0 + day * DAY,
            last_modified: T0 + day * DAY + 3_600,
            ..IndicatorRec::default()
        },
    );
    id
}

fn add_attribute(
    s: &mut Store,
    parent: ObjRef,
    kind: &str,
    value: &str,
    displayed: bool,
    day: i64,
) -> u64 {
    let id = s.id();
    s.attributes.insert(
        id,
        AttributeRec {
            id,
            parent,
            kind: kind.into(),
            value: value.into(),
            source: Some("Sandbox demo data".into()),
            displayed,
            date_added: T0 + day * DAY,
            last_modified: T0 + day * DAY,
            labels: Default::default(),
        },
    );
    id
}

fn add_group(s: &mut Store, owner: u64, branch: &str, name: &str, fields: Value, day: i64) -> u64 {
    let id = s.id();
    s.groups.insert(
        id,
        GroupRec {
            id,
            owner,
            branch: branch.into(),
            name: name.into(),
            fields: obj(fields),
            date_added: T0 + day * DAY,
            last_modified: T0 + day * DAY + 7_200,
            content: None,
            xid: format!("sandbox-demo:{id}"),
        },
    );
    id
}

fn label(s: &mut Store, item: ObjRef, name: &str) {
    s.item_labels.entry(item).or_default().insert(name.into());
}

/// Fills the store with the demo data.
pub(crate) fn populate(s: &mut Store) {
    use ObjRef::{Group, Indicator, Task, Victim, VictimAsset};

    // Indicators of every base type and the common custom types.
    let host = add_indicator(s, ORG_ID, "hosts", &["evil.example"], 4.0, 85, 0);
    let host2 = add_indicator(
        s,
        ORG_ID,
        "hosts",
        &["login-update.example.net"],
        3.0,
        70,
        1,
    );
    let addr = add_indicator(s, ORG_ID, "addresses", &["198.51.100.23"], 4.0, 90, 2);
    let addr6 = add_indicator(s, ORG_ID, "addresses", &["2001:db8::bad:1"], 3.0, 60, 3);
    let email = add_indicator(
        s,
        ORG_ID,
        "emailAddresses",
        &["billing@evil.example"],
        3.0,
        75,
        4,
    );
    let file = add_indicator(
        s,
        ORG_ID,
        "files",
        &[
            "44D88612FEA8A8F36DE82E1278ABB02F",
            "3395856CE81F2B7382DEE72602F798B642F14140",
            "275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F",
        ],
        5.0,
        100,
        5,
    );
    let url = add_indicator(
        s,
        ORG_ID,
        "urls",
        &["http://evil.example/login.php?next=/account"],
        4.0,
        80,
        6,
    );
    let asn = add_indicator(s, ORG_ID, "asns", &["ASN64500"], 2.0, 50, 7);
    let cidr = add_indicator(s, ORG_ID, "cidrBlocks", &["198.51.100.0/24"], 2.0, 50, 7);
    let mutex = add_indicator(
        s,
        ORG_ID,
        "mutexes",
        &["Global\\SandboxDemoMutex"],
        3.0,
        65,
        8,
    );
    let regkey = add_indicator(
        s,
        ORG_ID,
        "registryKeys",
        &[
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
            "updater",
            "REG_SZ",
        ],
        3.0,
        70,
        8,
    );
    let ua = add_indicator(
        s,
        ORG_ID,
        "userAgents",
        &["Mozilla/5.0 (SandboxBot 1.0)"],
        1.0,
        40,
        9,
    );
    add_indicator(
        s,
        ORG_ID,
        "emailSubjects",
        &["Your invoice is overdue"],
        2.0,
        55,
        9,
    );
    add_indicator(s, ORG_ID, "hashtags", &["#sandboxdemo"], 1.0, 20, 9);
    // The same host in a community: lookups across owners find both.
    let shared = add_indicator(s, 2, "hosts", &["evil.example"], 3.0, 60, 10);
    add_indicator(s, 3, "addresses", &["203.0.113.77"], 4.0, 80, 11);
    add_indicator(
        s,
        4,
        "urls",
        &["https://phish.example.org/reset"],
        5.0,
        95,
        12,
    );
    // Restricted owner's data: never visible to the demo user.
    add_indicator(s, 5, "hosts", &["secret.example"], 5.0, 100, 12);

    if let Some(rec) = s.indicators.get_mut(&host) {
        rec.observations = vec![(3, T0 + 2 * DAY), (2, T0 + 20 * DAY)];
        rec.false_positives = vec![T0 + 21 * DAY];
    }
    if let Some(rec) = s.indicators.get_mut(&file) {
        let mut occ = Map::new();
        occ.insert("id".into(), json!(900_001));
        occ.insert("fileName".into(), json!("invoice.pdf.exe"));
        occ.insert("path".into(), json!("C:\\Users\\Public\\Downloads"));
        occ.insert("date".into(), json!("2024-01-20T10:00:00Z"));
        rec.file_occurrences.insert(900_001, occ);
    }
    if let Some(rec) = s.indicators.get_mut(&addr6) {
        rec.active = true;
    }
    for (item, tags) in [
        (
            Indicator(host),
            &["APT-Sandbox", "Phishing", "C2/Infrastructure"][..],
        ),
        (Indicator(host2), &["Phishing"][..]),
        (Indicator(addr), &["C2/Infrastructure", "Nation State"][..]),
        (Indicator(email), &["Phishing"][..]),
        (Indicator(file), &["Ransomware", "Malware Family: Démo"][..]),
        (Indicator(url), &["Phishing", "credential theft"][..]),
        (Indicator(shared), &["Community Shared"][..]),
    ] {
        for t in tags {
            s.tag(item, t);
        }
    }
    label(s, Indicator(host), "TLP:AMBER");
    label(s, Indicator(addr), "TLP:GREEN");
    label(s, Indicator(file), "TLP:RED");
    add_attribute(
        s,
        Indicator(host),
        "Description",
        "Command-and-control domain used in the sandbox demo campaign.",
        true,
        0,
    );
    add_attribute(
        s,
        Indicator(host),
        "Source",
        "Sandbox analyst notes",
        true,
        0,
    );
    let attr = add_attribute(
        s,
        Indicator(addr),
        "Description",
        "Hosting for evil.example.",
        true,
        2,
    );
    if let Some(a) = s.attributes.get_mut(&attr) {
        a.labels.insert("TLP:GREEN".into());
    }
    add_attribute(
        s,
        Indicator(file),
        "Description",
        "Dropper delivered by the invoice phish.",
        true,
        5,
    );

    // Groups of every type.
    let adversary = add_group(s, ORG_ID, "adversaries", "Sandbox Spider", json!({}), 0);
    let campaign = add_group(
        s,
        ORG_ID,
        "campaigns",
        "Invoice Phish 2024",
        json!({"firstSeen": "2024-01-14T00:00:00Z"}),
        0,
    );
    let document = add_group(
        s,
        ORG_ID,
        "documents",
        "Campaign report.txt",
        json!({"fileName": "report.txt", "fileSize": 0, "status": "Awaiting Upload", "malware": false}),
        1,
    );
    let email_group = add_group(
        s,
        ORG_ID,
        "emails",
        "Invoice overdue phish",
        json!({"subject": "Your invoice is overdue", "header": "Received: from mail.evil.example", "body": "Please open the attached invoice.", "from": "billing@evil.example", "to": "victim@demo.invalid", "score": 82}),
        2,
    );
    let event = add_group(
        s,
        ORG_ID,
        "events",
        "Beacon seen",
        json!({"eventDate": "2024-01-18T12:00:00Z", "status": "Needs Review"}),
        3,
    );
    let incident = add_group(
        s,
        ORG_ID,
        "incidents",
        "Finance workstation compromise",
        json!({"eventDate": "2024-01-17T08:30:00Z", "status": "Open"}),
        3,
    );
    let intrusion = add_group(
        s,
        ORG_ID,
        "intrusionSets",
        "Sandbox Intrusion Set",
        json!({}),
        4,
    );
    let report = add_group(
        s,
        ORG_ID,
        "reports",
        "Quarterly threat report",
        json!({"fileName": "q1.pdf", "fileSize": 0, "status": "Awaiting Upload", "publishDate": "2024-02-01T00:00:00Z"}),
        4,
    );
    let signature = add_group(
        s,
        ORG_ID,
        "signatures",
        "Sandbox dropper YARA",
        json!({"fileName": "dropper.yar", "fileType": "YARA", "fileText": "rule sandbox_dropper { strings: $a = \"invoice\" condition: $a }"}),
        5,
    );
    let threat = add_group(s, ORG_ID, "threats", "Invoice malware threat", json!({}), 5);
    for g in [
        adversary,
        campaign,
        document,
        email_group,
        event,
        incident,
        intrusion,
        report,
        signature,
        threat,
    ] {
        s.link(Group(g), Indicator(host));
    }
    s.link(Group(incident), Indicator(addr));
    s.link(Group(incident), Indicator(file));
    s.link(Group(email_group), Indicator(email));
    s.link(Group(threat), Indicator(url));
    s.link(Group(incident), Group(adversary));
    s.link(Group(threat), Group(campaign));
    s.link(Indicator(host), Indicator(addr));
    s.link(Indicator(url), Indicator(host));
    s.custom_links.insert(("asnToCidr".into(), asn, cidr));
    s.custom_links.insert(("cidrToAddress".into(), cidr, addr));
    s.custom_links
        .insert(("addressToUserAgent".into(), addr, ua));
    s.link(Indicator(mutex), Indicator(file));
    s.link(Indicator(regkey), Indicator(file));
    s.tag(Group(incident), "APT-Sandbox");
    s.tag(Group(threat), "Ransomware");
    label(s, Group(incident), "TLP:AMBER");
    add_attribute(
        s,
        Group(incident),
        "Description",
        "A finance workstation ran the invoice dropper.",
        true,
        3,
    );
    if let Some(doc) = s.groups.get_mut(&document) {
        let text = b"Sandbox campaign report: evil.example served the invoice dropper.\n".to_vec();
        doc.fields.insert("fileSize".into(), json!(text.len()));
        doc.fields.insert("status".into(), json!("Success"));
        doc.content = Some(text);
    }
    for (branch, value) in [
        ("handles", "sandbox_spider"),
        ("phoneNumbers", "+1-555-0100"),
        ("urls", "https://evil.example/about"),
    ] {
        let id = s.id();
        s.adversary_assets.insert(
            id,
            AdversaryAssetRec {
                id,
                adversary,
                branch,
                value: value.into(),
            },
        );
    }

    // Victims with assets of every type.
    let victim = s.id();
    s.victims.insert(
        victim,
        VictimRec {
            id: victim,
            owner: ORG_ID,
            fields: obj(json!({"name": "Finance Department", "description": "Accounts payable team", "org": "Demo Organization", "suborg": "Finance", "workLocation": "Head office", "nationality": "Sandboxian"})),
        },
    );
    let mut first_asset = None;
    for (branch, fields) in [
        (
            "emailAddresses",
            json!({"address": "victim@demo.invalid", "addressType": "Work"}),
        ),
        (
            "networkAccounts",
            json!({"account": "fin-ws-042", "network": "Active Directory"}),
        ),
        ("phoneNumbers", json!({"phoneType": "+1-555-0142"})),
        (
            "socialNetworks",
            json!({"account": "@demo_finance", "network": "Example Social"}),
        ),
        ("webSites", json!({"webSite": "intranet.demo.invalid"})),
    ] {
        let id = s.id();
        first_asset.get_or_insert(id);
        s.victim_assets.insert(
            id,
            VictimAssetRec {
                id,
                victim,
                branch,
                fields: obj(fields),
            },
        );
    }
    s.link(Group(incident), Victim(victim));
    if let Some(asset) = first_asset {
        s.link(Group(email_group), VictimAsset(asset));
    }

    // Tasks with assignees and escalatees.
    let task = s.id();
    s.tasks.insert(
        task,
        TaskRec {
            id: task,
            owner: ORG_ID,
            name: "Triage evil.example".into(),
            fields: obj(json!({"status": "In Progress", "dueDate": "2024-02-01T00:00:00Z", "reminderDate": "2024-01-30T00:00:00Z", "escalationDate": "2024-02-03T00:00:00Z", "description": "Check proxy logs for evil.example."})),
            assignees: vec!["analyst@demo.invalid".into()],
            escalatees: vec!["lead@demo.invalid".into()],
            date_added: T0 + 3 * DAY,
            last_modified: T0 + 4 * DAY,
        },
    );
    s.link(Task(task), Group(incident));
    s.link(Task(task), Indicator(host));
    s.tag(Task(task), "Phishing");

    // The exclusion list.
    for v in ["localhost", "127.0.0.1", "example.com", "8.8.8.8"] {
        s.exclusions.insert(v.into());
    }
    s.bulk_last_run = T0 + 30 * DAY;
    // Seeding is not counted as client writes.
    s.writes = 0;
}
