package zeroksync

import (
	"bytes"
	"io"
	"time"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Blob is one blob of the group, decrypted. Cursor orders blobs on the relay that served it.
type Blob struct {
	ID        string
	Payload   []byte
	Cursor    uint64
	Timestamp time.Time // when the relay stored it
	// Object is set for a file another device pushed (PushFile, PushStream, EnqueueFile):
	// Payload is then empty, and Download fetches the file.
	Object *RemoteObject
}

// Reader reads the payload, for APIs that take an io.Reader.
func (b Blob) Reader() io.Reader { return bytes.NewReader(b.Payload) }

// PushResult is the relay's acknowledgement: stored durably under this id and cursor.
type PushResult struct {
	BlobID string
	Cursor uint64
}

// PullResult is what a pull read: the good blobs, oldest first, and each stored blob that
// failed authentication (the blobs after a tampered one are read all the same).
type PullResult struct {
	Blobs    []Blob
	Tampered []TamperedBlob
}

// TamperedBlob is a stored blob that failed authentication: altered, swapped or replayed by
// the relay.
type TamperedBlob struct {
	BlobID string
	Cursor uint64
}

// Pending is what the outbox holds: blob ids in enqueue order (the next to send first), and
// their sealed size.
type Pending struct {
	Count   uint64
	Bytes   uint64
	BlobIDs []string
}

// KdfParams are Argon2id's cost parameters; every device of a passphrase group uses the same.
type KdfParams struct {
	MemoryKiB   uint32
	Iterations  uint32
	Parallelism uint32
}

// DerivedSecret is a secret derived from a passphrase, with what reproduces it.
type DerivedSecret struct {
	Secret []byte
	Salt   []byte
	KDF    KdfParams
}

// Invite lets another device join the group: the relays and the secret (and a passphrase
// group's salt and KDF parameters). It carries the group secret: hand it over only on a
// channel you trust.
type Invite struct {
	RelayAddresses []string
	SecretBytes    []byte
	Salt           []byte     // nil unless the group comes from a passphrase
	KDF            *KdfParams // nil unless the group comes from a passphrase
	ExpiresAt      time.Time
}

// Config is a Config joining the invite's group; set DeviceName, StatePath, … on it.
func (i Invite) Config() Config {
	return Config{RelayAddresses: i.RelayAddresses, SecretBytes: i.SecretBytes, Salt: i.Salt, KDF: i.KDF}
}

// VersionInfo are the versions of the loaded library: core, wire protocol, FFI.
type VersionInfo struct {
	Core string
	Wire uint16
	FFI  string
}

func liftBlob(b native.SyncBlob) Blob {
	return Blob{ID: b.BlobID, Payload: b.Payload, Cursor: b.Cursor, Timestamp: time.UnixMilli(int64(b.TimestampMs)),
		Object: liftObject(b.Object)}
}

func liftBlobs(blobs []native.SyncBlob) []Blob {
	out := make([]Blob, len(blobs))
	for i, b := range blobs {
		out[i] = liftBlob(b)
	}
	return out
}

func liftPullResult(r native.PullResult) PullResult {
	tampered := make([]TamperedBlob, len(r.Tampered))
	for i, t := range r.Tampered {
		tampered[i] = TamperedBlob{BlobID: t.BlobID, Cursor: t.Cursor}
	}
	return PullResult{Blobs: liftBlobs(r.Blobs), Tampered: tampered}
}

func liftKdf(k native.KdfParams) KdfParams {
	return KdfParams{MemoryKiB: k.MemoryKib, Iterations: k.Iterations, Parallelism: k.Parallelism}
}

func lowerKdf(k *KdfParams) *native.KdfParams {
	if k == nil {
		return nil
	}
	return &native.KdfParams{MemoryKib: k.MemoryKiB, Iterations: k.Iterations, Parallelism: k.Parallelism}
}

func liftInvite(i native.Invite) Invite {
	invite := Invite{RelayAddresses: i.RelayAddresses, SecretBytes: i.SecretBytes, ExpiresAt: time.Unix(int64(i.ExpiresAt), 0)}
	if i.Salt != nil {
		invite.Salt = *i.Salt
	}
	if i.Kdf != nil {
		kdf := liftKdf(*i.Kdf)
		invite.KDF = &kdf
	}
	return invite
}

func lowerInvite(i Invite) native.Invite {
	return native.Invite{
		RelayAddresses: i.RelayAddresses,
		SecretBytes:    i.SecretBytes,
		Salt:           optionalBytes(i.Salt),
		Kdf:            lowerKdf(i.KDF),
		ExpiresAt:      uint64(max(i.ExpiresAt.Unix(), 0)),
	}
}

// optionalBytes is nil for nil: a set but empty slice is still "given".
func optionalBytes(b []byte) *[]byte {
	if b == nil {
		return nil
	}
	return &b
}

// optional is nil for the zero value, which means "not set" in this package's structs.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
