//! Flat records of the FFI and their conversions to and from the core's types.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use zerok_core as core;

use crate::{RemoteObject, SyncError, runtime::run_blocking};

#[derive(Serialize)]
pub struct VersionInfo {
    pub core: String,
    pub wire: u16,
    pub ffi: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl From<KdfParams> for core::KdfParams {
    fn from(p: KdfParams) -> Self {
        Self {
            memory_kib: p.memory_kib,
            iterations: p.iterations,
            parallelism: p.parallelism,
        }
    }
}

impl From<core::KdfParams> for KdfParams {
    fn from(p: core::KdfParams) -> Self {
        Self {
            memory_kib: p.memory_kib,
            iterations: p.iterations,
            parallelism: p.parallelism,
        }
    }
}

#[derive(Serialize)]
pub struct DerivedSecret {
    #[serde(with = "crate::json::bytes")]
    pub secret: Vec<u8>,
    #[serde(with = "crate::json::bytes")]
    pub salt: Vec<u8>,
    pub kdf: KdfParams,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    pub relay_addresses: Vec<String>,
    pub passphrase: Option<String>,
    #[serde(default, with = "crate::json::optional_bytes")]
    pub secret_bytes: Option<Vec<u8>>,
    #[serde(default, with = "crate::json::optional_bytes")]
    pub salt: Option<Vec<u8>>,
    pub kdf: Option<KdfParams>,
    pub device_name: Option<String>,
    pub ttl_secs: Option<u64>,
    pub state_path: Option<String>,
    pub keep_alive_ms: Option<u64>,
    pub idle_timeout_ms: Option<u64>,
    pub connect_timeout_ms: Option<u64>,
    pub request_timeout_ms: Option<u64>,
    pub outbox_max_bytes: Option<u64>,
}

#[derive(Serialize)]
pub struct SyncBlob {
    pub blob_id: String,
    #[serde(with = "crate::json::bytes")]
    pub payload: Vec<u8>,
    pub cursor: u64,
    pub timestamp_ms: u64,
    pub object: Option<RemoteObject>,
}

impl From<core::SyncBlob> for SyncBlob {
    fn from(b: core::SyncBlob) -> Self {
        Self {
            blob_id: hex::encode(b.blob_id),
            payload: b.payload,
            cursor: b.cursor,
            timestamp_ms: b.timestamp_ms,
            object: b.object.map(Into::into),
        }
    }
}

#[derive(Serialize)]
pub struct PushResult {
    pub blob_id: String,
    pub cursor: u64,
}

impl From<core::PushResult> for PushResult {
    fn from(r: core::PushResult) -> Self {
        Self {
            blob_id: hex::encode(r.blob_id),
            cursor: r.cursor,
        }
    }
}

#[derive(Serialize)]
pub struct TamperedBlob {
    pub blob_id: String,
    pub cursor: u64,
}

#[derive(Serialize)]
pub struct PullResult {
    pub blobs: Vec<SyncBlob>,
    pub tampered: Vec<TamperedBlob>,
}

impl From<core::PullResult> for PullResult {
    fn from(r: core::PullResult) -> Self {
        Self {
            blobs: r.blobs.into_iter().map(Into::into).collect(),
            tampered: r
                .tampered
                .into_iter()
                .map(|t| TamperedBlob {
                    blob_id: hex::encode(t.blob_id),
                    cursor: t.cursor,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct Pending {
    pub count: u64,
    pub bytes: u64,
    pub blob_ids: Vec<String>,
}

impl From<core::Pending> for Pending {
    fn from(p: core::Pending) -> Self {
        Self {
            count: p.blob_ids.len() as u64,
            bytes: p.bytes,
            blob_ids: p.blob_ids.iter().map(hex::encode).collect(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncEvent {
    Connected {
        relay: String,
    },
    Disconnected {
        relay: String,
        reason: String,
    },
    Failover {
        from_relay: String,
        to_relay: String,
    },
    OutboxSent {
        blob_id: String,
        cursor: u64,
        pending: u64,
    },
    OutboxRejected {
        blob_id: String,
        reason: String,
    },
    Lagged {
        missed: u64,
    },
}

impl From<core::SyncEvent> for SyncEvent {
    fn from(e: core::SyncEvent) -> Self {
        use core::SyncEvent as E;
        match e {
            E::Connected { relay } => Self::Connected {
                relay: relay.to_string(),
            },
            E::Disconnected { relay, reason } => Self::Disconnected {
                relay: relay.to_string(),
                reason,
            },
            E::Failover { from, to } => Self::Failover {
                from_relay: from.to_string(),
                to_relay: to.to_string(),
            },
            E::OutboxSent {
                blob_id,
                cursor,
                pending,
            } => Self::OutboxSent {
                blob_id: hex::encode(blob_id),
                cursor,
                pending,
            },
            E::OutboxRejected { blob_id, error } => Self::OutboxRejected {
                blob_id: hex::encode(blob_id),
                reason: error.to_string(),
            },
            E::Lagged { missed } => Self::Lagged { missed },
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invite {
    pub relay_addresses: Vec<String>,
    #[serde(with = "crate::json::bytes")]
    pub secret_bytes: Vec<u8>,
    #[serde(default, with = "crate::json::optional_bytes")]
    pub salt: Option<Vec<u8>>,
    pub kdf: Option<KdfParams>,
    pub expires_at: u64,
}

impl From<core::Invite> for Invite {
    fn from(i: core::Invite) -> Self {
        Self {
            relay_addresses: i.relays.iter().map(ToString::to_string).collect(),
            secret_bytes: i.secret.expose().to_vec(),
            salt: i.kdf.map(|(salt, _)| salt.0.to_vec()),
            kdf: i.kdf.map(|(_, params)| params.into()),
            expires_at: i.expires_at,
        }
    }
}

fn invalid(why: impl Into<String>) -> SyncError {
    SyncError::InvalidConfig(why.into())
}

pub(crate) fn parse_salt(salt: &[u8]) -> Result<core::Salt, SyncError> {
    salt.try_into()
        .map(core::Salt)
        .map_err(|_| invalid(format!("salt must be 16 bytes, got {}", salt.len())))
}

pub(crate) fn parse_relays(addresses: &[String]) -> Result<Vec<core::RelayAddr>, SyncError> {
    addresses
        .iter()
        .map(|a| a.parse().map_err(SyncError::from))
        .collect()
}

impl TryFrom<Invite> for core::Invite {
    type Error = SyncError;

    fn try_from(i: Invite) -> Result<Self, SyncError> {
        let kdf = match (i.salt, i.kdf) {
            (Some(salt), Some(params)) => Some((parse_salt(&salt)?, params.into())),
            (None, None) => None,
            _ => {
                return Err(invalid(
                    "an invite has both salt and kdf params, or neither",
                ));
            }
        };
        Ok(Self {
            relays: parse_relays(&i.relay_addresses)?,
            secret: core::GroupSecret::from_slice(&i.secret_bytes)?,
            kdf,
            expires_at: i.expires_at,
        })
    }
}

pub async fn derive_secret(
    passphrase: String,
    salt: Option<Vec<u8>>,
    kdf: Option<KdfParams>,
) -> Result<DerivedSecret, SyncError> {
    let salt = salt
        .as_deref()
        .map(parse_salt)
        .transpose()?
        .unwrap_or_else(core::Salt::generate);
    let params: core::KdfParams = kdf.map(Into::into).unwrap_or_default();
    let passphrase = zeroize::Zeroizing::new(passphrase);
    run_blocking(move || {
        let secret = core::crypto::derive_secret(passphrase.as_bytes(), &salt, &params)?;
        Ok(DerivedSecret {
            secret: secret.expose().to_vec(),
            salt: salt.0.to_vec(),
            kdf: params.into(),
        })
    })
    .await
}

pub fn invite_to_qr(invite: Invite) -> Result<String, SyncError> {
    Ok(core::Invite::try_from(invite)?.encode())
}

pub fn invite_from_qr(qr: String) -> Result<Invite, SyncError> {
    Ok(core::Invite::decode(&qr)?.into())
}

impl SyncConfig {
    /// The core's config, deriving the secret from a passphrase on a blocking thread.
    pub(crate) async fn into_core(self) -> Result<core::ClientConfig, SyncError> {
        let relays = parse_relays(&self.relay_addresses)?;
        let kdf_params: Option<core::KdfParams> = self.kdf.map(Into::into);
        let salt = self.salt.as_deref().map(parse_salt).transpose()?;
        let (secret, kdf) = match (self.passphrase, self.secret_bytes) {
            (Some(passphrase), None) => {
                let salt = salt.ok_or_else(|| {
                    invalid("a passphrase needs the group's salt (see derive_secret)")
                })?;
                let params = kdf_params.unwrap_or_default();
                let passphrase = zeroize::Zeroizing::new(passphrase);
                let secret = run_blocking(move || {
                    Ok(core::crypto::derive_secret(
                        passphrase.as_bytes(),
                        &salt,
                        &params,
                    )?)
                })
                .await?;
                (secret, Some((salt, params)))
            }
            (None, Some(bytes)) => {
                let kdf = salt.map(|s| (s, kdf_params.unwrap_or_default()));
                (core::GroupSecret::from_slice(&bytes)?, kdf)
            }
            _ => return Err(invalid("give exactly one of passphrase and secret_bytes")),
        };
        let mut config = core::ClientConfig::new(secret, relays);
        config.kdf = kdf;
        if let Some(name) = self.device_name {
            config.device_name = name;
        }
        config.ttl = self.ttl_secs.map(Duration::from_secs);
        config.state_path = self.state_path.map(Into::into);
        let ms = Duration::from_millis;
        if let Some(v) = self.keep_alive_ms {
            config.liveness.keep_alive = ms(v);
        }
        if let Some(v) = self.idle_timeout_ms {
            config.liveness.idle_timeout = ms(v);
        }
        if let Some(v) = self.connect_timeout_ms {
            config.connect_timeout = ms(v);
        }
        if let Some(v) = self.request_timeout_ms {
            config.request_timeout = ms(v);
        }
        if let Some(v) = self.outbox_max_bytes {
            config.outbox_max_bytes = v;
        }
        Ok(config)
    }
}
