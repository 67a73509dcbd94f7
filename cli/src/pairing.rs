//! `zerok invite --code` and `zerok join --code`: pairing a device by a short code.

use std::{
    io::Write,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use indicatif::{ProgressBar, ProgressStyle};
use zerok_core::{IrohTransport, RelayAddr, SyncClient, pairing::Joined};

/// Prints the code (alone on stdout's first line, for scripts) and waits, with a countdown on
/// the terminal, until the other device has joined; then prints the verifier digits.
pub async fn show_code(
    client: &SyncClient<IrohTransport>,
    ttl: Option<Duration>,
) -> Result<(), String> {
    let pairing = client
        .create_pairing_code(ttl)
        .await
        .map_err(|e| e.to_string())?;
    println!("{}", pairing.code());
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    let relay = client
        .active_relay()
        .map(|r| r.to_string())
        .unwrap_or_default();
    eprintln!(
        "on the new device: zerok join --code {} --relay {relay}",
        pairing.code()
    );
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis() as u64;
    let lifetime = pairing.expires_at_ms().saturating_sub(now_ms);
    // A countdown: the bar runs out when the code does.
    let bar = ProgressBar::new(lifetime / 1000).with_style(
        ProgressStyle::with_template(
            "{spinner} waiting for the other device [{bar:30}] code expires in {msg}",
        )
        .expect("a valid template")
        .progress_chars("=  "),
    );
    let tick = async {
        let mut left = lifetime / 1000;
        loop {
            bar.set_position(left);
            bar.set_message(format!("{}:{:02}", left / 60, left % 60));
            tokio::time::sleep(Duration::from_secs(1)).await;
            left = left.saturating_sub(1);
        }
    };
    let verifier = tokio::select! {
        outcome = pairing.wait() => outcome,
        () = tick => unreachable!("the countdown never ends"),
    };
    bar.finish_and_clear();
    let verifier = verifier.map_err(|e| e.to_string())?;
    println!("paired: the other device joined (verifier {verifier})");
    client.shutdown().await;
    Ok(())
}

/// Runs the joining side with a spinner; returns the invite.
pub async fn join_by_code(relays: &[RelayAddr], code: &str) -> Result<Joined, String> {
    let spinner = ProgressBar::new_spinner().with_message("pairing through the relay");
    spinner.enable_steady_tick(Duration::from_millis(100));
    let joined = zerok_core::pairing::join_with_code(relays, code).await;
    spinner.finish_and_clear();
    joined.map_err(|e| e.to_string())
}
