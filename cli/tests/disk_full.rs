//! The relay's disk fills up: pushes are refused with a typed error, nothing acknowledged is
//! lost, blobs waiting in a device's outbox stay there, and the relay takes pushes again once
//! space returns. The relay's database lives on a small tmpfs this test mounts, so it needs
//! root (as CI has): it fails, never skips, without it.

mod common;

use std::{
    collections::HashSet,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

use common::{RelayProc, client_with, config, metric, payloads, within};
use zerok_core::{Error, GroupSecret};

/// A tmpfs of `size` bytes at `at`, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: u64) -> Self {
        std::fs::create_dir_all(at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .expect("running mount");
        assert!(
            status.success(),
            "mounting a tmpfs at {} failed: this test needs root",
            at.display()
        );
        Self(at.to_owned())
    }

    /// Writes a file until the disk is full; returns its path.
    fn fill(&self) -> PathBuf {
        let path = self.0.join("filler");
        let mut file = std::fs::File::create(&path).unwrap();
        let block = vec![0x5a; 16 * 1024];
        loop {
            match file.write_all(&block).and_then(|()| file.sync_all()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => return path,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn payload(i: usize) -> Vec<u8> {
    let mut p = format!("blob {i} ").into_bytes();
    p.resize(32 * 1024, (i % 251) as u8);
    p
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_pushes_with_a_typed_error_loses_nothing_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(&dir.path().join("disk"), 8 << 20);
    let mut relay = RelayProc::start(&disk.0, &["--http-listen", "127.0.0.1:0"]);
    let secret = GroupSecret::generate();
    let mut device_config = config(&secret, &[&relay]);
    device_config.request_timeout = Duration::from_secs(3);
    device_config.state_path = Some(dir.path().join("device.json"));
    let device = client_with(device_config).await;
    device.connect().await.unwrap();

    let mut acked = Vec::new();
    for i in 0..20 {
        device.push(&payload(i)).await.unwrap();
        acked.push(payload(i));
    }

    let filler = disk.fill();
    // SQLite may still write into space its files already hold, so a few more pushes can
    // be acknowledged; each one either is, or is refused with the typed error.
    let mut refused = None;
    for i in 20..200 {
        match device.push(&payload(i)).await {
            Ok(_) => acked.push(payload(i)),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    match refused {
        Some(Error::Transport(message)) => assert!(
            message.contains("relay storage is full; nothing was stored"),
            "{message}"
        ),
        other => panic!("a push on a full disk gave {other:?}"),
    }
    let http = relay.http_addr();
    assert!(metric(http, r#"zerok_storage_errors_total{kind="full"}"#) >= 1.0);
    assert!(relay.running(), "the relay keeps serving on a full disk");

    // What the app enqueues now waits in the outbox; reads still work.
    let waiting = b"enqueued while the disk is full".to_vec();
    device.enqueue(&waiting).await.unwrap();
    let err = device
        .flush(Some(Duration::from_secs(2)))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(device.pending().blob_ids.len(), 1);
    let reader = client_with(config(&secret, &[&relay])).await;
    reader.connect().await.unwrap();
    let before = reader.pull_after(0).await.unwrap();
    assert_eq!(stored(&before.blobs), set(&acked));

    // Space returns: the outbox drains and pushes are acknowledged again.
    std::fs::remove_file(filler).unwrap();
    within(30, "the outbox drains", device.flush(None))
        .await
        .unwrap();
    let after = payload(1000);
    device.push(&after).await.unwrap();
    acked.extend([waiting, after]);

    // Nothing acknowledged is lost, each stored once, and it survives a SIGKILL.
    let all = reader.pull_after(0).await.unwrap().blobs;
    assert_eq!(all.len(), acked.len(), "each acknowledged blob stored once");
    assert_eq!(stored(&all), set(&acked));
    relay.kill();
    relay.restart();
    let again = within(30, "a pull after the restart", reader.pull_after(0))
        .await
        .unwrap();
    assert_eq!(stored(&again.blobs), set(&acked));
}

fn stored(blobs: &[zerok_core::SyncBlob]) -> HashSet<Vec<u8>> {
    payloads(blobs).into_iter().collect()
}

fn set(payloads: &[Vec<u8>]) -> HashSet<Vec<u8>> {
    payloads.iter().cloned().collect()
}
