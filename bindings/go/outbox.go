package zeroksync

import (
	"context"
	"time"
)

// Enqueue seals payload into this device's outbox and returns its blob id, without network:
// once it returns, the blob survives a crash of the app (with Config.StatePath; in memory
// without one). The client sends the outbox in enqueue order whenever it is connected,
// across disconnects and restarts, each blob once (a retry keeps its blob id). It fails with
// ErrPayloadTooLarge or ErrOutboxFull at once, never later in the background.
func (c *Client) Enqueue(ctx context.Context, payload []byte) (blobID string, err error) {
	blobID, err = c.native.Enqueue(ctx, payload)
	return blobID, wrap(err)
}

// Pending is what the outbox still holds.
func (c *Client) Pending() Pending {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return Pending{}
	}
	p := c.native.Pending()
	return Pending{Count: p.Count, Bytes: p.Bytes, BlobIDs: p.BlobIds}
}

// Flush waits until the outbox is empty. With a timeout (> 0) it fails with ErrTimeout once
// that passed; with 0 only ctx bounds it. It fails with ErrNotConnected while blobs wait and
// the client is not asked to be connected (Connect). When ctx is done first it returns
// ctx.Err(); the outbox keeps sending either way.
func (c *Client) Flush(ctx context.Context, timeout time.Duration) error {
	return wrap(c.native.Flush(ctx, millis(timeout)))
}
