package zeroksync_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// Enqueued while the relay is down, sent once it is back: once each, in enqueue order, with
// an OutboxSent event per blob.
func TestOutboxDeliversWhatWasEnqueuedWhileTheRelayWasDown(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r := startRelay(t)
	secret := newSecret()
	// Short liveness settings: the relay's death is noticed within a second.
	cfg := zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret,
		KeepAlive: 250 * time.Millisecond, IdleTimeout: time.Second}
	b := client(t, cfg, true)
	cfg.StatePath = filepath.Join(t.TempDir(), "a.json")
	a := client(t, cfg, true)
	events := a.Events(ctx)
	r.kill()

	const n = 100
	var sent, ids []string
	for i := range n {
		sent = append(sent, fmt.Sprintf("m%d", i))
		id, err := a.Enqueue(ctx, []byte(sent[i]))
		if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) || slices.Contains(ids, id) {
			t.Fatalf("Enqueue %d = %q, %v", i, id, err)
		}
		ids = append(ids, id)
	}
	if p := a.Pending(); p.Count != n || !slices.Equal(p.BlobIDs, ids) || p.Bytes < n*16 {
		t.Fatalf("pending %d blobs, %d bytes, ids as enqueued: %v", p.Count, p.Bytes, slices.Equal(p.BlobIDs, ids))
	}

	r.restart(nil)
	if err := a.Flush(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if p := a.Pending(); p.Count != 0 || p.Bytes != 0 || len(p.BlobIDs) != 0 {
		t.Fatalf("pending after Flush: %+v", p)
	}
	got, err := b.Pull(ctx)
	if err != nil || !slices.Equal(payloads(got.Blobs), sent) {
		t.Fatalf("b pulled %d blobs (%v), want %d in order", len(got.Blobs), err, n)
	}
	var sentIDs []string
	for event := range events {
		if e, ok := event.(zeroksync.OutboxSent); ok {
			if want := uint64(n - 1 - len(sentIDs)); e.Pending != want || e.Cursor != got.Blobs[len(sentIDs)].Cursor {
				t.Errorf("event %+v, want pending %d", e, want)
			}
			if sentIDs = append(sentIDs, e.BlobID); len(sentIDs) == n {
				break
			}
		}
	}
	if !slices.Equal(sentIDs, ids) {
		t.Fatalf("OutboxSent for %d blobs (%v), in enqueue order: %v", len(sentIDs), ctx.Err(), slices.Equal(sentIDs, ids))
	}
}

// Flush honours ctx: the native call is cancelled, the blob stays queued and is sent later.
func TestFlushStopsWithItsContext(t *testing.T) {
	r := startRelay(t)
	cfg := zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret(),
		KeepAlive: 250 * time.Millisecond, IdleTimeout: time.Second}
	a, b := client(t, cfg, true), client(t, cfg, true)
	r.kill()
	if _, err := a.Enqueue(context.Background(), []byte("later")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := a.Flush(ctx, 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Flush = %v", err)
	}
	if a.Pending().Count != 1 {
		t.Fatalf("pending %+v", a.Pending())
	}
	r.restart(nil)
	if err := a.Flush(context.Background(), 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if got, err := b.Pull(context.Background()); err != nil || !slices.Equal(payloads(got.Blobs), []string{"later"}) {
		t.Fatalf("b pulled %v, %v", payloads(got.Blobs), err)
	}
}

func TestEventsOfAConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := shared(t)
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, false)
	events := a.Events(ctx) // before Connect: it starts at the call, not at the loop
	if err := a.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
	var seen []zeroksync.Event
	for event := range events {
		if seen = append(seen, event); len(seen) == 2 {
			break
		}
	}
	if len(seen) != 2 || seen[0] != (zeroksync.Connected{Relay: r.addr}) {
		t.Fatalf("events %#v (%v)", seen, ctx.Err())
	}
	if d, ok := seen[1].(zeroksync.Disconnected); !ok || d.Relay != r.addr || d.Reason == "" {
		t.Fatalf("second event %#v", seen[1])
	}
}

// However the loop stops (break, ctx, the client's shutdown), the library's stream is closed
// and released: a read of it afterwards finds the handle gone.
func TestEventStreamClosesWhenTheConsumerStops(t *testing.T) {
	a, _ := pair(t, shared(t))
	stopped := func(stream *native.EventStream) bool {
		_, err := stream.NextEvent(context.Background())
		return errors.Is(err, native.ErrClosed)
	}

	broken := zeroksync.NativeOf(a).Events()
	if _, err := a.Enqueue(context.Background(), []byte("one event")); err != nil {
		t.Fatal(err)
	}
	for event := range zeroksync.EventsNative(context.Background(), broken) {
		if _, ok := event.(zeroksync.OutboxSent); !ok {
			t.Fatalf("event %#v", event)
		}
		break
	}
	if !stopped(broken) {
		t.Error("break left the stream open")
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancelled := zeroksync.NativeOf(a).Events()
	ended := make(chan struct{})
	go func() {
		for range zeroksync.EventsNative(ctx, cancelled) {
		}
		close(ended)
	}()
	cancel() // while the loop waits for an event that never comes
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the loop did not end with its ctx")
	}
	if !stopped(cancelled) {
		t.Error("a done ctx left the stream open")
	}

	var after []zeroksync.Event
	events := a.Events(context.Background())
	if err := a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	for event := range events { // ends after the events before the shutdown
		after = append(after, event)
	}
	for _, event := range after {
		if _, ok := event.(zeroksync.Disconnected); !ok {
			t.Errorf("after Shutdown: %#v", event)
		}
	}
	a.Close()
	for event := range a.Events(context.Background()) {
		t.Errorf("a closed client yielded %#v", event)
	}
}
