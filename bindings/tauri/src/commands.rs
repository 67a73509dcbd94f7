//! One command per method of `zerok-rpc` (`with_methods!`), each one the method under its
//! own name, so an app's capabilities can allow or deny each (permissions/).

use serde_json::Value;
use tauri::{
    Runtime, State, Webview,
    ipc::{InvokeBody, JavaScriptChannelId, Request},
};
use zerok_sync_ffi::SyncError;

use crate::ZerokSync;

/// The argument a streaming command's `Channel` comes in (the rest are the method's params).
const CHANNEL_ARG: &str = "on_chunk";

/// Serves `method` with the invoke's arguments as its params.
async fn serve<R: Runtime>(
    method: &str,
    webview: Webview<R>,
    state: &ZerokSync<R>,
    request: &Request<'_>,
) -> Result<Value, SyncError> {
    let mut params = match request.body() {
        InvokeBody::Json(Value::Object(args)) => args.clone(),
        InvokeBody::Json(Value::Null) => Default::default(),
        _ => {
            return Err(SyncError::Protocol(format!(
                "{method}: arguments must be an object"
            )));
        }
    };
    let stream = match params.remove(CHANNEL_ARG) {
        None => None,
        Some(Value::String(id)) => Some(
            id.parse::<JavaScriptChannelId>()
                .map_err(|e| SyncError::Protocol(format!("{method}: {CHANNEL_ARG}: {e}")))?
                .channel_on(webview),
        ),
        Some(_) => {
            return Err(SyncError::Protocol(format!(
                "{method}: {CHANNEL_ARG} must be a Channel"
            )));
        }
    };
    let session = &state.session;
    session
        .outlet()
        .call(session, method, params.into(), stream)
        .await
}

macro_rules! commands {
    ($($method:ident)*) => {
        $(
            #[tauri::command]
            async fn $method<R: Runtime>(
                webview: Webview<R>,
                state: State<'_, ZerokSync<R>>,
                request: Request<'_>,
            ) -> Result<Value, SyncError> {
                serve(stringify!($method), webview, &state, &request).await
            }
        )*

        pub(crate) fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($method),*]
        }
    };
}

zerok_rpc::with_methods!(commands);
