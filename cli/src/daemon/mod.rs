//! `zerok daemon`: the client core behind smartrust's JSON-lines protocol (`wire.rs`), for
//! apps that cannot load the native library in-process, or that share one device's
//! connection through a daemon. On stdio (smartrust spawns it: its default argument
//! `--management` means `--stdio`), or on a Unix socket that several apps connect to, one
//! session per connection.

mod session;
mod wire;

use std::{
    os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt},
    path::{Path, PathBuf},
    sync::Arc,
};

use tokio::net::UnixListener;

use zerok_rpc::Clients;

/// The pause after a failed `accept`.
const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("transport").required(true)))]
pub struct Args {
    /// Serve one session on stdin/stdout (what smartrust's `spawn()` expects); the daemon
    /// ends with its input, or on SIGTERM.
    #[arg(long, group = "transport", visible_alias = "management")]
    stdio: bool,
    /// Listen on this Unix socket (created owner-only; only this user's processes are
    /// served), one session per connection, until SIGINT/SIGTERM. Prints the path on stdout
    /// once listening.
    #[arg(long, group = "transport", value_name = "PATH")]
    socket: Option<PathBuf>,
    /// The longest line read; a longer one is skipped and answered with PayloadTooLarge.
    #[arg(long, default_value_t = wire::DEFAULT_MAX_LINE_BYTES, value_name = "BYTES")]
    max_line_bytes: usize,
}

pub async fn run(args: Args) -> Result<(), String> {
    // Before `ready` or the socket's path goes out: SIGTERM from then on stops it cleanly.
    let interrupted = crate::interrupted();
    let clients = Arc::new(Clients::default());
    match &args.socket {
        None => {
            let session = session::serve(
                clients.clone(),
                tokio::io::stdin(),
                tokio::io::stdout(),
                args.max_line_bytes,
            );
            tokio::select! {
                () = session => {}
                () = interrupted => {}
            }
        }
        Some(path) => {
            let listener = listen(path)?;
            let owner = std::fs::metadata(path).map_err(|e| e.to_string())?.uid();
            // Like `zerok relay`'s address: a supervisor or test reads it to know it is ready.
            println!("{}", path.display());
            tokio::select! {
                () = accept(&listener, owner, &clients, args.max_line_bytes) => {}
                () = interrupted => {}
            }
            let _ = std::fs::remove_file(path);
        }
    }
    // Whatever the sessions left open: outboxes and cursors are on disk, sessions end cleanly.
    clients.shutdown_all().await;
    Ok(())
}

async fn accept(listener: &UnixListener, owner: u32, clients: &Arc<Clients>, max_line: usize) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // E.g. out of file descriptors: retrying at once would spin.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        // The socket's mode already keeps others out; this holds even if it is changed.
        if stream.peer_cred().ok().map(|c| c.uid()) != Some(owner) {
            tracing::warn!("refused a connection from another user");
            continue;
        }
        let (reader, writer) = stream.into_split();
        tokio::spawn(session::serve(clients.clone(), reader, writer, max_line));
    }
}

/// Binds `path` owner-only with no window where others could connect: the socket is made in
/// a private directory beside it, restricted, then renamed into place. A stale socket (no
/// daemon answers on it) is replaced; a live one, or a file that is not a socket, is an error.
fn listen(path: &Path) -> Result<UnixListener, String> {
    let shown = path.display();
    if let Ok(existing) = std::fs::symlink_metadata(path) {
        if !existing.file_type().is_socket() {
            return Err(format!("{shown} exists and is not a socket"));
        }
        if std::os::unix::net::UnixStream::connect(path).is_ok() {
            return Err(format!("a daemon already listens on {shown}"));
        }
        std::fs::remove_file(path).map_err(|e| format!("removing stale {shown}: {e}"))?;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let private = tempfile::Builder::new()
        .prefix(".zerok-daemon")
        .tempdir_in(parent.unwrap_or(Path::new(".")))
        .map_err(|e| format!("making a directory beside {shown}: {e}"))?;
    let staged = private.path().join("socket");
    let listener = UnixListener::bind(&staged).map_err(|e| format!("binding {shown}: {e}"))?;
    std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(0o600))
        .and_then(|()| std::fs::rename(&staged, path))
        .map_err(|e| format!("placing {shown}: {e}"))?;
    Ok(listener)
}
