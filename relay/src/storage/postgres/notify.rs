//! Commit notices between relay processes: NOTIFY after a batch commits, LISTEN elsewhere.
//!
//! NOTIFY takes one cluster-wide lock held through its transaction's commit, so it is never
//! sent inside a push transaction (every push would then wait for every other's WAL flush):
//! it goes out after the commit, in a transaction of its own with `synchronous_commit = off`
//! (a lost notice loses nothing: it is a hint, and the blobs are already durable).
//!
//! Payload: `<node id hex> <group hex>:<cursor> ...`, split to stay under PostgreSQL's 8000
//! bytes. The node id lets a process skip its own notices.

use deadpool_postgres::Pool;

use super::super::{CommitNotice, GroupId};
use super::error::{classify, pool as pool_error};

/// The channel every process of a cluster notifies and listens on.
pub(super) const CHANNEL: &str = "zerok_commits";

/// Payload bytes per notification, under PostgreSQL's limit of 8000.
const MAX_PAYLOAD: usize = 7900;

/// Announces `committed` (each group's highest new cursor). Failures are logged only.
pub(super) async fn send(pool: Pool, node_id: [u8; 16], committed: Vec<(GroupId, u64)>) {
    let payloads = payloads(&node_id, &committed);
    let started = std::time::Instant::now();
    // One simple-query message, so one round trip: the payloads hold only hex digits,
    // spaces and colons, so they are quoted as they are.
    let mut sql = String::from("BEGIN; SET LOCAL synchronous_commit = off;");
    for payload in &payloads {
        sql.push_str(&format!(" SELECT pg_notify('{CHANNEL}', '{payload}');"));
    }
    sql.push_str(" COMMIT");
    let result = async {
        let client = pool.get().await.map_err(pool_error)?;
        client.batch_execute(&sql).await.map_err(|e| classify(&e))
    }
    .await;
    match result {
        Ok(()) => metrics::histogram!("zerok_storage_notify_seconds")
            .record(started.elapsed().as_secs_f64()),
        Err(e) => tracing::warn!(error = %e, "could not announce commits to other relay nodes"),
    }
}

pub(super) fn payloads(node_id: &[u8; 16], committed: &[(GroupId, u64)]) -> Vec<String> {
    let head = hex::encode(node_id);
    let mut out = Vec::new();
    let mut current = head.clone();
    for (group, cursor) in committed {
        let item = format!(" {}:{cursor}", hex::encode(group));
        if current.len() + item.len() > MAX_PAYLOAD {
            out.push(std::mem::replace(&mut current, head.clone()));
        }
        current.push_str(&item);
    }
    if current.len() > head.len() {
        out.push(current);
    }
    out
}

/// The notices in `payload`, or none if `own` sent it (or it is not ours).
pub(super) fn parse(own: &[u8; 16], payload: &str) -> Vec<CommitNotice> {
    let mut parts = payload.split_ascii_whitespace();
    let mut node = [0u8; 16];
    match parts.next() {
        Some(head) if hex::decode_to_slice(head, &mut node).is_ok() && &node != own => {}
        _ => return Vec::new(),
    }
    parts
        .filter_map(|item| {
            let (group_hex, cursor) = item.split_once(':')?;
            let mut group = [0u8; 32];
            hex::decode_to_slice(group_hex, &mut group).ok()?;
            Some(CommitNotice::Committed {
                group,
                cursor: cursor.parse().ok()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_split_under_the_limit_and_parse_back() {
        let committed: Vec<(GroupId, u64)> =
            (0..300u64).map(|i| ([i as u8; 32], i * 1000 + 1)).collect();
        let payloads = payloads(&[1; 16], &committed);
        assert!(payloads.len() > 1);
        assert!(payloads.iter().all(|p| p.len() <= MAX_PAYLOAD));
        let parsed: Vec<_> = payloads.iter().flat_map(|p| parse(&[2; 16], p)).collect();
        let expected: Vec<_> = committed
            .iter()
            .map(|&(group, cursor)| CommitNotice::Committed { group, cursor })
            .collect();
        assert_eq!(parsed, expected);
        assert!(payloads.iter().all(|p| parse(&[1; 16], p).is_empty()));
    }
}
