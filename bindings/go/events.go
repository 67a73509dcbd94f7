package zeroksync

import (
	"context"
	"iter"
	"sync"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Event is something that happened to a client in the background: one of the structs
// Connected, Disconnected, Failover, OutboxSent, OutboxRejected and Lagged; a type switch
// tells them apart. Apps show events (a sync indicator, a pending count) and never need them
// for correctness: the library reconnects and retries on its own.
type Event interface {
	isEvent()
}

// Connected: a session with Relay is open; calls go there.
type Connected struct{ Relay string }

// Disconnected: the session with Relay ended; the client reconnects by itself unless
// Disconnect or Shutdown ended it.
type Disconnected struct{ Relay, Reason string }

// Failover: calls moved from one relay to another.
type Failover struct{ FromRelay, ToRelay string }

// OutboxSent: a relay stored the enqueued blob BlobID durably at Cursor; Pending blobs remain
// in the outbox.
type OutboxSent struct {
	BlobID  string
	Cursor  uint64
	Pending uint64
}

// OutboxRejected: a relay refused an enqueued blob for good (e.g. over its size limit); it
// left the outbox, and the blobs after it go on.
type OutboxRejected struct{ BlobID, Reason string }

// Lagged: the stream was not read for a while and missed this many events (an unread stream
// keeps the latest 1024).
type Lagged struct{ Missed uint64 }

func (Connected) isEvent()      {}
func (Disconnected) isEvent()   {}
func (Failover) isEvent()       {}
func (OutboxSent) isEvent()     {}
func (OutboxRejected) isEvent() {}
func (Lagged) isEvent()         {}

// Events yields this client's events from the moment Events is called (not from the start of
// the loop: so `events := c.Events(ctx)` before Connect sees Connected), until ctx is done,
// the loop breaks, or the client shuts down (after every event before that). Ending closes
// the library's stream; range over it once.
//
//	for event := range client.Events(ctx) {
//		if sent, ok := event.(zeroksync.OutboxSent); ok {
//			showPending(sent.Pending)
//		}
//	}
//
// An iter.Seq, not an iter.Seq2: reading events cannot fail, the stream only ends, and
// ctx.Err() tells whether ctx ended it.
func (c *Client) Events(ctx context.Context) iter.Seq[Event] {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return func(func(Event) bool) {}
	}
	return events(ctx, c.native.Events())
}

// events reads stream until it ends, ctx is done or yield declines, then closes it.
func events(ctx context.Context, stream *native.EventStream) iter.Seq[Event] {
	var closing sync.Once
	return func(yield func(Event) bool) {
		defer closing.Do(func() {
			stream.CloseEvents() // ends a read another range of this Seq may still wait in
			stream.Close()
		})
		for {
			event, err := stream.NextEvent(ctx)
			if err != nil || event == nil || !yield(liftEvent(event)) {
				return
			}
		}
	}
}

func liftEvent(e native.SyncEvent) Event {
	switch e := e.(type) {
	case native.SyncEventConnected:
		return Connected{Relay: e.Relay}
	case native.SyncEventDisconnected:
		return Disconnected{Relay: e.Relay, Reason: e.Reason}
	case native.SyncEventFailover:
		return Failover{FromRelay: e.FromRelay, ToRelay: e.ToRelay}
	case native.SyncEventOutboxSent:
		return OutboxSent{BlobID: e.BlobID, Cursor: e.Cursor, Pending: e.Pending}
	case native.SyncEventOutboxRejected:
		return OutboxRejected{BlobID: e.BlobID, Reason: e.Reason}
	case native.SyncEventLagged:
		return Lagged{Missed: e.Missed}
	}
	panic("zeroksync: an event this package does not know") // the generated package knows only these
}
