//! The API contract (`udl/zerok_sync.udl`) as named methods over JSON values: what
//! `zerok daemon` serves as JSON lines, whatever carries the JSON. A method's params and
//! result are the contract's records as the ffi crate serializes them (snake_case, bytes as
//! base64); objects the contract returns are handle ids kept per `Session`; streaming
//! methods and events go out through the transport's `Outlet`.

mod clients;
mod methods;
mod names;
mod session;

pub use clients::Clients;
pub use methods::call;
pub use session::{Outlet, Session};
