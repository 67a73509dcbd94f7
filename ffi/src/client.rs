//! The objects of the FFI: `SyncClient`, `Subscription` and `EventStream`. Each method
//! clones what it needs into a task on the library runtime; handles are `Arc`-shared and
//! every method takes `&self`, so any number of calls may run concurrently on one handle.

use std::{sync::Arc, time::Duration};

use zerok_core::{self as core, IrohTransport};

use crate::{
    Invite, Pairing, Pending, PullResult, PushResult, RemoteObject, SyncBlob, SyncConfig,
    SyncError, SyncEvent, Transfer, Upload,
    runtime::{run, spawn_detached},
};

type CoreClient = core::SyncClient<IrohTransport>;

pub struct SyncClient {
    inner: CoreClient,
}

pub async fn create_client(config: SyncConfig) -> Result<Arc<SyncClient>, SyncError> {
    let config = config.into_core().await?;
    run(async move {
        let transport = IrohTransport::for_relays(&config.relays).await?;
        let inner = CoreClient::new(transport, config)?;
        Ok(Arc::new(SyncClient { inner }))
    })
    .await
}

impl SyncClient {
    /// Runs `op` with a clone of the core client on the runtime.
    async fn with<T, F, Fut>(&self, op: F) -> Result<T, SyncError>
    where
        T: Send + 'static,
        F: FnOnce(CoreClient) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, core::Error>> + Send + 'static,
    {
        let client = self.inner.clone();
        run(async move { op(client).await.map_err(SyncError::from) }).await
    }

    pub async fn connect(&self) -> Result<(), SyncError> {
        self.with(|c| async move { c.connect().await }).await
    }

    pub async fn disconnect(&self) {
        let client = self.inner.clone();
        // Cannot fail; a panic inside is already contained by `run`.
        let _ = run(async move {
            client.disconnect().await;
            Ok(())
        })
        .await;
    }

    pub async fn push(&self, payload: Vec<u8>) -> Result<PushResult, SyncError> {
        self.with(|c| async move { c.push(&payload).await.map(Into::into) })
            .await
    }

    pub async fn enqueue(&self, payload: Vec<u8>) -> Result<String, SyncError> {
        self.with(|c| async move { c.enqueue(&payload).await.map(hex::encode) })
            .await
    }

    pub fn pending(&self) -> Pending {
        self.inner.pending().into()
    }

    pub async fn flush(&self, timeout_ms: Option<u64>) -> Result<(), SyncError> {
        self.with(move |c| async move { c.flush(timeout_ms.map(Duration::from_millis)).await })
            .await
    }

    pub fn events(&self) -> Arc<EventStream> {
        Arc::new(EventStream {
            inner: Arc::new(self.inner.events()),
        })
    }

    pub async fn pull(&self) -> Result<PullResult, SyncError> {
        self.with(|c| async move { c.pull().await.map(Into::into) })
            .await
    }

    pub async fn pull_after(&self, cursor: u64) -> Result<PullResult, SyncError> {
        self.with(move |c| async move { c.pull_after(cursor).await.map(Into::into) })
            .await
    }

    pub async fn subscribe(&self) -> Result<Arc<Subscription>, SyncError> {
        self.with(|c| async move {
            let inner = Arc::new(c.subscribe().await?);
            Ok(Arc::new(Subscription { inner }))
        })
        .await
    }

    pub fn is_connected(&self) -> bool {
        self.inner.is_connected()
    }

    pub fn current_cursor(&self) -> u64 {
        self.inner.current_cursor()
    }

    pub fn active_relay(&self) -> Option<String> {
        self.inner.active_relay().map(|r| r.to_string())
    }

    pub fn group_id(&self) -> String {
        self.inner.group_id()
    }

    pub fn create_invite(&self, ttl_secs: u64) -> Result<Invite, SyncError> {
        Ok(self
            .inner
            .create_invite(Duration::from_secs(ttl_secs))?
            .into())
    }

    pub async fn create_pairing_code(
        &self,
        ttl_secs: Option<u64>,
    ) -> Result<Arc<Pairing>, SyncError> {
        let ttl = ttl_secs.map(Duration::from_secs);
        self.with(move |c| async move { c.create_pairing_code(ttl).await })
            .await
            .map(|inner| {
                Arc::new(Pairing {
                    inner: Arc::new(inner),
                })
            })
    }

    pub async fn push_file(&self, path: String) -> Result<Arc<Transfer>, SyncError> {
        self.with(move |c| async move { c.push_file(path.as_ref()).await })
            .await
            .map(Transfer::pushed)
    }

    pub async fn enqueue_file(&self, path: String) -> Result<String, SyncError> {
        self.with(move |c| async move { c.enqueue_file(path.as_ref()).await.map(hex::encode) })
            .await
    }

    pub async fn push_stream(
        &self,
        size: u64,
        name: Option<String>,
    ) -> Result<Arc<Upload>, SyncError> {
        let client = self.inner.clone();
        run(async move { Upload::start(&client, size, name) }).await
    }

    pub async fn download(
        &self,
        object: RemoteObject,
        path: String,
    ) -> Result<Arc<Transfer>, SyncError> {
        let object = object.try_into()?;
        self.with(move |c| async move { c.download(&object, path.as_ref()) })
            .await
            .map(Transfer::downloading)
    }

    pub async fn shutdown(&self) {
        let client = self.inner.clone();
        let _ = run(async move {
            client.shutdown().await;
            Ok(())
        })
        .await;
    }
}

/// A foreign handle freed without `shutdown` (garbage collected, or the app forgot) still
/// ends its sessions and closes its sockets, in the background.
impl Drop for SyncClient {
    fn drop(&mut self) {
        let client = self.inner.clone();
        spawn_detached(async move { client.shutdown().await });
    }
}

pub struct Subscription {
    inner: Arc<core::Subscription>,
}

impl Subscription {
    /// A ticket, not the blob: a result the foreign caller drops (cancelled) takes nothing,
    /// and the next call hands the same delivery out again.
    pub async fn next(&self) -> Result<Option<u64>, SyncError> {
        let inner = self.inner.clone();
        run(async move { Ok(inner.receive().await) }).await
    }

    pub fn take(&self, ticket: u64) -> Result<Option<SyncBlob>, SyncError> {
        match self.inner.take(ticket) {
            None => Ok(None),
            Some(item) => Ok(Some(item?.into())),
        }
    }

    pub fn close(&self) {
        self.inner.close();
    }
}

pub struct EventStream {
    inner: Arc<core::EventStream>,
}

impl EventStream {
    pub async fn next_event(&self) -> Option<SyncEvent> {
        let inner = self.inner.clone();
        run(async move { Ok(inner.next().await.map(Into::into)) })
            .await
            .ok()
            .flatten()
    }

    pub fn close_events(&self) {
        self.inner.close();
    }
}
