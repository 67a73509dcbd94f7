package zeroksync

import (
	"context"
	"sync"
	"time"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Client is one device of a group, syncing through its relays. Every method may be called
// from any goroutine, concurrently with any other. Close it when done.
type Client struct {
	native *native.SyncClient
	// mu orders Close against the methods that cannot fail (IsConnected, CurrentCursor, …):
	// after Close they answer from here instead of the released handle.
	mu      sync.RWMutex
	closed  bool
	groupID string
}

// Create makes a client for cfg; no network traffic until Connect. Deriving the secret from
// a passphrase runs on a Rust thread.
func Create(ctx context.Context, cfg Config) (*Client, error) {
	client, err := native.CreateClient(ctx, cfg.lower())
	if err != nil {
		return nil, wrap(err)
	}
	return &Client{native: client, groupID: client.GroupID()}, nil
}

// Connect is Create followed by Client.Connect; on failure the client is closed.
func Connect(ctx context.Context, cfg Config) (*Client, error) {
	client, err := Create(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := client.Connect(ctx); err != nil {
		client.Close()
		return nil, err
	}
	return client, nil
}

// Connect connects to the first relay (in the configured order) that accepts the group.
func (c *Client) Connect(ctx context.Context) error {
	return wrap(c.native.Connect(ctx))
}

// Disconnect closes every session; calls fail with ErrNotConnected until Connect.
func (c *Client) Disconnect(ctx context.Context) error {
	return wrap(c.native.Disconnect(ctx))
}

// Push encrypts and pushes payload; it returns once the relay has stored it durably. It
// retries a transport failure or a lost acknowledgement (with the same blob id, so the relay
// stores it once) and waits out the relay's rate limit, within Config.RequestTimeout.
func (c *Client) Push(ctx context.Context, payload []byte) (PushResult, error) {
	result, err := c.native.Push(ctx, payload)
	if err != nil {
		return PushResult{}, wrap(err)
	}
	return PushResult{BlobID: result.BlobID, Cursor: result.Cursor}, nil
}

// Pull returns every blob this device has not received yet, oldest first, and advances its
// cursor past them. A stored blob that fails authentication is reported in Tampered, and the
// blobs after it are read all the same.
func (c *Client) Pull(ctx context.Context) (PullResult, error) {
	result, err := c.native.Pull(ctx)
	if err != nil {
		return PullResult{}, wrap(err)
	}
	return liftPullResult(result), nil
}

// PullAfter returns every blob after cursor, including ones received before, as Pull does.
func (c *Client) PullAfter(ctx context.Context, cursor uint64) (PullResult, error) {
	result, err := c.native.PullAfter(ctx, cursor)
	if err != nil {
		return PullResult{}, wrap(err)
	}
	return liftPullResult(result), nil
}

// IsConnected reports whether a relay session is open.
func (c *Client) IsConnected() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return !c.closed && c.native.IsConnected()
}

// CurrentCursor is the cursor up to which everything (on the active relay) was received.
func (c *Client) CurrentCursor() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return 0
	}
	return c.native.CurrentCursor()
}

// ActiveRelay is the address of the relay serving calls now; ok is false while
// disconnected.
func (c *Client) ActiveRelay() (address string, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return "", false
	}
	if relay := c.native.ActiveRelay(); relay != nil {
		return *relay, true
	}
	return "", false
}

// GroupID is the group's public id (hex), the same on every device of the group.
func (c *Client) GroupID() string { return c.groupID }

// CreateInvite makes an invite to this group, valid for ttl (whole seconds). It carries
// the group secret: hand it over only on a channel you trust.
func (c *Client) CreateInvite(ttl time.Duration) (Invite, error) {
	invite, err := c.native.CreateInvite(uint64(max(ttl/time.Second, 0)))
	if err != nil {
		return Invite{}, wrap(err)
	}
	return liftInvite(invite), nil
}

// Shutdown stops everything (sessions, subscriptions, replication); idempotent. Later
// calls fail with ErrShutdown. The client still needs Close to release its handle.
func (c *Client) Shutdown(ctx context.Context) error {
	return wrap(c.native.Shutdown(ctx))
}

// Close shuts the client down and releases it. Later calls fail with ErrShutdown.
// Idempotent; always returns nil (io.Closer).
func (c *Client) Close() error {
	c.mu.Lock()
	closed := c.closed
	c.closed = true
	c.mu.Unlock()
	if !closed {
		// Bounded by the library's own timeouts; ends pending subscriptions at once.
		_ = c.native.Shutdown(context.Background())
		c.native.Close()
	}
	return nil
}
