//! Pairing by short code against real `zerok relay` processes: a device shows a code, another
//! types it and joins; wrong, used, expired and malformed codes; a stranger flooding mailbox
//! look-ups; and what the relay keeps.

mod common;

use std::time::{Duration, Instant};

use common::{RelayProc, client_with, config, connected, within};
use zerok_core::{
    ClientConfig, Error, GroupSecret, IrohTransport, RelayAddr, SyncClient,
    pairing::{self, PairingCode},
};

/// The same mailbox with another password (and a valid check character): a wrong code that
/// reaches the right mailbox.
fn wrong_code(code: &str) -> String {
    let right = PairingCode::parse(code).unwrap();
    loop {
        let other = PairingCode::generate(right.mailbox());
        if other != right {
            return other.reveal();
        }
    }
}

async fn join(relay: &RelayProc, code: &str) -> zerok_core::Result<pairing::Joined> {
    within(
        30,
        "join",
        pairing::join_with_code(std::slice::from_ref(&relay.addr), code),
    )
    .await
}

/// A client of the joined group, from the invite the pairing delivered.
async fn from_invite(joined: &pairing::Joined) -> SyncClient<IrohTransport> {
    let invite = &joined.invite;
    let mut config = ClientConfig::new(invite.secret.clone(), invite.relays.clone());
    config.connect_timeout = Duration::from_secs(2);
    let client = client_with(config).await;
    client.connect().await.unwrap();
    client
}

#[tokio::test]
async fn a_typed_code_joins_the_group_and_both_sides_show_one_verifier() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let member = connected(&secret, &[&relay]).await;

    let started = Instant::now();
    let shown = member.create_pairing_code(None).await.unwrap();
    let code = shown.code().to_owned();
    assert!(
        regex::Regex::new("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
            .unwrap()
            .is_match(&code),
        "{code}"
    );
    // Typed sloppily: lower case, spaces for dashes, O for 0 and L for 1.
    let typed = code
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o")
        .replace('1', "l");
    let (joined, verifier) = tokio::join!(join(&relay, &typed), shown.wait());
    let took = started.elapsed();
    let (joined, verifier) = (joined.unwrap(), verifier.unwrap());
    assert_eq!(joined.verifier, verifier);
    assert!(
        regex::Regex::new(r"^\d{3} \d{3}$")
            .unwrap()
            .is_match(&verifier)
    );
    assert_eq!(joined.invite.secret.expose(), secret.expose());
    assert_eq!(joined.invite.relays, vec![relay.addr.clone()]);
    println!("pairing on loopback took {took:?} (code shown to invite delivered)");

    let joiner = from_invite(&joined).await;
    member.push(b"welcome").await.unwrap();
    let pulled = joiner.pull().await.unwrap();
    assert_eq!(common::payloads(&pulled.blobs), vec![b"welcome".to_vec()]);

    // Used once: the code is gone.
    let again = join(&relay, &code).await.unwrap_err();
    assert!(matches!(again, Error::PairingFailed(_)), "{again}");
    for client in [member, joiner] {
        client.shutdown().await;
    }
}

#[tokio::test]
async fn a_wrong_code_burns_the_mailbox_and_both_sides_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let member = connected(&GroupSecret::generate(), &[&relay]).await;
    let shown = member.create_pairing_code(None).await.unwrap();
    let code = shown.code().to_owned();

    let wrong = wrong_code(&code);
    let (typed, shower) = tokio::join!(join(&relay, &wrong), shown.wait());
    let typed = typed.unwrap_err();
    assert!(matches!(typed, Error::PairingFailed(_)), "{typed}");
    let shower = shower.unwrap_err();
    assert!(
        matches!(&shower, Error::PairingFailed(m) if m.contains("wrong code")),
        "{shower}"
    );
    // A second try, with the right code this time, finds no mailbox: one guess per code.
    let retry = join(&relay, &code).await.unwrap_err();
    assert!(matches!(retry, Error::PairingFailed(_)), "{retry}");
    member.shutdown().await;
}

#[tokio::test]
async fn an_expired_code_is_refused_on_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let member = connected(&GroupSecret::generate(), &[&relay]).await;
    let shown = member
        .create_pairing_code(Some(Duration::from_secs(1)))
        .await
        .unwrap();
    let shower = within(10, "expiry", shown.wait()).await.unwrap_err();
    assert!(matches!(shower, Error::PairingExpired(_)), "{shower}");
    let late = join(&relay, shown.code()).await.unwrap_err();
    assert!(matches!(late, Error::PairingExpired(_)), "{late}");
    member.shutdown().await;
}

#[tokio::test]
async fn a_malformed_code_fails_before_any_traffic_and_a_cancelled_one_tells_the_joiner() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let member = connected(&GroupSecret::generate(), &[&relay]).await;
    let shown = member.create_pairing_code(None).await.unwrap();
    let code = shown.code().to_owned();
    // One character off: the check character catches it, and the mailbox survives.
    let mut typo = code.clone().into_bytes();
    typo[6] = if typo[6] == b'X' { b'Y' } else { b'X' };
    for bad in [
        String::from_utf8(typo).unwrap(),
        code[..18].to_owned(),
        code.replace('-', "U"),
    ] {
        let e = join(&relay, &bad).await.unwrap_err();
        assert!(matches!(e, Error::InvalidPairingCode(_)), "{bad}: {e}");
    }
    shown.cancel();
    let cancelled = shown.wait().await.unwrap_err();
    assert!(matches!(cancelled, Error::PairingFailed(_)), "{cancelled}");
    let gone = join(&relay, &code).await.unwrap_err();
    assert!(matches!(gone, Error::PairingFailed(_)), "{gone}");
    member.shutdown().await;
}

#[tokio::test]
async fn a_stranger_flooding_look_ups_is_rate_limited_while_a_real_pairing_works() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &["--pairing-joins-per-minute", "5"]);
    // The stranger dials from another loopback address than the devices.
    let stranger = IrohTransport::bind("127.0.0.2:0".parse().unwrap())
        .await
        .unwrap();
    let relays: Vec<RelayAddr> = vec![relay.addr.clone()];
    let liveness = ClientConfig::new(GroupSecret::generate(), relays.clone()).liveness;
    let mut outcomes = Vec::new();
    for _ in 0..8 {
        let guess = PairingCode::generate(u32::from_le_bytes(rand_bytes()) % pairing::MAILBOX_IDS);
        let step = Duration::from_secs(5);
        let tried = pairing::join(&stranger, &relays, &guess.reveal(), liveness, step, step).await;
        outcomes.push(tried.unwrap_err());
    }
    let limited = outcomes
        .iter()
        .filter(|e| matches!(e, Error::RateLimited { .. }))
        .count();
    assert_eq!(
        limited, 3,
        "5 look-ups a minute, then refused: {outcomes:?}"
    );
    assert!(
        outcomes[..5]
            .iter()
            .all(|e| matches!(e, Error::PairingFailed(_)))
    );

    let secret = GroupSecret::generate();
    let member = connected(&secret, &[&relay]).await;
    let shown = member.create_pairing_code(None).await.unwrap();
    let (joined, verifier) = tokio::join!(join(&relay, shown.code()), shown.wait());
    assert_eq!(joined.unwrap().verifier, verifier.unwrap());
    member.shutdown().await;
    stranger_close(stranger).await;
}

async fn stranger_close(transport: IrohTransport) {
    use zerok_core::Transport;
    transport.close().await;
}

fn rand_bytes() -> [u8; 4] {
    zerok_core::crypto::random_bytes()
}

#[tokio::test]
async fn the_relay_keeps_neither_the_secret_nor_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let secret = GroupSecret::generate();
    let member = connected(&secret, &[&relay]).await;
    let shown = member.create_pairing_code(None).await.unwrap();
    let code = shown.code().to_owned();
    let (joined, _) = tokio::join!(join(&relay, &code), shown.wait());
    joined.unwrap();
    member.shutdown().await;
    relay.terminate();
    let password = code.replace('-', "")[4..15].to_owned();
    // Every file the relay wrote: its database, key, log and chunk files.
    let (mut files, mut dirs) = (Vec::new(), vec![dir.path().to_owned()]);
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&password),
            "{} holds the code",
            path.display()
        );
        assert!(
            !text.contains(&hex::encode(secret.expose())),
            "{}",
            path.display()
        );
        assert!(
            !bytes.windows(32).any(|w| w == secret.expose()),
            "{} holds the secret",
            path.display()
        );
    }
}

#[tokio::test]
async fn a_client_that_is_not_connected_cannot_show_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let idle = client_with(config(&GroupSecret::generate(), &[&relay])).await;
    let e = idle.create_pairing_code(None).await.err().unwrap();
    assert!(matches!(e, Error::NotConnected), "{e}");
    idle.shutdown().await;
}
