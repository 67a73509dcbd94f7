//! Go names for UniFFI names: exported CamelCase with Go's initialisms (`blob_id` → `BlobID`,
//! `invite_to_qr` → `InviteToQR`), lowerCamel locals that never shadow a keyword.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// Words Go spells in capitals (the usual lint list, plus QR).
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
    "JSON", "QR", "QPS", "RAM", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP",
    "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML",
];

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// An exported Go name: `pull_after` → `PullAfter`, `group_id` → `GroupID`.
pub fn exported(name: &str) -> String {
    split_words(&name.to_upper_camel_case())
        .into_iter()
        .map(|word| {
            let upper = word.to_ascii_uppercase();
            if INITIALISMS.contains(&upper.as_str()) {
                upper
            } else {
                word.to_owned()
            }
        })
        .collect()
}

/// A local or parameter name: `ttl_secs` → `ttlSecs`; keywords and the names generated code
/// uses itself get a trailing underscore.
pub fn local(name: &str) -> String {
    let camel = name.to_lower_camel_case();
    // Also the names generated function bodies use.
    let taken = matches!(
        camel.as_str(),
        "ctx" | "status" | "self" | "err" | "result" | "o"
    );
    if KEYWORDS.contains(&camel.as_str()) || taken {
        format!("{camel}_")
    } else {
        camel
    }
}

/// Splits `PullAfter` into `Pull`, `After`.
fn split_words(camel: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in camel.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&camel[start..i]);
            start = i;
        }
    }
    words.push(&camel[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_names_follow_go_style() {
        assert_eq!(exported("pull_after"), "PullAfter");
        assert_eq!(exported("group_id"), "GroupID");
        assert_eq!(exported("blob_id"), "BlobID");
        assert_eq!(exported("invite_to_qr"), "InviteToQR");
        assert_eq!(exported("ttl_secs"), "TTLSecs");
        assert_eq!(exported("timestamp_ms"), "TimestampMs");
        assert_eq!(exported("is_connected"), "IsConnected");
        assert_eq!(exported("echo_u64"), "EchoU64");
        assert_eq!(exported("SyncClient"), "SyncClient");
    }

    #[test]
    fn locals_never_shadow() {
        assert_eq!(local("ttl_secs"), "ttlSecs");
        assert_eq!(local("type"), "type_");
        assert_eq!(local("ctx"), "ctx_");
        assert_eq!(local("status"), "status_");
    }
}
