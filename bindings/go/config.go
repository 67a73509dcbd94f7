package zeroksync

import (
	"fmt"
	"time"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Config is everything a client needs. Give exactly one of Passphrase and SecretBytes; a
// passphrase also needs the group's Salt (and its KDF, defaults otherwise) so every device
// derives the same secret. Zero values mean "not set".
type Config struct {
	// RelayAddresses are "<endpoint id>@<ip:port>" as `zerok relay` prints them, in order
	// of preference.
	RelayAddresses []string
	Passphrase     string
	SecretBytes    []byte
	Salt           []byte
	KDF            *KdfParams
	// DeviceName names this device (at most 256 bytes) for logs and the relay's operator.
	DeviceName string
	// TTL is how long the relay keeps this device's blobs, in whole seconds; the relay's
	// default when zero.
	TTL time.Duration
	// StatePath is a file keeping this device's id and cursors across runs, with the outbox
	// beside it (StatePath + ".outbox"); both live in memory when it is empty.
	StatePath string

	// KeepAlive is how long a connection may be silent before the client pings the relay
	// (default 3 s), IdleTimeout how long without a word from the relay until the client
	// gives it up and reconnects or fails over (default 10 s). Desktop defaults; a phone
	// wants MobileKeepAlive and MobileIdleTimeout, the longest allowed.
	KeepAlive   time.Duration
	IdleTimeout time.Duration
	// ConnectTimeout bounds dialing and authenticating with one relay (default 5 s).
	ConnectTimeout time.Duration
	// RequestTimeout bounds one call in all, retries after transport failures and waiting
	// out a relay's rate limit included (default 30 s).
	RequestTimeout time.Duration
	// OutboxMaxBytes caps the sealed bytes the outbox holds; Enqueue beyond it fails with
	// ErrOutboxFull (default 256 MiB).
	OutboxMaxBytes uint64
}

// The liveness settings for phones, the longest the transport allows (iroh 1.4 keeps each
// path alive at least every 5 s and drops a path silent for 15 s): one keep-alive every
// 4.5 s, a relay given up after 15 s of silence. Set them as Config.KeepAlive and
// Config.IdleTimeout; longer values fail with ErrInvalidConfig.
const (
	MobileKeepAlive   = 4500 * time.Millisecond
	MobileIdleTimeout = 15 * time.Second
)

// String leaves out the passphrase and the secret, so a Config can be logged.
func (c Config) String() string {
	return fmt.Sprintf("zeroksync.Config{RelayAddresses: %q, DeviceName: %q, TTL: %v, StatePath: %q}",
		c.RelayAddresses, c.DeviceName, c.TTL, c.StatePath)
}

// GoString is String, for %#v.
func (c Config) GoString() string { return c.String() }

func (c Config) lower() native.SyncConfig {
	var ttl *uint64
	if c.TTL != 0 {
		secs := uint64(max(c.TTL/time.Second, 0))
		ttl = &secs
	}
	return native.SyncConfig{
		RelayAddresses: c.RelayAddresses,
		Passphrase:     optional(c.Passphrase),
		SecretBytes:    optionalBytes(c.SecretBytes),
		Salt:           optionalBytes(c.Salt),
		Kdf:            lowerKdf(c.KDF),
		DeviceName:     optional(c.DeviceName),
		TTLSecs:        ttl,
		StatePath:      optional(c.StatePath),
		// Zero means unset; a negative duration reaches the library as 0 ms, which it rejects.
		KeepAliveMs:      millis(c.KeepAlive),
		IdleTimeoutMs:    millis(c.IdleTimeout),
		ConnectTimeoutMs: millis(c.ConnectTimeout),
		RequestTimeoutMs: millis(c.RequestTimeout),
		OutboxMaxBytes:   optional(c.OutboxMaxBytes),
	}
}

// millis is d in whole milliseconds, rounded up (a positive duration never becomes 0); nil
// for zero.
func millis(d time.Duration) *uint64 {
	if d == 0 {
		return nil
	}
	ms := uint64(max((d+time.Millisecond-1)/time.Millisecond, 0))
	return &ms
}
