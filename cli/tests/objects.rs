//! Large objects through a real `zerok relay` process and real files: pushed by one device,
//! downloaded by another byte for byte; sizes at every edge of the format; chunks altered,
//! dropped, duplicated, swapped or spliced on the relay's disk; the relay killed halfway
//! (resumed, not restarted, counted in bytes); the quota running out halfway; cancellation.

mod common;

use std::path::Path;

use common::{RelayProc, connected, metric, within, write_data};
use std::io::Write as _;

use tokio::io::AsyncWriteExt;
use zerok_core::{
    Error, GroupSecret, IrohTransport, ObjectInfo, Progress, SyncClient, Transfer,
    crypto::{CHUNK_SIZE, ObjectLayout},
};

type Client = SyncClient<IrohTransport>;

const MIB: u64 = 1 << 20;
const CHUNKS_IN: &str = "zerok_chunk_envelope_bytes_total{dir=\"in\"}";
const CHUNKS_OUT: &str = "zerok_chunk_envelope_bytes_total{dir=\"out\"}";

fn blake3_of(path: &Path) -> [u8; 32] {
    let mut hash = blake3::Hasher::new();
    std::io::copy(&mut std::fs::File::open(path).unwrap(), &mut hash).unwrap();
    hash.finalize().into()
}

/// Two devices of a fresh group on `relay`.
async fn pair(relay: &RelayProc) -> (Client, Client) {
    let secret = GroupSecret::generate();
    let a = within(10, "A connects", connected(&secret, &[relay])).await;
    let b = within(10, "B connects", connected(&secret, &[relay])).await;
    (a, b)
}

/// The one object `b` has not seen yet.
async fn next_object(b: &Client) -> ObjectInfo {
    let pulled = within(10, "pull", b.pull()).await.unwrap();
    assert!(pulled.tampered.is_empty());
    let [blob] = &pulled.blobs[..] else {
        panic!("expected one blob, got {}", pulled.blobs.len())
    };
    assert!(
        blob.payload.is_empty(),
        "an object's bytes come by download"
    );
    blob.object.clone().expect("the blob is an object")
}

/// Waits until the transfer reports `bytes_done` of at least `bytes`.
async fn progressed<R: Clone + Send + Sync + 'static>(t: &Transfer<R>, bytes: u64) -> Progress {
    loop {
        let p = within(30, "progress", t.next_progress()).await;
        match p {
            Some(p) if p.bytes_done >= bytes => return p,
            Some(_) => {}
            None => panic!(
                "the transfer ended before {bytes} bytes: {:?}",
                t.progress()
            ),
        }
    }
}

/// Rows of the relay's SQLite file, to check what an upload left behind.
fn relay_rows(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn objects_of_every_edge_size_arrive_identical() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let (a, b) = pair(&relay).await;
    let (src, out) = (dir.path().join("src"), dir.path().join("out"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let chunk = u64::from(CHUNK_SIZE);
    // Empty; inline up to 256 KiB and one byte over (one short chunk); exactly one chunk and
    // one byte over (a second, short chunk); several chunks with padding chunks after the data.
    for (i, size) in [
        0,
        1,
        256 << 10,
        (256 << 10) + 1,
        chunk,
        chunk + 1,
        5 * chunk + 7,
    ]
    .into_iter()
    .enumerate()
    {
        let path = src.join(format!("file-{size}.bin"));
        let hash = write_data(&path, size, i as u64);
        let pushed = a.push_file(&path).await.unwrap();
        let done = within(30, "push_file", pushed.wait()).await.unwrap();
        assert_eq!((done.size, done.blake3), (size, hash), "{size}");
        assert_eq!(pushed.progress().bytes_done, size);

        let object = next_object(&b).await;
        let name = format!("file-{size}.bin");
        assert_eq!(
            (
                object.object_id,
                object.size,
                object.blake3,
                object.name.as_deref()
            ),
            (done.object_id, size, hash, Some(&name[..]))
        );
        let layout = ObjectLayout::new(size, CHUNK_SIZE).unwrap();
        match size <= 256 << 10 {
            true => assert_eq!((object.chunk_count, object.inline.len() as u64), (0, size)),
            false => assert_eq!(object.chunk_count, layout.chunk_count),
        }
        let dest = out.join(&name);
        let download = b.download(&object, &dest).unwrap();
        let saved = within(30, "download", download.wait()).await.unwrap();
        assert_eq!((saved.path.as_path(), saved.blake3), (dest.as_path(), hash));
        assert_eq!(blake3_of(&dest), hash, "{size} bytes arrive identical");
        let p = download.progress();
        assert_eq!((p.bytes_done, p.chunks_done), (size, object.chunk_count));
    }
    let names = files_in(&out);
    assert!(
        names.iter().all(|n| !n.ends_with(".zerok-part")),
        "{names:?}"
    );
    assert_eq!(names.len(), 7);
}

/// Pushes a 4 MiB + 5 object (5 chunks, the last one padding only) from `a`; `b` sees it.
async fn push_object(a: &Client, b: &Client, path: &Path, seed: u64) -> ObjectInfo {
    write_data(path, 4 * MIB + 5, seed);
    let pushed = a.push_file(path).await.unwrap();
    within(30, "push", pushed.wait()).await.unwrap();
    next_object(b).await
}

fn tamper_chunk(db: &Path, group: &str, object: &[u8; 16], args: &[&str]) {
    let object = hex::encode(object);
    let args: Vec<&str> = [group, &object]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    common::sqlite_tool("tamper_chunk.py", db, &args).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_chunks_are_refused_and_no_file_appears() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let (a, b) = pair(&relay).await;
    let group = a.group_id();
    let other = push_object(&a, &b, &dir.path().join("other"), 99).await;
    let spliced = [
        "splice".to_owned(),
        hex::encode(other.object_id),
        "2".into(),
    ];
    for (i, attack) in [
        vec!["flip", "1"],
        vec!["drop", "2"],
        vec!["dup", "0", "1"],
        vec!["swap", "1", "3"],
        spliced.iter().map(String::as_str).collect(),
        // The padding chunk too: it is authenticated like the others.
        vec!["flip", "4"],
    ]
    .into_iter()
    .enumerate()
    {
        let object = push_object(&a, &b, &dir.path().join(format!("in-{i}")), i as u64).await;
        assert_eq!(object.chunk_count, 5);
        tamper_chunk(&relay.db, &group, &object.object_id, &attack);
        let dest = dir.path().join(format!("out-{i}"));
        let got = within(30, "download", b.download(&object, &dest).unwrap().wait()).await;
        match got {
            Err(Error::Tampered { blob_id }) => {
                assert!(
                    blob_id.contains(&hex::encode(object.object_id)),
                    "{blob_id}"
                );
            }
            other => panic!("{attack:?}: expected Tampered, got {other:?}"),
        }
        assert!(!dest.exists(), "{attack:?}: nothing at the destination");
    }
    // The object the splice read from is intact.
    let dest = dir.path().join("other-out");
    within(30, "download", b.download(&other, &dest).unwrap().wait())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_killed_halfway_resumes_both_ways_without_starting_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &["--http-listen", "127.0.0.1:0"]);
    let (a, b) = pair(&relay).await;
    let path = dir.path().join("big.bin");
    let size = 64 * MIB;
    let hash = write_data(&path, size, 7);
    let stored = ObjectLayout::new(size, CHUNK_SIZE).unwrap().stored_bytes() as f64;

    let upload = a.push_file(&path).await.unwrap();
    progressed(&upload, size / 2).await;
    relay.kill();
    relay.restart();
    let pushed = within(60, "upload resumes", upload.wait()).await.unwrap();
    let sent_again = metric(relay.http_addr(), CHUNKS_IN);
    assert!(
        sent_again > 0.0,
        "the relay was killed before the upload ended"
    );
    assert!(
        sent_again <= 0.55 * stored,
        "after the restart the relay stored {sent_again} of {stored} bytes again"
    );
    let sent = upload.progress().bytes_sent as f64;
    eprintln!(
        "upload killed at 50%: {:.3} of the object stored again after the restart, {:.3} sent by the device in all",
        sent_again / stored,
        sent / stored
    );
    assert!(
        sent <= 1.10 * stored,
        "the device sent {sent} of {stored} bytes"
    );
    assert_eq!(pushed.blake3, hash);

    let object = next_object(&b).await;
    let dest = dir.path().join("big.out");
    let download = b.download(&object, &dest).unwrap();
    progressed(&download, size / 2).await;
    relay.kill();
    relay.restart();
    within(60, "download resumes", download.wait())
        .await
        .unwrap();
    let sent_again = metric(relay.http_addr(), CHUNKS_OUT);
    assert!(
        sent_again > 0.0,
        "the relay was killed before the download ended"
    );
    assert!(
        sent_again <= 0.55 * stored,
        "after the restart the relay sent {sent_again} of {stored} bytes again"
    );
    eprintln!(
        "download killed at 50%: {:.3} of the object sent again after the restart",
        sent_again / stored
    );
    assert_eq!(blake3_of(&dest), hash);
}

/// An upload from a pipe the test feeds, so it stops where the test wants it to.
async fn piped_upload(a: &Client, size: u64) -> (Transfer<zerok_core::ObjectPushed>, Feeder) {
    let (writer, reader) = tokio::io::duplex(256 << 10);
    let upload = a.push_stream(reader, size, Some("piped".into())).unwrap();
    (upload, Feeder { writer, seed: 3 })
}

struct Feeder {
    writer: tokio::io::DuplexStream,
    seed: u8,
}

impl Feeder {
    async fn feed(&mut self, bytes: u64) {
        for _ in 0..bytes / MIB {
            self.seed = self.seed.wrapping_mul(31).wrapping_add(7);
            let block = vec![self.seed; MIB as usize];
            within(30, "feeding", self.writer.write_all(&block))
                .await
                .unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quota_running_out_halfway_fails_the_upload_and_frees_its_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let quota = (12 * MIB).to_string();
    let relay = RelayProc::start(dir.path(), &["--quota-bytes", &quota]);
    let (a, b) = pair(&relay).await;
    let (upload, mut feeder) = piped_upload(&a, 10 * MIB).await;
    feeder.feed(4 * MIB).await;
    progressed(&upload, 3 * MIB).await;
    // Another device takes what the rest of the upload needed.
    within(10, "push", b.push(&vec![1; 5 * MIB as usize]))
        .await
        .unwrap();
    let feeding = tokio::spawn(async move { feeder.feed(6 * MIB).await });
    match within(30, "upload", upload.wait()).await {
        Err(Error::QuotaExceeded(_)) => {}
        other => panic!("expected QuotaExceeded, got {other:?}"),
    }
    feeding.abort();
    assert_eq!(
        relay_rows(&relay.db, "objects"),
        0,
        "the upload was aborted"
    );
    assert_eq!(relay_rows(&relay.db, "chunks"), 0);
    let used: i64 = rusqlite::Connection::open(&relay.db)
        .unwrap()
        .query_row("SELECT bytes_used FROM groups", [], |r| r.get(0))
        .unwrap();
    assert!(used < (6 * MIB) as i64, "only the blob counts: {used}");
    // The quota freed by the abort takes the next upload.
    let path = dir.path().join("fits.bin");
    write_data(&path, 3 * MIB, 1);
    let upload = a.push_file(&path).await.unwrap();
    within(30, "upload", upload.wait()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelled_transfers_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let (a, b) = pair(&relay).await;

    let (upload, mut feeder) = piped_upload(&a, 8 * MIB).await;
    feeder.feed(3 * MIB).await;
    progressed(&upload, 2 * MIB).await;
    upload.cancel();
    assert_eq!(
        within(10, "cancelled upload", upload.wait()).await,
        Err(Error::Cancelled)
    );
    assert_eq!(
        relay_rows(&relay.db, "chunks"),
        0,
        "the relay dropped its chunks"
    );

    let object = push_object(&a, &b, &dir.path().join("in"), 5).await;
    // A download waiting for a dead relay stops at once when cancelled.
    relay.kill();
    let dest = dir.path().join("out");
    let download = b.download(&object, &dest).unwrap();
    download.cancel();
    assert_eq!(
        within(5, "cancelled download", download.wait()).await,
        Err(Error::Cancelled)
    );
    assert!(!dest.exists());
    relay.restart();
    let again = b.download(&object, &dest).unwrap();
    within(30, "download", again.wait()).await.unwrap();
    assert_eq!(blake3_of(&dest), object.blake3);
    let parts = files_in(dir.path());
    assert!(
        parts.iter().all(|n| !n.ends_with(".zerok-part")),
        "{parts:?}"
    );
}

/// A shutdown ends the client's transfers, also an upload waiting on a stream the app stopped
/// writing (it would otherwise wait for ever).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_ends_running_transfers() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let (a, b) = pair(&relay).await;
    let (upload, mut feeder) = piped_upload(&a, 8 * MIB).await;
    feeder.feed(MIB).await;
    a.shutdown().await;
    assert_eq!(
        within(10, "upload after shutdown", upload.wait()).await,
        Err(Error::Shutdown)
    );
    b.shutdown().await;
}

/// A file queued in the outbox while offline is pushed by a later run of the app (another
/// client of the same state), in order with the blobs queued around it; one that changed in
/// between is refused with `Io` and leaves nothing on the relay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_files_survive_the_app_and_changed_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let state = dir.path().join("a.state");
    let app = || {
        let mut config = common::config(&secret, &[&relay]);
        config.state_path = Some(state.clone());
        common::client_with(config)
    };
    let (kept, changed) = (dir.path().join("kept.bin"), dir.path().join("changed.bin"));
    let hash = write_data(&kept, 6 * MIB + 3, 1);
    write_data(&changed, 2 * MIB, 2);

    let offline = app().await;
    offline.enqueue(b"before").await.unwrap();
    let kept_id = offline.enqueue_file(&kept).await.unwrap();
    let changed_id = offline.enqueue_file(&changed).await.unwrap();
    offline.enqueue(b"after").await.unwrap();
    offline.shutdown().await;
    std::fs::OpenOptions::new()
        .append(true)
        .open(&changed)
        .unwrap()
        .write_all(b"more")
        .unwrap();

    let again = app().await;
    assert_eq!(
        again.pending().blob_ids.len(),
        4,
        "all four survived the app"
    );
    let events = again.events();
    again.connect().await.unwrap();
    within(60, "flush", again.flush(None)).await.unwrap();
    let mut sent = Vec::new();
    while sent.len() < 4 {
        match within(10, "events", events.next()).await.unwrap() {
            zerok_core::SyncEvent::OutboxSent { blob_id, .. } => sent.push((blob_id, None)),
            zerok_core::SyncEvent::OutboxRejected { blob_id, error } => {
                sent.push((blob_id, Some(error)))
            }
            _ => {}
        }
    }
    assert_eq!(sent[1], (kept_id, None));
    assert!(
        matches!(&sent[2], (id, Some(Error::Io(_))) if *id == changed_id),
        "{:?}",
        sent[2]
    );
    assert_eq!(
        relay_rows(&relay.db, "objects"),
        1,
        "the changed file left nothing"
    );

    let b = within(10, "B connects", connected(&secret, &[&relay])).await;
    let pulled = b.pull().await.unwrap().blobs;
    let kinds: Vec<_> = pulled
        .iter()
        .map(|b| (b.payload.clone(), b.object.is_some()))
        .collect();
    assert_eq!(
        kinds,
        [
            (b"before".to_vec(), false),
            (Vec::new(), true),
            (b"after".to_vec(), false)
        ],
        "in enqueue order"
    );
    let object = pulled[1].object.clone().unwrap();
    let dest = dir.path().join("kept.out");
    within(30, "download", b.download(&object, &dest).unwrap().wait())
        .await
        .unwrap();
    assert_eq!(blake3_of(&dest), hash);
}
