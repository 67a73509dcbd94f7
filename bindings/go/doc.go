// Package zeroksync is 0k-sync for Go: zero-knowledge sync of encrypted blobs through
// untrusted relays. Every device encrypts before a blob leaves it; relays store only
// ciphertext; the group's other devices pull or stream the blobs and decrypt them.
//
// All cryptography, protocol and networking is the Rust library of the repository
// (libzerok_sync_ffi), reached through cgo by the generated package internal/native; this
// package adds Go idioms only: a context on every call that waits (cancelling it cancels the
// Rust work), Subscribe as an iter.Seq2, Events and Transfer.Progress as iter.Seqs, an
// io.Reader to push, durations in Config, sentinel errors for errors.Is, Close.
//
// Building needs the library where cgo and the loader find it: unpack the release archive
// (zerok-sync-ffi-<version>-linux-x86_64.tar.gz) into DIR, then
//
//	export CGO_ENABLED=1 CGO_LDFLAGS="-L$DIR/lib -Wl,-rpath,$DIR/lib"
//
// (or, built from the repository with cargo, DIR/lib = target/release). See README.md for
// the install options and a quickstart.
package zeroksync
