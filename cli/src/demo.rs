//! `zerok demo`: an embedded relay on loopback with a SQLite store in a temp dir, two
//! devices joined by an invite, a live push each way, and the timings.

use std::time::{Duration, Instant};

use zerok_core::{ClientConfig, GroupSecret, Invite, IrohTransport, SyncClient};
use zerok_relay::{
    Relay, RelayConfig,
    storage::{SqliteConfig, SqliteStorage},
};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

async fn device(config: ClientConfig) -> Result<SyncClient<IrohTransport>, String> {
    let transport = IrohTransport::loopback().await.map_err(|e| e.to_string())?;
    SyncClient::new(transport, config).map_err(|e| e.to_string())
}

pub async fn run() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = dir.path().join("relay.db");
    let t = Instant::now();
    let storage = SqliteStorage::open(&db, SqliteConfig::default()).map_err(|e| e.to_string())?;
    let relay = Relay::start(storage, RelayConfig::default())
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "relay      listening at {} ({})",
        relay.addr(),
        ms(t.elapsed())
    );
    println!("           storage: {}", db.display());

    let t = Instant::now();
    let mut config_a = ClientConfig::new(GroupSecret::generate(), vec![relay.addr()]);
    config_a.device_name = "device A".into();
    let a = device(config_a).await?;
    a.connect().await.map_err(|e| e.to_string())?;
    println!(
        "device A   created group {} and connected ({})",
        &a.group_id()[..16],
        ms(t.elapsed())
    );

    let invite = a
        .create_invite(Duration::from_secs(600))
        .map_err(|e| e.to_string())?
        .encode();
    println!(
        "device A   invite: {}…{} ({} chars)",
        &invite[..12],
        &invite[invite.len() - 6..],
        invite.len()
    );

    let t = Instant::now();
    let joined = Invite::decode(&invite).map_err(|e| e.to_string())?;
    let mut config_b = ClientConfig::from_invite(&joined);
    config_b.device_name = "device B".into();
    let b = device(config_b).await?;
    b.connect().await.map_err(|e| e.to_string())?;
    let live = b.subscribe().await.map_err(|e| e.to_string())?;
    println!(
        "device B   joined from the invite, subscribed ({})",
        ms(t.elapsed())
    );

    let message = b"hello from A: this text never reaches the relay in the clear";
    let t = Instant::now();
    let pushed = a.push(message).await.map_err(|e| e.to_string())?;
    let acked = t.elapsed();
    let received = tokio::time::timeout(Duration::from_secs(10), live.next())
        .await
        .map_err(|_| "device B received nothing within 10 s".to_string())?
        .ok_or("subscription ended")?
        .map_err(|e| e.to_string())?;
    let arrived = t.elapsed();
    if received.payload != message || received.blob_id != pushed.blob_id {
        return Err("device B received something other than what A pushed".into());
    }
    println!(
        "device A   pushed {} bytes at cursor {} (durable ack {})",
        message.len(),
        pushed.cursor,
        ms(acked)
    );
    println!(
        "device B   received it live: {:?} ({} after push)",
        String::from_utf8_lossy(&received.payload),
        ms(arrived)
    );

    let reply = b"hello back from B";
    let t = Instant::now();
    let pushed = b.push(reply).await.map_err(|e| e.to_string())?;
    println!(
        "device B   pushed {} bytes at cursor {} ({})",
        reply.len(),
        pushed.cursor,
        ms(t.elapsed())
    );
    let t = Instant::now();
    let pulled = a.pull().await.map_err(|e| e.to_string())?.blobs;
    let texts: Vec<_> = pulled
        .iter()
        .map(|b| String::from_utf8_lossy(&b.payload))
        .collect();
    println!(
        "device A   pulled {} blob(s) {:?} ({}); its own push is not returned",
        pulled.len(),
        texts,
        ms(t.elapsed())
    );
    if pulled.len() != 1 || pulled[0].payload != reply {
        return Err("device A did not pull exactly B's blob".into());
    }

    live.close();
    a.shutdown().await;
    b.shutdown().await;
    relay.shutdown().await;

    // The relay's files hold ciphertext only: look for the plaintexts in them.
    let mut stored = Vec::new();
    read_all(dir.path(), &mut stored).map_err(|e| e.to_string())?;
    let leaked = [&message[..], &reply[..]]
        .iter()
        .any(|p| stored.windows(p.len()).any(|w| w == *p));
    if leaked {
        return Err("plaintext found in the relay's files".into());
    }
    println!(
        "relay      stopped; {} bytes on disk, no plaintext in them",
        stored.len()
    );
    Ok(())
}

/// Appends the bytes of every file under `dir` (the database and its chunk files).
fn read_all(dir: &std::path::Path, into: &mut Vec<u8>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_all(&path, into)?;
        } else {
            into.extend(std::fs::read(path)?);
        }
    }
    Ok(())
}
