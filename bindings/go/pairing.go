package zeroksync

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Pairing is a short code this device shows so that another device can join its group by
// typing it (JoinWithCode), instead of carrying the secret-bearing invite over. The exchange
// runs inside the library from the moment the code exists: nothing has to wait on it for it
// to go on. Wait tells its outcome; Cancel or Close ends it.
//
// Keep the Pairing until the other device has joined: Close (or the garbage collector
// freeing an unreachable Pairing) cancels a pairing that has not finished. Every method may
// be called from any goroutine, concurrently.
type Pairing struct {
	native *native.Pairing
	// Fixed when the code is made: kept here so that they still answer after Close.
	code      string
	expiresAt time.Time
	// mu orders Close against Cancel: after Close, Cancel has nothing left to end.
	mu     sync.Mutex
	closed bool
}

// CreatePairingCode opens a pairing mailbox on the active relay and returns the code to show,
// valid for ttl (whole seconds; 0: the library's default, 10 minutes; the relay may shorten
// it, see ExpiresAt). The device that types the code receives an invite to this group, which
// carries the group secret: sealed end to end under a key only the two devices derive from
// the code, so the relay never sees it. Fails with ErrNotConnected until Connect, and with
// ErrInvalidConfig for a ttl under a second.
func (c *Client) CreatePairingCode(ctx context.Context, ttl time.Duration) (*Pairing, error) {
	var ttlSecs *uint64
	if ttl != 0 {
		secs := uint64(max(ttl/time.Second, 0)) // under a second: 0, which the library refuses
		ttlSecs = &secs
	}
	p, err := c.native.CreatePairingCode(ctx, ttlSecs)
	if err != nil {
		return nil, wrap(err)
	}
	return &Pairing{native: p, code: p.Code(), expiresAt: time.UnixMilli(int64(p.ExpiresAtMs()))}, nil
}

// Code is what the other device types: XXXX-XXXX-XXXX-XXXX (Crockford base32, with a check
// character, so JoinWithCode catches a typo before any traffic). Show it only to the user
// of the device that is to join: whoever types it first gets the group's invite.
func (p *Pairing) Code() string { return p.code }

// ExpiresAt is when the code stops working, on the relay's clock.
func (p *Pairing) ExpiresAt() time.Time { return p.expiresAt }

// Wait waits until the other device has the invite and returns the verifier, "ddd ddd": the
// same digits JoinWithCode returns there, for users who want to compare both screens. It
// fails with ErrPairingFailed (a wrong code was typed, or the pairing was cancelled or
// closed), ErrPairingExpired (nobody typed the code in time) or ErrShutdown (Wait after
// Close). Any number of goroutines may wait; each gets the one outcome, also after the
// pairing finished. When ctx is done first Wait returns ctx.Err() and the pairing goes on:
// ctx bounds the waiting, Cancel ends the pairing.
func (p *Pairing) Wait(ctx context.Context) (verifier string, err error) {
	verifier, err = p.native.Wait(ctx)
	if errors.Is(err, native.ErrClosed) {
		return "", &Error{Code: ErrShutdown, Message: "the pairing is closed"}
	}
	return verifier, wrap(err)
}

// Cancel ends the pairing now: the relay burns the mailbox, the code stops working, and
// waiting (and later) Waits fail with ErrPairingFailed. A pairing that has finished keeps its
// outcome. Idempotent.
func (p *Pairing) Cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.native.Cancel()
	}
}

// Close cancels the pairing unless it has finished, and releases it: Waits in progress fail
// with ErrPairingFailed, later ones with ErrShutdown. Idempotent; always returns nil
// (io.Closer), so `defer pairing.Close()` keeps an abandoned code from staying open.
func (p *Pairing) Close() error {
	p.mu.Lock()
	closed := p.closed
	p.closed = true
	p.mu.Unlock()
	if !closed {
		// Explicitly: a Wait in progress holds its own reference, which would keep the
		// pairing alive past the release.
		p.native.Cancel()
		p.native.Close()
	}
	return nil
}

// PairedInvite is what the device that typed a code receives: the invite to the showing
// device's group (Invite.Config joins it) and the verifier its Wait returns too.
type PairedInvite struct {
	Invite   Invite
	Verifier string // "ddd ddd"
}

// JoinWithCode joins the group of the device showing code, through the first of
// relayAddresses that answers (the showing device's relay), and returns its invite. Letters
// are read case-insensitively and O, I, L as 0, 1, 1; dashes and spaces are ignored. It
// fails with ErrInvalidPairingCode for a typo (before any traffic), ErrPairingFailed for a
// wrong, used, cancelled or unknown code, ErrPairingExpired once the code's lifetime is over
// (and ErrRateLimited after many attempts from one address). A code works once, and a wrong
// one burns the mailbox it names: after a failure the user asks for a new code. When ctx is
// done first it returns ctx.Err() and the attempt is abandoned.
func JoinWithCode(ctx context.Context, code string, relayAddresses []string) (PairedInvite, error) {
	joined, err := native.JoinWithCode(ctx, code, relayAddresses)
	if err != nil {
		return PairedInvite{}, wrap(err)
	}
	return PairedInvite{Invite: liftInvite(joined.Invite), Verifier: joined.Verifier}, nil
}
