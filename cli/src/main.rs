//! `zerok`: run a relay, manage a device's membership, push, pull and watch, or run the
//! self-contained demo.

mod daemon;
mod demo;
mod device;
mod migrate;
mod outbox;
mod output;
mod pairing;
mod private_file;
mod relay;
mod relay_config;
mod relay_storage;
mod transfer;

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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
    /// Print an invite another device can join with (or, with --code, show a short code).
    Invite(device::InviteArgs),
    /// Join a group from an invite (or, with --code, by a short code).
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
    /// Serve the client API as JSON lines (smartrust's protocol) on stdio or a Unix socket.
    Daemon(daemon::Args),
}

/// Logs go to stderr, filtered by `RUST_LOG` (default: warnings, and a relay's own info
/// lines), as text or as one JSON object a line.
fn init_tracing(format: relay::LogFormat, default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| default_filter.into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // Colours only on a terminal: a file, journald or a log collector gets plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    match format {
        relay::LogFormat::Text => logs.init(),
        relay::LogFormat::Json => logs.json().init(),
    }
}

fn main() -> std::process::ExitCode {
    // Parsed through `ArgMatches` so the relay's settings can tell an explicit value from a
    // default (relay_config.rs).
    let matches = Cli::command().get_matches_from(smartrust_default(std::env::args_os()));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let relay_settings = match &cli.command {
        Command::Relay(args) => {
            let relay_matches = matches
                .subcommand_matches("relay")
                .expect("relay subcommand");
            match relay_config::Settings::resolve(args, relay_matches) {
                Ok(settings) => Some(settings),
                Err(e) => {
                    eprintln!("zerok relay: {e}");
                    return std::process::ExitCode::from(2);
                }
            }
        }
        _ => None,
    };
    match &relay_settings {
        Some(settings) => init_tracing(
            settings.log_format.value,
            "warn,zerok_relay=info,zerok=info",
        ),
        None => init_tracing(relay::LogFormat::Text, "warn"),
    }
    if let Some(settings) = relay_settings.as_ref().filter(|s| s.check_config) {
        print!("{}", settings.render());
        return match settings.check() {
            Ok(()) => {
                println!("# configuration OK");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("zerok relay: {e}");
                std::process::ExitCode::from(2)
            }
        };
    }
    let json_logs = relay_settings
        .as_ref()
        .is_some_and(|s| s.log_format.value == relay::LogFormat::Json);
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    // The daemon's stdin is read on a blocking thread that cannot be cancelled: waiting for it
    // at exit would hang until its parent closed it.
    let leave_blocking = matches!(cli.command, Command::Daemon(_));
    let result = runtime.block_on(async {
        let home = || device::Home::resolve(cli.home.clone());
        match cli.command {
            Command::Relay(_) => relay::run(relay_settings.expect("resolved above")).await,
            Command::Init(args) => device::init(home()?, args).await,
            Command::Invite(args) => device::invite(home()?, args).await,
            Command::Join(args) => device::join(home()?, args).await,
            Command::Push(args) => device::push(home()?, args).await,
            Command::Flush(args) => outbox::flush(home()?, args).await,
            Command::Pull(args) => device::pull(home()?, args).await,
            Command::Watch(args) => device::watch(home()?, args).await,
            Command::Migrate(args) => migrate::run(args).await,
            Command::Demo => demo::run().await,
            Command::Daemon(args) => daemon::run(args).await,
        }
    });
    if leave_blocking {
        runtime.shutdown_background();
    }
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A relay logging JSON keeps stderr to JSON lines, its fatal error included.
        Err(e) if json_logs => {
            tracing::error!(error = %e, "zerok relay failed");
            std::process::ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("zerok: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `zerok --management`, smartrust's default arguments for a binary it spawns, is
/// `zerok daemon --stdio`: a bridge configured with just `binaryName: "zerok"` works.
fn smartrust_default(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let args: Vec<_> = args.collect();
    match &args[..] {
        [zerok, flag] if flag == "--management" => {
            vec![zerok.clone(), "daemon".into(), "--stdio".into()]
        }
        _ => args,
    }
}

/// Resolves on SIGINT or SIGTERM. The handlers are installed by the call, not at the first
/// poll: a process calls this before it says it is ready (an address, a socket path, a
/// `ready` event), or a signal sent in between would end it the default way, unclean.
pub(crate) fn interrupted() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        let mut int = signal(SignalKind::interrupt()).expect("SIGINT handler");
        async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
