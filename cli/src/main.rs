//! `zerok`: run a relay, manage a device's membership, push, pull and watch, or run the
//! self-contained demo.

mod demo;
mod device;
mod migrate;
mod outbox;
mod output;
mod private_file;
mod relay;
mod relay_storage;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "zerok",
    version,
    about = "Zero-knowledge sync: relays store only ciphertext"
)]
struct Cli {
    /// Device state directory (default: $ZEROK_HOME, else $XDG_CONFIG_HOME/zerok, else
    /// ~/.config/zerok).
    #[arg(long, global = true, env = "ZEROK_HOME")]
    home: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a relay until SIGINT/SIGTERM; prints the address devices dial on stdout.
    Relay(relay::Args),
    /// Create a new group on this device.
    Init(device::InitArgs),
    /// Print an invite another device can join with.
    Invite(device::InviteArgs),
    /// Join a group from an invite.
    Join(device::JoinArgs),
    /// Push a file (or stdin with `-`), or queue it in the outbox (`--queue`).
    Push(device::PushArgs),
    /// Send everything the outbox holds, showing progress.
    Flush(outbox::FlushArgs),
    /// Print (or save) every blob this device has not received yet.
    Pull(device::PullArgs),
    /// Stream blobs as they arrive, until interrupted.
    Watch(device::WatchArgs),
    /// Copy a stopped SQLite relay's groups and blobs into an empty PostgreSQL database,
    /// cursors, expiries and quota figures preserved.
    Migrate(migrate::Args),
    /// Run an embedded relay and two devices, and show a sync round trip with timings.
    Demo,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let result = runtime.block_on(async {
        let home = || device::Home::resolve(cli.home.clone());
        match cli.command {
            Command::Relay(args) => relay::run(args).await,
            Command::Init(args) => device::init(home()?, args).await,
            Command::Invite(args) => device::invite(home()?, args),
            Command::Join(args) => device::join(home()?, args),
            Command::Push(args) => device::push(home()?, args).await,
            Command::Flush(args) => outbox::flush(home()?, args).await,
            Command::Pull(args) => device::pull(home()?, args).await,
            Command::Watch(args) => device::watch(home()?, args).await,
            Command::Migrate(args) => migrate::run(args).await,
            Command::Demo => demo::run().await,
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zerok: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Resolves on SIGINT or SIGTERM.
pub(crate) async fn interrupted() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
