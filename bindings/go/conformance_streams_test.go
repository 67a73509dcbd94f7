package zeroksync_test

// The conformance runner's streams: subscriptions and event streams, read in the background.

import (
	"context"
	"errors"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// live is a stream read in the background from the moment it is made: a subscription (read
// ahead, as the Rust runner does, so that what is pushed after it arrives live) or the
// events (read one at a time: a closed event stream delivers nothing more, as in Rust).
// Items: canonical blobs or events, {"error": "Tampered"} (a subscription goes on), or the
// error that ended it; ended is closed once the stream ended (null, the last item).
type live struct {
	items  chan any
	ended  chan struct{}
	cancel context.CancelFunc // close (close_events) in Go: the loop's ctx is done
}

func (r *run) live(readAhead int) (*live, context.Context) {
	ctx, cancel := context.WithCancel(r.ctx)
	r.t.Cleanup(cancel)
	return &live{items: make(chan any, readAhead), ended: make(chan struct{}), cancel: cancel}, ctx
}

// send hands an item to next, or drops it when the stream is closed first.
func (l *live) send(ctx context.Context, item any) bool {
	select {
	case l.items <- item:
		return true
	case <-ctx.Done():
		return false
	}
}

func (r *run) subscribe(c *zeroksync.Client) *live {
	l, ctx := r.live(1024)
	go func() {
		defer close(l.ended)
		for blob, err := range c.Subscribe(ctx) {
			switch {
			case errors.Is(err, zeroksync.ErrTampered):
				l.send(ctx, map[string]any{"error": "Tampered"})
			case err != nil:
				if ctx.Err() == nil {
					l.send(ctx, err)
				}
				return
			default:
				l.send(ctx, canonical(blob))
			}
		}
	}()
	return l
}

func (r *run) events(c *zeroksync.Client) *live {
	l, ctx := r.live(0)
	events := c.Events(ctx) // the stream starts here, before the next step
	go func() {
		defer close(l.ended)
		for event := range events {
			if !l.send(ctx, canonical(event)) {
				return
			}
		}
	}()
	return l
}

// next is up to a["count"] items within a["timeout_ms"] in all.
func (l *live) next(a args) (any, error) {
	deadline := time.After(time.Duration(a["timeout_ms"].(float64)) * time.Millisecond)
	items := []any{}
	for len(items) < int(a["count"].(float64)) {
		var item any
		select {
		case item = <-l.items:
		case <-l.ended:
			select {
			case item = <-l.items: // read before the end (ended is closed after the last send)
			default:
				return append(items, nil), nil
			}
		case <-deadline:
			return items, nil
		}
		if err, ok := item.(error); ok {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}
