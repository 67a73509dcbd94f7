package zeroksync

import (
	"context"
	"errors"
	"iter"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Subscribe yields the group's blobs as they arrive: first those after this device's
// cursor, then live ones, until ctx is done, the client shuts down, or the loop breaks.
//
//	for blob, err := range client.Subscribe(ctx) {
//		if errors.Is(err, zeroksync.ErrTampered) {
//			continue // one bad blob; the stream goes on
//		}
//		if err != nil {
//			return err // the stream has ended (ctx.Err() when ctx is done)
//		}
//		use(blob)
//	}
//
// An error other than ErrTampered is the last value. Delivery is at least once, by
// acknowledgement in the library: this device's cursor moves past a blob only when a read
// takes it, and a taken blob is always yielded, so a blob whose read ctx cancelled comes
// with the next Subscribe.
func (c *Client) Subscribe(ctx context.Context) iter.Seq2[Blob, error] {
	return func(yield func(Blob, error) bool) {
		sub, err := c.native.Subscribe(ctx)
		if err != nil {
			yield(Blob{}, wrap(err))
			return
		}
		defer sub.Close()
		for {
			blob, err := read(ctx, sub)
			switch {
			case err != nil:
				err = wrap(err)
				if !yield(Blob{}, err) || !errors.Is(err, ErrTampered) {
					return
				}
			case blob == nil: // the subscription ended with the client
				return
			default:
				if !yield(liftBlob(*blob), nil) {
					return
				}
			}
		}
	}
}

// read is one read of sub, as the contract defines it: next() hands out a ticket, take()
// exchanges it for the blob and moves this device's cursor past it. A ticket whose read ctx
// cancelled is never taken, and the library hands it out again, so a cancelled read costs
// nothing; a ticket another read of sub took first is skipped. nil, nil once sub ended.
func read(ctx context.Context, sub *native.Subscription) (*native.SyncBlob, error) {
	for {
		ticket, err := sub.Next(ctx)
		if err != nil || ticket == nil {
			return nil, err
		}
		blob, err := sub.Take(*ticket)
		if err != nil || blob != nil {
			return blob, err
		}
	}
}
