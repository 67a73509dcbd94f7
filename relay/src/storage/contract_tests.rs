//! The [`Storage`] contract as tests, run against every backend: each backend's test module
//! implements [`Backend`] and invokes [`storage_contract_tests!`], so SQLite and PostgreSQL are
//! held to the same assertions (`concurrent_pushes_get_gap_free_cursors` is called by each
//! backend's own test, which then checks its batching).

use std::time::{SystemTime, UNIX_EPOCH};

use tokio::task::JoinSet;

use super::{GroupId, NewBlob, Page, PushOutcome, Storage, StorageError, StoredBlob};

pub(crate) const G: GroupId = [7; 32];
pub(crate) const H: GroupId = [8; 32];
pub(crate) const NEVER: u64 = u64::MAX;
pub(crate) const DEFAULT_QUOTA: u64 = 1 << 30;

/// A place to open a backend's store: every `open` of one `Backend` reaches the same data.
pub(crate) trait Backend {
    type S: Storage + Clone;
    /// Opens (or reopens) the store with this per-group quota.
    async fn open(&self, quota_bytes_per_group: u64) -> Self::S;
    /// The group's counted bytes, read from the store directly (not through the trait).
    async fn bytes_used(&self, group: GroupId) -> u64;
}

/// The contract's tests for one backend: `storage_contract_tests!(expr)` where `expr`
/// (evaluated once per test, may `.await`) yields a fresh [`Backend`].
macro_rules! storage_contract_tests {
    ($backend:expr) => {
        mod contract {
            #[allow(unused_imports)]
            use super::*;

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn push_then_pull_round_trips() {
            $crate::storage::contract_tests::push_then_pull_round_trips(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn duplicate_push_returns_original_cursor_and_is_counted_once() {
            $crate::storage::contract_tests::duplicate_push_returns_original_cursor_and_is_counted_once(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn quota_refuses_only_the_item_that_does_not_fit() {
            $crate::storage::contract_tests::quota_refuses_only_the_item_that_does_not_fit(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn pull_pages_by_limit_and_by_bytes() {
            $crate::storage::contract_tests::pull_pages_by_limit_and_by_bytes(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn expiry_hides_then_deletes_and_frees_quota() {
            $crate::storage::contract_tests::expiry_hides_then_deletes_and_frees_quota(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn reopen_keeps_blobs_and_continues_cursors() {
            $crate::storage::contract_tests::reopen_keeps_blobs_and_continues_cursors(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn close_answers_queued_pushes_then_refuses() {
            $crate::storage::contract_tests::close_answers_queued_pushes_then_refuses(&$backend).await;
        }
        }
    };
}
pub(crate) use storage_contract_tests;

pub(crate) fn blob(id: u16, len: usize, expires_at_ms: u64) -> NewBlob {
    let mut blob_id = [0; 16];
    blob_id[..2].copy_from_slice(&id.to_be_bytes());
    NewBlob {
        blob_id,
        origin: [id as u8; 16],
        envelope: (0..len).map(|i| (i as u16 ^ id) as u8).collect(),
        expires_at_ms,
    }
}

pub(crate) async fn pull_all<S: Storage>(s: &S, group: GroupId) -> Vec<StoredBlob> {
    let page = s.pull(group, 0, u32::MAX, usize::MAX, 0).await.unwrap();
    assert!(!page.has_more);
    page.blobs
}

pub(crate) fn cursors(page: &Page) -> Vec<u64> {
    page.blobs.iter().map(|b| b.cursor).collect()
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

pub(crate) async fn push_then_pull_round_trips<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let b = blob(1, 100, NEVER);
    let before = now_ms();
    let out = s.push(G, b.clone()).await.unwrap();
    assert_eq!((out.cursor, out.duplicate), (1, false));
    assert!(out.timestamp_ms >= before && out.timestamp_ms <= now_ms());

    let page = s.pull(G, 0, 10, 1 << 20, now_ms()).await.unwrap();
    assert_eq!(
        page,
        Page {
            blobs: vec![StoredBlob {
                cursor: 1,
                blob_id: b.blob_id,
                origin: b.origin,
                timestamp_ms: out.timestamp_ms,
                envelope: b.envelope,
            }],
            has_more: false,
        }
    );
    assert_eq!(s.latest_cursor(G).await.unwrap(), 1);
    assert_eq!(s.latest_cursor(H).await.unwrap(), 0);
    assert!(pull_all(&s, H).await.is_empty());
}

pub(crate) async fn concurrent_pushes_get_gap_free_cursors<B: Backend>(backend: &B) -> B::S {
    let s = backend.open(DEFAULT_QUOTA).await;
    let mut tasks = JoinSet::new();
    for t in 0..8u16 {
        let s = s.clone();
        tasks.spawn(async move {
            let mut pushes = JoinSet::new();
            for i in 0..50u16 {
                let s = s.clone();
                pushes.spawn(async move {
                    let b = blob(t * 100 + i, 10 + usize::from(i), NEVER);
                    (s.push(G, b.clone()).await.unwrap(), b)
                });
            }
            pushes.join_all().await
        });
    }
    let mut pushed: Vec<_> = tasks.join_all().await.into_iter().flatten().collect();
    pushed.sort_by_key(|(out, _)| out.cursor);
    let assigned: Vec<u64> = pushed.iter().map(|(out, _)| out.cursor).collect();
    assert_eq!(assigned, (1..=400).collect::<Vec<_>>());
    assert!(pushed.iter().all(|(out, _)| !out.duplicate));

    let stored = pull_all(&s, G).await;
    assert_eq!(stored.len(), 400);
    for (got, (out, sent)) in stored.iter().zip(&pushed) {
        assert_eq!(got.cursor, out.cursor);
        assert_eq!(got.timestamp_ms, out.timestamp_ms);
        assert_eq!(
            (got.blob_id, got.origin, &got.envelope),
            (sent.blob_id, sent.origin, &sent.envelope)
        );
    }
    s
}

pub(crate) async fn duplicate_push_returns_original_cursor_and_is_counted_once<B: Backend>(
    backend: &B,
) {
    let s = backend.open(150).await;
    let a = blob(1, 100, NEVER);
    let first = s.push(G, a.clone()).await.unwrap();
    let again = s.push(G, a.clone()).await.unwrap();
    assert_eq!(
        again,
        PushOutcome {
            duplicate: true,
            ..first
        }
    );
    // Same blob_id in another group is a different blob.
    assert!(!s.push(H, a.clone()).await.unwrap().duplicate);
    assert_eq!(backend.bytes_used(G).await, 100);
    assert_eq!(s.push(G, blob(2, 50, NEVER)).await.unwrap().cursor, 2);

    // Two copies racing, possibly in one batch: exactly one is stored.
    let c = blob(3, 0, NEVER);
    let (x, y) = tokio::join!(s.push(G, c.clone()), s.push(G, c.clone()));
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.cursor, y.cursor);
    assert_eq!(x.timestamp_ms, y.timestamp_ms);
    assert!(x.duplicate != y.duplicate);
    assert_eq!(s.latest_cursor(G).await.unwrap(), 3);
    assert_eq!(pull_all(&s, G).await.len(), 3);
}

pub(crate) async fn quota_refuses_only_the_item_that_does_not_fit<B: Backend>(backend: &B) {
    let s = backend.open(100).await;
    s.push(G, blob(1, 60, NEVER)).await.unwrap();
    assert_eq!(
        s.push(G, blob(2, 50, NEVER)).await,
        Err(StorageError::QuotaExceeded {
            used: 60,
            quota: 100,
            needed: 50
        })
    );
    // No cursor was spent on the refused blob.
    assert_eq!(s.push(G, blob(3, 40, NEVER)).await.unwrap().cursor, 2);
    assert_eq!(s.push(H, blob(4, 100, NEVER)).await.unwrap().cursor, 1);

    // Concurrent pushes that share batches: exactly the ones that fit are stored.
    let mut pushes = JoinSet::new();
    for id in 10..20 {
        let s = s.clone();
        pushes.spawn(async move { s.push([9; 32], blob(id, 30, NEVER)).await });
    }
    let results = pushes.join_all().await;
    let mut stored: Vec<u64> = results.iter().flatten().map(|o| o.cursor).collect();
    stored.sort_unstable();
    assert_eq!(stored, [1, 2, 3]);
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| matches!(e, StorageError::QuotaExceeded { used: 90, .. }))
    );
}

pub(crate) async fn pull_pages_by_limit_and_by_bytes<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    for id in 1..=10 {
        s.push(G, blob(id, 10, NEVER)).await.unwrap();
    }
    let page = |after, limit, max_bytes| s.pull(G, after, limit, max_bytes, 0);

    let p = page(0, 4, usize::MAX).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![1, 2, 3, 4], true));
    let p = page(8, 4, usize::MAX).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![9, 10], false));
    let p = page(6, 4, usize::MAX).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![7, 8, 9, 10], false));
    let p = page(10, 4, usize::MAX).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![], false));

    let p = page(0, 100, 30).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![1, 2, 3], true));
    let p = page(0, 100, 29).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![1, 2], true));
    // A blob larger than max_bytes still comes alone, so paging always progresses.
    let p = page(4, 100, 5).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![5], true));
    let p = page(9, 100, 5).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![10], false));
    let p = page(0, 0, usize::MAX).await.unwrap();
    assert_eq!((cursors(&p), p.has_more), (vec![1], true));
}

pub(crate) async fn expiry_hides_then_deletes_and_frees_quota<B: Backend>(backend: &B) {
    let s = backend.open(60).await;
    s.push(G, blob(1, 10, 1_000)).await.unwrap();
    s.push(G, blob(2, 20, 2_000)).await.unwrap();
    s.push(G, blob(3, 30, NEVER)).await.unwrap();
    s.push(H, blob(4, 5, 1_000)).await.unwrap();

    // Expired but not yet swept: invisible to pull, still counted.
    let p = s.pull(G, 0, 10, usize::MAX, 1_000).await.unwrap();
    assert_eq!(cursors(&p), [2, 3]);
    assert!(s.push(G, blob(5, 1, NEVER)).await.is_err());

    assert_eq!(s.expire(999).await.unwrap(), 0);
    assert_eq!(s.expire(1_000).await.unwrap(), 2);
    assert_eq!(s.expire(1_000).await.unwrap(), 0);
    assert_eq!(
        (backend.bytes_used(G).await, backend.bytes_used(H).await),
        (50, 0)
    );
    assert_eq!(
        cursors(&s.pull(G, 0, 10, usize::MAX, 0).await.unwrap()),
        [2, 3]
    );

    // The freed bytes are usable again; cursors keep counting past expired blobs.
    assert_eq!(s.push(G, blob(5, 10, NEVER)).await.unwrap().cursor, 4);
    assert!(matches!(
        s.push(G, blob(6, 1, NEVER)).await,
        Err(StorageError::QuotaExceeded { used: 60, .. })
    ));
    assert_eq!(s.expire(2_000).await.unwrap(), 1);
    assert_eq!(backend.bytes_used(G).await, 40);
    assert_eq!(s.latest_cursor(G).await.unwrap(), 4);
    assert_eq!(s.latest_cursor(H).await.unwrap(), 1);
}

pub(crate) async fn reopen_keeps_blobs_and_continues_cursors<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    for id in 1..=3 {
        s.push(G, blob(id, 10, NEVER)).await.unwrap();
    }
    let before = pull_all(&s, G).await;
    let clone = s.clone();
    drop(s);
    drop(clone);

    let s = backend.open(DEFAULT_QUOTA).await;
    assert_eq!(pull_all(&s, G).await, before);
    assert_eq!(s.latest_cursor(G).await.unwrap(), 3);
    assert_eq!(s.push(G, blob(4, 10, NEVER)).await.unwrap().cursor, 4);
    assert!(s.push(G, blob(1, 10, NEVER)).await.unwrap().duplicate);
}

pub(crate) async fn close_answers_queued_pushes_then_refuses<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let mut pushes = JoinSet::new();
    for id in 0..50 {
        let s = s.clone();
        pushes.spawn(async move { s.push(G, blob(id, 10, NEVER)).await });
    }
    s.close().await;
    let results = pushes.join_all().await;
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Ok(_) | Err(StorageError::Closed)))
    );
    let acked = results.iter().filter(|r| r.is_ok()).count() as u64;
    assert_eq!(s.latest_cursor(G).await.unwrap(), acked);

    assert_eq!(
        s.push(G, blob(99, 1, NEVER)).await,
        Err(StorageError::Closed)
    );
    assert_eq!(s.expire(0).await, Err(StorageError::Closed));
    s.close().await;
}
