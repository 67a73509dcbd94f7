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
	// StatePath is a file keeping this device's id and cursors across runs; in memory when
	// empty.
	StatePath string
}

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
		Passphrase:     optionalString(c.Passphrase),
		SecretBytes:    optionalBytes(c.SecretBytes),
		Salt:           optionalBytes(c.Salt),
		Kdf:            lowerKdf(c.KDF),
		DeviceName:     optionalString(c.DeviceName),
		TTLSecs:        ttl,
		StatePath:      optionalString(c.StatePath),
	}
}
