package zeroksync

import "github.com/0k-sync/0k-sync/bindings/go/internal/native"

// For the external tests: the facade's own read loop and event reader, run on native objects
// a test holds, for what the public API does not hand out (one subscription read by many
// goroutines, or read after read with a ctx each; the event stream after its loop ended).
var (
	ReadNative   = read
	EventsNative = events
)

func NativeOf(c *Client) *native.SyncClient { return c.native }
