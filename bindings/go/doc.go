// Package zeroksync is 0k-sync for Go: zero-knowledge sync of encrypted blobs through
// untrusted relays. Every device encrypts before a blob leaves it; relays store only
// ciphertext; the group's other devices pull or stream the blobs and decrypt them.
//
// All cryptography, protocol and networking is the Rust library of the repository
// (libzerok_sync_ffi), reached through cgo by the generated package internal/native; this
// package adds Go idioms only: a context on every call that waits (cancelling it cancels the
// Rust work), Subscribe as an iter.Seq2 and Events as an iter.Seq, durations in Config,
// sentinel errors for errors.Is, Close.
//
// Building needs the library where cgo and the loader find it, e.g. after
// `cargo build --release -p zerok-sync-ffi` in the repository:
//
//	export CGO_LDFLAGS="-L$REPO/target/release -Wl,-rpath,$REPO/target/release"
//
// See README.md for a quickstart.
package zeroksync
