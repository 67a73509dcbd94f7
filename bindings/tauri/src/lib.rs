//! 0k-sync in Tauri v2 apps. Every operation of the API contract (`udl/zerok_sync.udl`) is a
//! plugin command under its contract name (`plugin:zerok-sync|push`), served by the same
//! `zerok-rpc` methods `zerok daemon` serves: the same JSON records (snake_case, bytes as
//! base64), handle ids for the objects the contract returns, and errors as `{code, message}`
//! with the variant names every language uses. The guest package (guest-js/) gives the web
//! side the npm package's API shape.
//!
//! One session per app: handles are the app's, whichever webview asked for them. A streaming
//! command (`subscribe`, `outcome`) sends its chunks through the `tauri::ipc::Channel` passed
//! as its `on_chunk` argument; a client's events (after `events`) go to every webview as the
//! app event [`EVENT`] with `{event, data}`. The core is Rust on every platform, so there is
//! no mobile-specific half: the same commands serve desktop, Android and iOS.

mod commands;
mod outlet;

use std::sync::Arc;

use serde_json::Value;
use tauri::{
    Manager, RunEvent, Runtime,
    plugin::{Builder, TauriPlugin},
};
use zerok_rpc::{Clients, Session};
use zerok_sync_ffi::SyncError;

pub use outlet::EVENT;
use outlet::WebviewOutlet;

/// The plugin, as `tauri::Builder::default().plugin(tauri_plugin_zerok_sync::init())`.
pub fn init<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("zerok-sync")
        .invoke_handler(commands::handler())
        .setup(|app, _api| {
            app.manage(ZerokSync::new(app.clone()));
            Ok(())
        })
        .on_event(|app, event| {
            if let RunEvent::Exit = event {
                // Clients flush what they can and close their relay sessions before the
                // process ends (what is only enqueued stays in the outbox for next time).
                tauri::async_runtime::block_on(app.zerok_sync().close());
            }
        })
        .build()
}

/// The plugin's state: the app's session (its handles) and the clients it opened.
pub struct ZerokSync<R: Runtime> {
    session: Arc<Session<WebviewOutlet<R>>>,
    clients: Arc<Clients>,
}

impl<R: Runtime> ZerokSync<R> {
    fn new(app: tauri::AppHandle<R>) -> Self {
        let clients = Arc::new(Clients::default());
        let session = Arc::new(Session::new(clients.clone(), WebviewOutlet::new(app)));
        Self { session, clients }
    }

    /// A method of the contract from the app's Rust side, on the same handles as the web
    /// side's (e.g. a push from a background task on the client the UI created). Streaming
    /// methods stop at their first chunk here: there is no channel to send it to.
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, SyncError> {
        self.session
            .outlet()
            .call(&self.session, method, params, None)
            .await
    }

    async fn close(&self) {
        self.session.end().await;
        self.clients.shutdown_all().await;
    }
}

/// `app.zerok_sync()` on an `App`, `AppHandle`, `Window` or `Webview`.
pub trait ZerokSyncExt<R: Runtime> {
    fn zerok_sync(&self) -> &ZerokSync<R>;
}

impl<R: Runtime, T: Manager<R>> ZerokSyncExt<R> for T {
    fn zerok_sync(&self) -> &ZerokSync<R> {
        self.state::<ZerokSync<R>>().inner()
    }
}
