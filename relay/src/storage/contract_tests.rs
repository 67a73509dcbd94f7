//! The [`Storage`] contract as tests, run against every backend: each backend's test module
//! implements [`Backend`] and invokes [`storage_contract_tests!`], so SQLite and PostgreSQL are
//! held to the same assertions (`concurrent_pushes_get_gap_free_cursors` is called by each
//! backend's own test, which then checks its batching). Large objects have their own
//! [`object_contract_tests!`], invoked by each backend that stores them.

use std::time::{SystemTime, UNIX_EPOCH};

use tokio::task::JoinSet;

use super::{
    GroupId, NewBlob, ObjectSpec, ObjectState, Page, PushOutcome, Storage, StorageError, StoredBlob,
};

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

/// The large-object part of the contract, for backends that store objects:
/// `object_contract_tests!(expr)` as [`storage_contract_tests!`].
macro_rules! object_contract_tests {
    ($backend:expr) => {
        mod object_contract {
            #[allow(unused_imports)]
            use super::*;

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn begin_is_idempotent_and_refuses_another_spec() {
            $crate::storage::contract_tests::begin_is_idempotent_and_refuses_another_spec(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn put_chunk_checks_index_and_length_and_stores_once() {
            $crate::storage::contract_tests::put_chunk_checks_index_and_length_and_stores_once(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn quota_counts_chunks_as_they_arrive_and_refuses_big_objects_at_once() {
            $crate::storage::contract_tests::quota_counts_chunks_as_they_arrive_and_refuses_big_objects_at_once(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn commit_needs_every_chunk_then_enters_the_log_once() {
            $crate::storage::contract_tests::commit_needs_every_chunk_then_enters_the_log_once(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn abort_deletes_a_staging_object_and_frees_its_quota() {
            $crate::storage::contract_tests::abort_deletes_a_staging_object_and_frees_its_quota(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn objects_expire_with_their_chunks_and_free_quota() {
            $crate::storage::contract_tests::objects_expire_with_their_chunks_and_free_quota(&$backend).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn chunks_come_from_committed_objects_in_index_order() {
            $crate::storage::contract_tests::chunks_come_from_committed_objects_in_index_order(&$backend).await;
        }
        }
    };
}
pub(crate) use object_contract_tests;

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

/// Object `id`'s spec: `chunk_count` chunks of `chunk_bytes`, the last of `last`. Its id is
/// `blob(id, ..).blob_id`, so `blob(id, ..)` serves as its manifest.
pub(crate) fn spec(id: u16, chunk_count: u64, chunk_bytes: u32, last: u32) -> ObjectSpec {
    let b = blob(id, 0, NEVER);
    ObjectSpec {
        object_id: b.blob_id,
        origin: b.origin,
        chunk_count,
        chunk_bytes,
        last_chunk_bytes: last,
    }
}

/// Chunk `index` of `spec` as an envelope of the right length, distinct per object and index.
pub(crate) fn chunk(spec: &ObjectSpec, index: u64) -> Vec<u8> {
    let len = spec.chunk_len(index).expect("index within the object");
    let seed = spec.object_id[1] as u64 * 31 + index;
    (0..len).map(|i| (u64::from(i) ^ seed) as u8).collect()
}

/// Stores every chunk of `spec` in `group`, concurrently (so they share commits).
pub(crate) async fn put_all<S: Storage + Clone>(s: &S, group: GroupId, spec: &ObjectSpec) {
    let mut puts = JoinSet::new();
    for index in 0..spec.chunk_count {
        let (s, spec) = (s.clone(), *spec);
        puts.spawn(async move {
            s.put_chunk(group, spec.object_id, index, chunk(&spec, index), LATER)
                .await
        });
    }
    assert!(puts.join_all().await.iter().all(|r| r == &Ok(false)));
}

/// A staging expiry that tests never reach unless they expire at it.
pub(crate) const LATER: u64 = 1 << 60;

/// An expiry `secs` from now: committed objects are readable until then.
pub(crate) fn in_secs(secs: u64) -> u64 {
    now_ms() + secs * 1000
}

pub(crate) async fn begin_is_idempotent_and_refuses_another_spec<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let a = spec(1, 3, 100, 40);
    assert_eq!(s.object_state(G, a.object_id).await.unwrap(), None);
    let fresh = ObjectState {
        spec: a,
        stored: vec![],
        bytes_stored: 0,
        committed: None,
        expires_at_ms: 5_000,
    };
    assert_eq!(s.object_begin(G, a, 5_000).await.unwrap(), fresh);
    // Again: the same object, its expiry extended, never shortened.
    let later = ObjectState {
        expires_at_ms: 9_000,
        ..fresh.clone()
    };
    assert_eq!(s.object_begin(G, a, 9_000).await.unwrap(), later);
    assert_eq!(s.object_begin(G, a, 1_000).await.unwrap(), later);
    assert_eq!(s.object_state(G, a.object_id).await.unwrap(), Some(later));
    // Another device resuming it keeps the origin of the one that began it.
    let other_origin = ObjectSpec {
        origin: [99; 16],
        ..a
    };
    assert_eq!(
        s.object_begin(G, other_origin, 9_000).await.unwrap().spec,
        a
    );

    for other in [
        ObjectSpec {
            chunk_count: 4,
            ..a
        },
        ObjectSpec {
            chunk_bytes: 99,
            ..a
        },
        ObjectSpec {
            last_chunk_bytes: 41,
            ..a
        },
    ] {
        assert_eq!(
            s.object_begin(G, other, 9_000).await,
            Err(StorageError::ObjectMismatch)
        );
    }
    // The same id in another group is another object.
    let in_h = spec(1, 1, 0, 7);
    assert_eq!(s.object_begin(H, in_h, 1).await.unwrap().spec, in_h);
    // No chunks is no object (small objects travel inline, as blobs).
    assert_eq!(
        s.object_begin(G, spec(2, 0, 100, 100), LATER).await,
        Err(StorageError::ObjectMismatch)
    );
    // The id of a plain blob cannot become an object's (its manifest takes that id).
    s.push(G, blob(3, 10, NEVER)).await.unwrap();
    assert_eq!(
        s.object_begin(G, spec(3, 1, 0, 10), LATER).await,
        Err(StorageError::ObjectMismatch)
    );
    assert_eq!(
        s.object_state(G, spec(3, 1, 0, 10).object_id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(backend.bytes_used(G).await, 10);
}

pub(crate) async fn put_chunk_checks_index_and_length_and_stores_once<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let a = spec(1, 3, 100, 40);
    let id = a.object_id;
    assert_eq!(
        s.put_chunk(G, id, 0, chunk(&a, 0), LATER).await,
        Err(StorageError::ObjectUnknown)
    );
    s.object_begin(G, a, 1_000).await.unwrap();
    let refused = [
        (3, vec![0; 40]),        // past the last chunk
        (u64::MAX, vec![0; 40]), // far past it
        (0, vec![0; 99]),        // a short chunk
        (0, vec![0; 40]),        // the last chunk's length at another index
        (2, vec![0; 100]),       // a full chunk as the last
        (2, vec![0; 41]),
    ];
    for (index, envelope) in refused {
        assert_eq!(
            s.put_chunk(G, id, index, envelope, LATER).await,
            Err(StorageError::ObjectMismatch),
            "chunk {index}"
        );
    }
    assert_eq!(
        s.put_chunk(H, id, 0, chunk(&a, 0), LATER).await,
        Err(StorageError::ObjectUnknown)
    );
    let state = s.object_state(G, id).await.unwrap().unwrap();
    assert_eq!((state.stored, state.bytes_stored), (vec![], 0));

    assert_eq!(s.put_chunk(G, id, 0, chunk(&a, 0), 2_000).await, Ok(false));
    assert_eq!(s.put_chunk(G, id, 0, chunk(&a, 0), 2_000).await, Ok(true));
    assert_eq!(s.put_chunk(G, id, 2, chunk(&a, 2), 2_000).await, Ok(false));
    let state = s.object_state(G, id).await.unwrap().unwrap();
    assert_eq!(state.stored, [(0, 1), (2, 3)]);
    assert_eq!(state.bytes_stored, 140);
    assert_eq!(state.expires_at_ms, 2_000);
    assert_eq!(backend.bytes_used(G).await, 140);

    // A chunk stored again, even racing itself, is stored and counted once; a repeat still
    // extends the staging expiry.
    let (x, y) = tokio::join!(
        s.put_chunk(G, id, 1, chunk(&a, 1), 3_000),
        s.put_chunk(G, id, 1, chunk(&a, 1), 3_000)
    );
    assert!(x.unwrap() != y.unwrap());
    assert_eq!(s.put_chunk(G, id, 2, chunk(&a, 2), 4_000).await, Ok(true));
    assert_eq!(
        s.object_state(G, id).await.unwrap(),
        Some(ObjectState {
            spec: a,
            stored: vec![(0, 3)],
            bytes_stored: 240,
            committed: None,
            expires_at_ms: 4_000,
        })
    );
    assert_eq!(backend.bytes_used(G).await, 240);
    // A resumed upload learns the same from begin.
    assert_eq!(s.object_begin(G, a, 1_000).await.unwrap().stored, [(0, 3)]);
}

pub(crate) async fn quota_counts_chunks_as_they_arrive_and_refuses_big_objects_at_once<
    B: Backend,
>(
    backend: &B,
) {
    let s = backend.open(250).await;
    // 2 × 100 + 60 = 260 bytes cannot fit in 250: refused before any chunk travels.
    assert_eq!(
        s.object_begin(G, spec(1, 3, 100, 60), LATER).await,
        Err(StorageError::QuotaExceeded {
            used: 0,
            quota: 250,
            needed: 260
        })
    );
    assert_eq!(
        s.object_state(G, spec(1, 3, 100, 60).object_id)
            .await
            .unwrap(),
        None
    );

    let a = spec(2, 2, 100, 50);
    s.object_begin(G, a, LATER).await.unwrap();
    // Begin reserves nothing: a push may still use the room.
    s.push(G, blob(3, 60, NEVER)).await.unwrap();
    assert_eq!(backend.bytes_used(G).await, 60);
    s.put_chunk(G, a.object_id, 0, chunk(&a, 0), LATER)
        .await
        .unwrap();
    assert_eq!(backend.bytes_used(G).await, 160);
    s.push(G, blob(4, 50, NEVER)).await.unwrap();
    assert_eq!(
        s.put_chunk(G, a.object_id, 1, chunk(&a, 1), LATER).await,
        Err(StorageError::QuotaExceeded {
            used: 210,
            quota: 250,
            needed: 50
        })
    );
    // Resuming checks what is still missing against what is left.
    assert_eq!(
        s.object_begin(G, a, LATER).await,
        Err(StorageError::QuotaExceeded {
            used: 210,
            quota: 250,
            needed: 50
        })
    );
    // An object that exactly fits is fine, and the refused chunk left nothing behind.
    let b = spec(5, 1, 0, 40);
    s.object_begin(G, b, LATER).await.unwrap();
    assert_eq!(
        s.object_state(G, a.object_id)
            .await
            .unwrap()
            .unwrap()
            .bytes_stored,
        100
    );
    assert_eq!(backend.bytes_used(G).await, 210);
    // Other groups have quotas of their own.
    s.object_begin(H, spec(1, 2, 125, 125), LATER)
        .await
        .unwrap();
}

pub(crate) async fn commit_needs_every_chunk_then_enters_the_log_once<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    s.push(G, blob(1, 10, NEVER)).await.unwrap();
    let a = spec(5, 3, 100, 40);
    let id = a.object_id;
    let expires = in_secs(3_600);
    let manifest = blob(5, 70, expires);
    assert_eq!(
        s.commit_object(G, id, manifest.clone()).await,
        Err(StorageError::ObjectUnknown)
    );
    s.object_begin(G, a, LATER).await.unwrap();
    s.put_chunk(G, id, 1, chunk(&a, 1), LATER).await.unwrap();
    assert_eq!(
        s.commit_object(G, id, manifest.clone()).await,
        Err(StorageError::ObjectIncomplete { missing: 2 })
    );
    s.put_chunk(G, id, 2, chunk(&a, 2), LATER).await.unwrap();
    assert_eq!(
        s.commit_object(G, id, manifest.clone()).await,
        Err(StorageError::ObjectIncomplete { missing: 1 })
    );
    s.put_chunk(G, id, 0, chunk(&a, 0), LATER).await.unwrap();
    // The manifest's blob_id is the object's id.
    assert_eq!(
        s.commit_object(G, id, blob(6, 70, expires)).await,
        Err(StorageError::ObjectMismatch)
    );
    // Nothing of the refused commits reached the log.
    assert_eq!(s.latest_cursor(G).await.unwrap(), 1);
    assert_eq!(
        s.object_state(G, id).await.unwrap().unwrap().committed,
        None
    );

    let before = now_ms();
    let out = s.commit_object(G, id, manifest.clone()).await.unwrap();
    assert_eq!((out.cursor, out.duplicate), (2, false));
    assert!(out.timestamp_ms >= before && out.timestamp_ms <= now_ms());
    // The manifest is the log's next blob, as if pushed.
    let page = s.pull(G, 1, 10, usize::MAX, now_ms()).await.unwrap();
    assert_eq!(
        page.blobs,
        [StoredBlob {
            cursor: 2,
            blob_id: id,
            origin: manifest.origin,
            timestamp_ms: out.timestamp_ms,
            envelope: manifest.envelope.clone(),
        }]
    );
    let committed = ObjectState {
        spec: a,
        stored: vec![(0, 3)],
        bytes_stored: 240,
        committed: Some(2),
        expires_at_ms: expires,
    };
    assert_eq!(
        s.object_state(G, id).await.unwrap(),
        Some(committed.clone())
    );
    assert_eq!(backend.bytes_used(G).await, 10 + 240 + 70);

    // Repeats after a lost answer: the original outcome, nothing stored again.
    let again = s.commit_object(G, id, manifest.clone()).await.unwrap();
    assert_eq!(
        again,
        PushOutcome {
            duplicate: true,
            ..out
        }
    );
    assert_eq!(s.object_begin(G, a, LATER).await.unwrap(), committed);
    assert_eq!(s.put_chunk(G, id, 1, chunk(&a, 1), LATER).await, Ok(true));
    assert_eq!(s.object_state(G, id).await.unwrap(), Some(committed));
    assert_eq!(s.latest_cursor(G).await.unwrap(), 2);
    assert_eq!(backend.bytes_used(G).await, 10 + 240 + 70);
    // A committed object leaves with its manifest, not by abort.
    assert_eq!(
        s.abort_object(G, id).await,
        Err(StorageError::ObjectMismatch)
    );
    // Pushes go on after it.
    assert_eq!(s.push(G, blob(7, 1, NEVER)).await.unwrap().cursor, 3);

    // The manifest counts against the quota like a push: refused, the object stays staging.
    drop(s);
    let s = backend.open(10 + 240 + 70 + 1 + 50 + 20).await;
    let b = spec(8, 1, 0, 50);
    s.object_begin(G, b, LATER).await.unwrap();
    s.put_chunk(G, b.object_id, 0, chunk(&b, 0), LATER)
        .await
        .unwrap();
    assert!(matches!(
        s.commit_object(G, b.object_id, blob(8, 21, NEVER)).await,
        Err(StorageError::QuotaExceeded { needed: 21, .. })
    ));
    assert_eq!(
        s.object_state(G, b.object_id)
            .await
            .unwrap()
            .unwrap()
            .committed,
        None
    );
    assert_eq!(
        s.commit_object(G, b.object_id, blob(8, 20, NEVER))
            .await
            .unwrap()
            .cursor,
        4
    );
}

pub(crate) async fn abort_deletes_a_staging_object_and_frees_its_quota<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    // Unknown: nothing to do, and no error (a repeated abort after a lost answer).
    s.abort_object(G, spec(1, 1, 0, 1).object_id).await.unwrap();

    s.push(G, blob(9, 30, NEVER)).await.unwrap();
    // More chunks than one deletion transaction takes, plus a second staging object to keep.
    let a = spec(1, 600, 10, 3);
    let keep = spec(2, 2, 10, 10);
    s.object_begin(G, a, LATER).await.unwrap();
    s.object_begin(G, keep, LATER).await.unwrap();
    put_all(&s, G, &a).await;
    put_all(&s, G, &keep).await;
    assert_eq!(backend.bytes_used(G).await, 30 + 5_993 + 20);

    s.abort_object(G, a.object_id).await.unwrap();
    assert_eq!(s.object_state(G, a.object_id).await.unwrap(), None);
    assert_eq!(backend.bytes_used(G).await, 30 + 20);
    s.abort_object(G, a.object_id).await.unwrap();
    assert_eq!(
        s.put_chunk(G, a.object_id, 0, chunk(&a, 0), LATER).await,
        Err(StorageError::ObjectUnknown)
    );
    // Begun again, it starts empty: no chunk of the aborted one was left behind.
    assert_eq!(s.object_begin(G, a, LATER).await.unwrap().stored, []);
    assert_eq!(
        s.object_state(G, keep.object_id)
            .await
            .unwrap()
            .unwrap()
            .stored,
        [(0, 2)]
    );
    assert_eq!(pull_all(&s, G).await.len(), 1);
}

pub(crate) async fn objects_expire_with_their_chunks_and_free_quota<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let t = in_secs(3_600);
    s.push(G, blob(9, 30, NEVER)).await.unwrap();
    // Staging, idle until t; one chunk in.
    let staging = spec(1, 2, 100, 50);
    s.object_begin(G, staging, t).await.unwrap();
    s.put_chunk(G, staging.object_id, 0, chunk(&staging, 0), t)
        .await
        .unwrap();
    // Committed, expiring with its manifest at t + 1000; more chunks than one deletion
    // transaction takes.
    let big = spec(2, 600, 10, 3);
    s.object_begin(G, big, t).await.unwrap();
    put_all(&s, G, &big).await;
    let manifest = blob(2, 20, t + 1_000);
    let cursor = s
        .commit_object(G, big.object_id, manifest)
        .await
        .unwrap()
        .cursor;
    assert_eq!(cursor, 2);
    assert_eq!(backend.bytes_used(G).await, 30 + 100 + 5_993 + 20);

    assert_eq!(s.expire(t - 1).await.unwrap(), 0);
    assert!(
        s.object_state(G, staging.object_id)
            .await
            .unwrap()
            .is_some()
    );

    // The staging object goes at its staging expiry (the committed one's was replaced by
    // its manifest's).
    assert_eq!(s.expire(t).await.unwrap(), 1);
    assert_eq!(s.object_state(G, staging.object_id).await.unwrap(), None);
    assert_eq!(backend.bytes_used(G).await, 30 + 5_993 + 20);
    assert_eq!(s.chunks(G, big.object_id, 0, 1).await.unwrap().len(), 1);
    assert_eq!(
        s.put_chunk(G, staging.object_id, 1, chunk(&staging, 1), t)
            .await,
        Err(StorageError::ObjectUnknown)
    );

    // The committed one goes with its manifest: the object and the blob, two deletions.
    assert_eq!(s.expire(t + 1_000).await.unwrap(), 2);
    assert_eq!(s.object_state(G, big.object_id).await.unwrap(), None);
    assert_eq!(
        s.chunks(G, big.object_id, 0, 1).await,
        Err(StorageError::ObjectUnknown)
    );
    assert_eq!(
        s.commit_object(G, big.object_id, blob(2, 20, t + 1_000))
            .await,
        Err(StorageError::ObjectUnknown)
    );
    assert_eq!(backend.bytes_used(G).await, 30);
    assert_eq!(
        cursors(&s.pull(G, 0, 10, usize::MAX, 0).await.unwrap()),
        [1]
    );
    assert_eq!(s.latest_cursor(G).await.unwrap(), 2);
    assert_eq!(s.expire(t + 1_000).await.unwrap(), 0);

    // Both ids begin afresh with no chunk left behind.
    assert_eq!(s.object_begin(G, staging, LATER).await.unwrap().stored, []);
    assert_eq!(s.object_begin(G, big, LATER).await.unwrap().stored, []);
}

pub(crate) async fn chunks_come_from_committed_objects_in_index_order<B: Backend>(backend: &B) {
    let s = backend.open(DEFAULT_QUOTA).await;
    let a = spec(1, 5, 100, 30);
    let id = a.object_id;
    assert_eq!(
        s.chunks(G, id, 0, 10).await,
        Err(StorageError::ObjectUnknown)
    );
    s.object_begin(G, a, LATER).await.unwrap();
    for index in [3, 0, 4, 1, 2] {
        s.put_chunk(G, id, index, chunk(&a, index), LATER)
            .await
            .unwrap();
    }
    // Staging objects are not served.
    assert_eq!(
        s.chunks(G, id, 0, 10).await,
        Err(StorageError::ObjectUnknown)
    );
    s.commit_object(G, id, blob(1, 10, in_secs(3_600)))
        .await
        .unwrap();

    let expect = |range: std::ops::Range<u64>| -> Vec<(u64, Vec<u8>)> {
        range.map(|i| (i, chunk(&a, i))).collect()
    };
    assert_eq!(s.chunks(G, id, 0, 10).await.unwrap(), expect(0..5));
    assert_eq!(s.chunks(G, id, 2, 2).await.unwrap(), expect(2..4));
    assert_eq!(s.chunks(G, id, 4, 10).await.unwrap(), expect(4..5));
    assert_eq!(s.chunks(G, id, 5, 10).await.unwrap(), []);
    assert_eq!(s.chunks(G, id, u64::MAX, 10).await.unwrap(), []);
    assert_eq!(s.chunks(G, id, 0, 0).await.unwrap(), []);
    assert_eq!(
        s.chunks(H, id, 0, 10).await,
        Err(StorageError::ObjectUnknown)
    );

    // Expired (not yet swept): no longer served.
    let b = spec(2, 1, 0, 10);
    s.object_begin(G, b, LATER).await.unwrap();
    put_all(&s, G, &b).await;
    s.commit_object(G, b.object_id, blob(2, 10, now_ms() - 1))
        .await
        .unwrap();
    assert_eq!(
        s.chunks(G, b.object_id, 0, 10).await,
        Err(StorageError::ObjectUnknown)
    );
}

/// After a store of schema version 1 holding one blob in `G` (`old`, 50 bytes, at cursor 1,
/// committed at `timestamp_ms`) was upgraded: the blob reads back as it was, and objects work
/// in the store, take the next cursor and count with the blob already there.
pub(crate) async fn objects_work_in_an_upgraded_store<B: Backend>(
    backend: &B,
    s: &B::S,
    old: NewBlob,
    timestamp_ms: u64,
) {
    assert_eq!(
        pull_all(s, G).await,
        [StoredBlob {
            cursor: 1,
            blob_id: old.blob_id,
            origin: old.origin,
            timestamp_ms,
            envelope: old.envelope,
        }]
    );
    let a = spec(2, 2, 100, 10);
    s.object_begin(G, a, LATER).await.unwrap();
    put_all(s, G, &a).await;
    let out = s
        .commit_object(G, a.object_id, blob(2, 20, NEVER))
        .await
        .unwrap();
    assert_eq!(out.cursor, 2);
    assert_eq!(backend.bytes_used(G).await, 50 + 110 + 20);
}
