//! What the service checks on create, and the tables it publishes.

/// Built-in association types: (name, apiBranch, fileAction).
pub(crate) const ASSOCIATION_TYPES: &[(&str, &str, bool)] = &[
    ("Address To User Agent", "addressToUserAgent", false),
    ("ASN To Address", "asnToAddress", false),
    ("ASN To CIDR", "asnToCidr", false),
    ("CIDR To Address", "cidrToAddress", false),
    ("DNS PTR Record", "dnsPtrRecord", false),
    ("Domain Registrant", "domainRegistrant", false),
    ("File Download", "fileDownload", false),
    ("URL Host", "urlHost", false),
];

/// The detection regexes the instance publishes for a type.
pub(crate) fn regexes(branch: &str) -> Vec<&'static str> {
    match branch {
        "addresses" => vec![r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b"],
        "emailAddresses" => vec![r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"],
        "files" => vec![
            r"\b[A-Fa-f0-9]{32}\b",
            r"\b[A-Fa-f0-9]{40}\b",
            r"\b[A-Fa-f0-9]{64}\b",
        ],
        "hosts" => vec![r"\b(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b"],
        "urls" => vec![r"\b(?:https?|ftp)://\S+"],
        "asns" => vec![r"\bASN[0-9]+\b"],
        "cidrBlocks" => vec![r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}\b"],
        _ => Vec::new(),
    }
}
