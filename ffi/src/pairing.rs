//! Pairing by short code: the showing side's handle and the joining side's call.

use std::sync::Arc;

use zerok_core as core;

use crate::{Invite, SyncError, records::parse_relays, runtime::run};

/// A code shown on this device; dropping the last handle ends the pairing.
pub struct Pairing {
    pub(crate) inner: Arc<core::Pairing>,
}

impl Pairing {
    pub fn code(&self) -> String {
        self.inner.code().to_owned()
    }

    pub fn expires_at_ms(&self) -> u64 {
        self.inner.expires_at_ms()
    }

    pub async fn wait(&self) -> Result<String, SyncError> {
        let inner = self.inner.clone();
        run(async move { inner.wait().await.map_err(SyncError::from) }).await
    }

    pub fn cancel(&self) {
        self.inner.cancel();
    }
}

/// What a device that typed a code receives.
#[derive(serde::Serialize)]
pub struct PairedInvite {
    pub invite: Invite,
    pub verifier: String,
}

pub async fn join_with_code(
    code: String,
    relay_addresses: Vec<String>,
) -> Result<PairedInvite, SyncError> {
    let relays = parse_relays(&relay_addresses)?;
    run(async move {
        let joined = core::pairing::join_with_code(&relays, &code).await?;
        Ok(PairedInvite {
            invite: joined.invite.into(),
            verifier: joined.verifier,
        })
    })
    .await
}
