//! A device's membership on disk (`<home>/device.json`, owner-readable only) and the
//! commands that use it: init, invite, join, push, pull, watch.

use std::{
    io::{Read, Write},
    path::PathBuf,
    time::Duration,
};

use serde::{Deserialize, Serialize};
use zerok_core::{
    ClientConfig, GroupSecret, INLINE_MAX, Invite, IrohTransport, KdfParams, RelayAddr, Salt,
    SyncClient, crypto::derive_secret,
};

use crate::{output, private_file};

pub struct Home(PathBuf);

impl Home {
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, String> {
        let dir = explicit
            .or_else(|| std::env::var_os("XDG_CONFIG_HOME").map(|d| PathBuf::from(d).join("zerok")))
            .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".config/zerok")))
            .ok_or("no --home, ZEROK_HOME or HOME to keep device state in")?;
        Ok(Self(dir))
    }

    fn device_file(&self) -> PathBuf {
        self.0.join("device.json")
    }

    fn load(&self) -> Result<Device, String> {
        let path = self.device_file();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (run `zerok init` or `zerok join` first)",
                path.display()
            )
        })?;
        serde_json::from_str(&text).map_err(|e| format!("{} is corrupt: {e}", path.display()))
    }

    fn save(&self, device: &Device, force: bool) -> Result<(), String> {
        let path = self.device_file();
        if path.exists() && !force {
            return Err(format!(
                "{} already exists: this device is in a group (use --force to replace it)",
                path.display()
            ));
        }
        let text = serde_json::to_string_pretty(device).expect("device serializes");
        private_file::write(&path, text.as_bytes())
    }

    /// A connected client for this device, with its cursors (and outbox) persisted in the
    /// home dir. Connected, it also sends what `push --queue` left in the outbox.
    pub(crate) async fn client(&self) -> Result<SyncClient<IrohTransport>, String> {
        let client = self.offline_client().await?;
        client.connect().await.map_err(|e| e.to_string())?;
        Ok(client)
    }

    /// This device's client, not connected (nothing goes on the network).
    pub(crate) async fn offline_client(&self) -> Result<SyncClient<IrohTransport>, String> {
        let device = self.load()?;
        let mut config = device.client_config()?;
        config.state_path = Some(self.0.join("state.json"));
        let transport = IrohTransport::for_relays(&config.relays)
            .await
            .map_err(|e| e.to_string())?;
        SyncClient::new(transport, config).map_err(|e| e.to_string())
    }
}

/// What `device.json` holds. The secret is stored in the clear, protected by file mode
/// only: a CLI has no keychain.
#[derive(Serialize, Deserialize)]
struct Device {
    secret: String,
    kdf: Option<(Salt, KdfParams)>,
    relays: Vec<String>,
    name: String,
}

impl Device {
    fn client_config(&self) -> Result<ClientConfig, String> {
        let secret = hex::decode(&self.secret)
            .map_err(|_| "device.json: secret is not hex".to_string())
            .and_then(|b| GroupSecret::from_slice(&b).map_err(|e| e.to_string()))?;
        let relays = self
            .relays
            .iter()
            .map(|r| r.parse::<RelayAddr>().map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut config = ClientConfig::new(secret, relays);
        config.kdf = self.kdf;
        config.device_name = self.name.clone();
        Ok(config)
    }
}

fn default_name() -> String {
    std::env::var("HOSTNAME").unwrap_or_else(|_| "zerok-cli".into())
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// Relay address (as printed by `zerok relay`); repeat for fallbacks, in preference order.
    #[arg(long = "relay", required = true)]
    relays: Vec<String>,
    /// Derive the group secret from a passphrase read from stdin instead of random bytes.
    #[arg(long)]
    passphrase_stdin: bool,
    #[arg(long, default_value_t = default_name())]
    name: String,
    /// Replace an existing membership.
    #[arg(long)]
    force: bool,
}

pub async fn init(home: Home, args: InitArgs) -> Result<(), String> {
    for r in &args.relays {
        r.parse::<RelayAddr>().map_err(|e| e.to_string())?;
    }
    let (secret, kdf) = if args.passphrase_stdin {
        let mut passphrase = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .read_to_string(&mut passphrase)
            .map_err(|e| format!("reading passphrase: {e}"))?;
        let passphrase =
            zeroize::Zeroizing::new(passphrase.trim_end_matches(['\r', '\n']).to_owned());
        let (salt, params) = (Salt::generate(), KdfParams::DEFAULT);
        let secret = tokio::task::spawn_blocking(move || {
            derive_secret(passphrase.as_bytes(), &salt, &params)
        })
        .await
        .expect("KDF task")
        .map_err(|e| e.to_string())?;
        (secret, Some((salt, params)))
    } else {
        (GroupSecret::generate(), None)
    };
    let device = Device {
        secret: hex::encode(secret.expose()),
        kdf,
        relays: args.relays,
        name: args.name,
    };
    home.save(&device, args.force)?;
    let group = zerok_core::crypto::GroupKeys::derive(&secret);
    println!("created group {}", hex::encode(group.group_id()));
    Ok(())
}

#[derive(clap::Args)]
pub struct InviteArgs {
    /// Minutes until the invite expires (with --code: until the code does; default 10).
    #[arg(long)]
    ttl_mins: Option<u64>,
    /// Show a short code to type on the new device instead (`zerok join --code`), and wait
    /// until it has joined. Needs the relay.
    #[arg(long)]
    code: bool,
}

pub async fn invite(home: Home, args: InviteArgs) -> Result<(), String> {
    if args.code {
        let ttl = args.ttl_mins.map(|m| Duration::from_secs(m * 60));
        return crate::pairing::show_code(&home.client().await?, ttl).await;
    }
    let config = home.load()?.client_config()?;
    let invite = Invite::new(
        config.relays,
        config.secret,
        config.kdf,
        Duration::from_secs(args.ttl_mins.unwrap_or(60) * 60),
    )
    .map_err(|e| e.to_string())?;
    println!("{}", invite.encode());
    Ok(())
}

#[derive(clap::Args)]
pub struct JoinArgs {
    /// The invite string printed by `zerok invite`.
    #[arg(required_unless_present = "code")]
    invite: Option<String>,
    /// Join by the short code `zerok invite --code` shows, through --relay.
    #[arg(long, conflicts_with = "invite", requires = "relays")]
    code: Option<String>,
    /// The relay the code was shown through (repeat for fallbacks tried in order).
    #[arg(long = "relay")]
    relays: Vec<String>,
    #[arg(long, default_value_t = default_name())]
    name: String,
    #[arg(long)]
    force: bool,
}

pub async fn join(home: Home, args: JoinArgs) -> Result<(), String> {
    let (invite, verifier) = match (&args.invite, &args.code) {
        (Some(qr), _) => (Invite::decode(qr).map_err(|e| e.to_string())?, None),
        (None, Some(code)) => {
            let relays = args
                .relays
                .iter()
                .map(|r| r.parse().map_err(|e| format!("--relay {r}: {e}")))
                .collect::<Result<Vec<RelayAddr>, String>>()?;
            let joined = crate::pairing::join_by_code(&relays, code).await?;
            (joined.invite, Some(joined.verifier))
        }
        (None, None) => unreachable!("clap requires an invite or a code"),
    };
    let device = Device {
        secret: hex::encode(invite.secret.expose()),
        kdf: invite.kdf,
        relays: invite.relays.iter().map(ToString::to_string).collect(),
        name: args.name,
    };
    home.save(&device, args.force)?;
    let group = zerok_core::crypto::GroupKeys::derive(&invite.secret);
    match verifier {
        Some(v) => println!(
            "joined group {} (verifier {v})",
            hex::encode(group.group_id())
        ),
        None => println!("joined group {}", hex::encode(group.group_id())),
    }
    Ok(())
}

#[derive(clap::Args)]
pub struct PushArgs {
    /// File to push, or `-` for stdin. A file over 256 KiB goes as an object (chunks, with a
    /// progress bar; other devices download it by name); a smaller one, or stdin, as a blob.
    file: PathBuf,
    /// Only put it in this device's outbox (durable, no network); `zerok flush` (or any
    /// command that connects) sends it.
    #[arg(long)]
    queue: bool,
}

pub async fn push(home: Home, args: PushArgs) -> Result<(), String> {
    let stdin = args.file.as_os_str() == "-";
    if !stdin {
        let meta =
            std::fs::metadata(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
        if meta.len() > INLINE_MAX {
            if args.queue {
                return crate::outbox::queue_file(home, &args.file).await;
            }
            let client = home.client().await?;
            let result = crate::transfer::push_file(&client, &args.file).await;
            client.shutdown().await;
            return result;
        }
    }
    let payload = if stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("reading stdin: {e}"))?;
        buf
    } else {
        std::fs::read(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?
    };
    if args.queue {
        return crate::outbox::queue(home, &payload).await;
    }
    let client = home.client().await?;
    let result = client.push(&payload).await.map_err(|e| e.to_string());
    if let Ok(pushed) = &result {
        println!(
            "pushed {} ({} bytes) at cursor {}",
            hex::encode(pushed.blob_id),
            payload.len(),
            pushed.cursor
        );
        // Give the copies to the other relays a chance before the process exits.
        let _ = tokio::time::timeout(Duration::from_secs(10), client.replication_idle()).await;
    }
    client.shutdown().await;
    result.map(|_| ())
}

#[derive(clap::Args)]
pub struct PullArgs {
    /// Save payloads as files in this directory (as well as listing them).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Re-read everything after this cursor instead of what is new.
    #[arg(long)]
    after: Option<u64>,
}

pub async fn pull(home: Home, args: PullArgs) -> Result<(), String> {
    let client = home.client().await?;
    let pulled = match args.after {
        Some(cursor) => client.pull_after(cursor).await,
        None => client.pull().await,
    };
    let result = async {
        let pulled = pulled.map_err(|e| e.to_string())?;
        for blob in &pulled.blobs {
            output::emit(&client, blob, args.out.as_deref()).await?;
        }
        // The good blobs are out; a tampered one fails the command, naming it.
        for t in &pulled.tampered {
            eprintln!(
                "zerok: blob {} at cursor {} failed authentication (altered on the relay?)",
                hex::encode(t.blob_id),
                t.cursor
            );
        }
        match pulled.tampered.len() {
            0 => Ok(()),
            n => Err(format!("{n} blob(s) failed authentication")),
        }
    }
    .await;
    client.shutdown().await;
    result
}

#[derive(clap::Args)]
pub struct WatchArgs {
    /// Save payloads as files in this directory (as well as listing them).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub async fn watch(home: Home, args: WatchArgs) -> Result<(), String> {
    let client = home.client().await?;
    let subscription = client.subscribe().await.map_err(|e| e.to_string())?;
    eprintln!("watching group {} (Ctrl-C to stop)", client.group_id());
    let interrupted = crate::interrupted();
    tokio::pin!(interrupted);
    let result = loop {
        tokio::select! {
            item = subscription.next() => match item {
                Some(Ok(blob)) => {
                    if let Err(e) = output::emit(&client, &blob, args.out.as_deref()).await {
                        break Err(e);
                    }
                    let _ = std::io::stdout().flush();
                }
                Some(Err(e)) => eprintln!("zerok: {e}"),
                None => break Ok(()),
            },
            _ = &mut interrupted => break Ok(()),
        }
    };
    subscription.close();
    client.shutdown().await;
    result
}
