package zeroksync

import (
	"errors"
	"fmt"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Code is a variant of the library's error (udl/zerok_sync.udl). Each Code is an error
// value itself, so errors.Is(err, zeroksync.ErrNotConnected) tells the variant of any error
// this package returns; errors.As(err, &e) with e *Error gives the message too.
type Code int32

// The variants, numbered as in the library.
const (
	ErrNotConnected             Code = iota + 1 // never connected, or Disconnect was called
	ErrConnectionFailed                         // the one configured relay failed or refused
	ErrAllRelaysFailed                          // every configured relay failed (one reason each)
	ErrUnauthorized                             // the relay rejected this device's membership proof
	ErrVersionMismatch                          // client and relay share no protocol version
	ErrPayloadTooLarge                          // over the relay's (or the protocol's) size limit
	ErrQuotaExceeded                            // the group's storage quota on the relay is used up
	ErrRateLimited                              // the relay's rate limit outlasted the request timeout
	ErrOutboxFull                               // Enqueue: the outbox is at Config.OutboxMaxBytes
	ErrInviteExpired                            // the invite's lifetime is over
	ErrInvalidInvite                            // the invite string is corrupt
	ErrUnsupportedInviteVersion                 // the invite comes from a newer format
	ErrTampered                                 // a blob failed authentication; later ones still arrive
	ErrInvalidConfig                            // the Config (or an argument) is unusable
	ErrUnknownCursor                            // PullAfter named a cursor the relay never assigned
	ErrProtocol                                 // client and relay disagree on the protocol (a bug)
	ErrTransport                                // the network failed on an established connection
	ErrTimeout                                  // the operation did not finish in time
	ErrRelay                                    // the relay failed internally; nothing was acknowledged
	ErrState                                    // reading or writing the state file failed
	ErrShutdown                                 // the client (or a Pairing) was shut down or closed
	ErrInvalidPairingCode                       // JoinWithCode: a malformed code (a typo), found before any traffic
	ErrPairingFailed                            // a wrong, used, cancelled or unknown pairing code
	ErrPairingExpired                           // the pairing code's lifetime ended before the exchange
	ErrIo                                       // reading or writing a transfer's file or stream failed, or it changed while read
	ErrCancelled                                // the transfer was cancelled (Transfer.Cancel, or the ctx of a wait on it)
	ErrObjectUnavailable                        // no relay holds the object (expired, or not there yet)
	ErrInternal                                 // a bug in the library (a panic); the process goes on
)

var codeNames = [...]string{
	ErrNotConnected:             "NotConnected",
	ErrConnectionFailed:         "ConnectionFailed",
	ErrAllRelaysFailed:          "AllRelaysFailed",
	ErrUnauthorized:             "Unauthorized",
	ErrVersionMismatch:          "VersionMismatch",
	ErrPayloadTooLarge:          "PayloadTooLarge",
	ErrQuotaExceeded:            "QuotaExceeded",
	ErrRateLimited:              "RateLimited",
	ErrOutboxFull:               "OutboxFull",
	ErrInviteExpired:            "InviteExpired",
	ErrInvalidInvite:            "InvalidInvite",
	ErrUnsupportedInviteVersion: "UnsupportedInviteVersion",
	ErrTampered:                 "Tampered",
	ErrInvalidConfig:            "InvalidConfig",
	ErrUnknownCursor:            "UnknownCursor",
	ErrProtocol:                 "Protocol",
	ErrTransport:                "Transport",
	ErrTimeout:                  "Timeout",
	ErrRelay:                    "Relay",
	ErrState:                    "State",
	ErrShutdown:                 "Shutdown",
	ErrInvalidPairingCode:       "InvalidPairingCode",
	ErrPairingFailed:            "PairingFailed",
	ErrPairingExpired:           "PairingExpired",
	ErrIo:                       "Io",
	ErrCancelled:                "Cancelled",
	ErrObjectUnavailable:        "ObjectUnavailable",
	ErrInternal:                 "Internal",
}

// String is the variant's name in the API contract, e.g. "NotConnected".
func (c Code) String() string {
	if c > 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return fmt.Sprintf("Code(%d)", int32(c))
}

func (c Code) Error() string { return c.String() }

// Error is every error of the library: its variant and its message.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return "zeroksync: " + e.Message }

// Unwrap makes the Code visible to errors.Is.
func (e *Error) Unwrap() error { return e.Code }

// wrap turns what the generated layer returns into this package's errors. Context errors
// (a cancelled or expired ctx) pass through unchanged. Never returns a typed nil.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var syncErr *native.SyncError
	var internal *native.InternalError
	switch {
	case errors.As(err, &syncErr):
		// The same numbering on both sides (checked by TestCodesMatchTheLibrary).
		return &Error{Code: Code(syncErr.Variant), Message: syncErr.Message}
	case errors.As(err, &internal):
		return &Error{Code: ErrInternal, Message: internal.Message}
	case errors.Is(err, native.ErrClosed):
		return &Error{Code: ErrShutdown, Message: "the client is closed"}
	}
	return err
}
