//! `zerok push --queue` and `zerok flush`: the device's durable outbox from the command line.
//! A queued blob is sealed and committed on this device at once; `flush` (or any command that
//! connects: push, pull, watch) sends what waits, in queue order, each blob once.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use zerok_core::SyncEvent;

use crate::device::Home;

/// Queues a file over 256 KiB: the outbox keeps the job, the file is read when it is sent.
pub async fn queue_file(home: Home, path: &std::path::Path) -> Result<(), String> {
    let client = home.offline_client().await?;
    let queued = client.enqueue_file(path).await.map_err(|e| e.to_string());
    let waiting = client.pending().blob_ids.len();
    client.shutdown().await;
    println!(
        "queued object {} {}; {waiting} item(s) wait to be sent (zerok flush)",
        hex::encode(queued?),
        path.display()
    );
    Ok(())
}

pub async fn queue(home: Home, payload: &[u8]) -> Result<(), String> {
    let client = home.offline_client().await?;
    let queued = client.enqueue(payload).await.map_err(|e| e.to_string());
    let waiting = client.pending().blob_ids.len();
    client.shutdown().await;
    let blob_id = queued?;
    println!(
        "queued {} ({} bytes); {waiting} blob(s) wait to be sent (zerok flush)",
        hex::encode(blob_id),
        payload.len()
    );
    Ok(())
}

#[derive(clap::Args)]
pub struct FlushArgs {
    /// Give up after this many seconds (what is not sent stays queued).
    #[arg(long, default_value_t = 300)]
    timeout_secs: u64,
}

pub async fn flush(home: Home, args: FlushArgs) -> Result<(), String> {
    let client = home.offline_client().await?;
    let total = client.pending().blob_ids.len() as u64;
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(
            "{spinner} sending {pos}/{len} blobs [{bar:30}] {per_sec} eta {eta} {msg}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    // Opened before connecting, so every delivery is counted.
    let events = client.events();
    let progress = async {
        while let Some(event) = events.next().await {
            match event {
                SyncEvent::OutboxSent { pending, .. } => {
                    bar.set_position(total.saturating_sub(pending))
                }
                SyncEvent::OutboxRejected { blob_id, error } => bar.println(format!(
                    "zerok: the relay refused {} for good: {error}",
                    hex::encode(blob_id)
                )),
                SyncEvent::Disconnected { reason, .. } => bar.set_message(reason),
                SyncEvent::Connected { .. } => bar.set_message(""),
                _ => {}
            }
        }
        // The stream ends only with the client; flush ends first.
        std::future::pending::<()>().await
    };
    // The first connect may fail (relay down): the client keeps trying until the timeout.
    let connected = client.connect().await;
    if let Err(e) = &connected {
        bar.set_message(format!("{e}; retrying"));
    }
    let flushed = tokio::select! {
        flushed = client.flush(Some(Duration::from_secs(args.timeout_secs))) => flushed,
        () = progress => unreachable!("progress never ends by itself"),
    };
    let left = client.pending().blob_ids.len();
    bar.finish_and_clear();
    client.shutdown().await;
    match flushed {
        Ok(()) => {
            println!("sent {total} blob(s); the outbox is empty");
            Ok(())
        }
        Err(e) => Err(format!("{e} ({left} blob(s) still queued)")),
    }
}
