package zeroksync_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

func TestCancelledSubscriptionLeavesTheClientUsable(t *testing.T) {
	a, b := pair(t, shared(t))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	var last error
	for _, err := range b.Subscribe(ctx) {
		last = err
	}
	if !errors.Is(last, context.DeadlineExceeded) {
		t.Fatalf("the loop ended with %v", last)
	}
	if _, err := a.Push(context.Background(), []byte("after")); err != nil {
		t.Fatal(err)
	}
	got, err := receive(context.Background(), b, 1)
	if err != nil || !slices.Equal(got, []string{"after"}) {
		t.Fatalf("received %v, %v", got, err)
	}
}

func TestCancelledPushAndPullLeaveTheClientUsable(t *testing.T) {
	a, b := pair(t, shared(t))
	big := make([]byte, 1<<20) // sealing, sending and storing 1 MiB takes well over 1 ms
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if _, err := a.Push(ctx, big); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Push = %v", err)
	}
	var acks []zeroksync.PushResult
	for range 2 {
		ack, err := a.Push(context.Background(), big)
		if err != nil {
			t.Fatal(err)
		}
		acks = append(acks, ack)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel2()
	if _, err := b.Pull(ctx2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Pull = %v", err)
	}
	// The cancelled push may have reached the relay before the cancel: stored or not.
	pulled, err := b.PullAfter(context.Background(), 0)
	cursors := make([]uint64, len(pulled))
	for i, blob := range pulled {
		cursors[i] = blob.Cursor
	}
	if err != nil || len(pulled) > 3 || !slices.Contains(cursors, acks[0].Cursor) || !slices.Contains(cursors, acks[1].Cursor) {
		t.Fatalf("PullAfter(0) = cursors %v, %v; acks %v", cursors, err, acks)
	}
	small, err := a.Push(context.Background(), []byte("small"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := b.Pull(context.Background()); err != nil || payloads(got)[len(got)-1] != "small" {
		t.Fatalf("Pull = %v, %v", payloads(got), err)
	}
	if b.CurrentCursor() != small.Cursor {
		t.Fatalf("cursor %d, want %d", b.CurrentCursor(), small.Cursor)
	}
}

// A ctx done at any moment never costs a blob: what the library delivered is yielded.
func TestNoBlobLostWhenSubscriptionsAreCancelledAtAnyMoment(t *testing.T) {
	a, b := pair(t, shared(t))
	sent := make([]string, 150)
	for i := range sent {
		sent[i] = fmt.Sprintf("blob %d", i)
	}
	go func() {
		for _, p := range sent {
			if _, err := a.Push(context.Background(), []byte(p)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var got []string
	cancelled := 0
	deadline := time.Now().Add(30 * time.Second) // a lost blob would otherwise wait forever
	for attempt := 0; len(got) < len(sent) && time.Now().Before(deadline); attempt++ {
		// 1–4 ms: many loops end while a blob is on its way or already delivered.
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(attempt%4+1)*time.Millisecond)
		for blob, err := range b.Subscribe(ctx) {
			if err != nil {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatal(err)
				}
				cancelled++
				break
			}
			got = append(got, string(blob.Payload))
		}
		cancel()
	}
	if !slices.Equal(got, sent) {
		t.Fatalf("received %d blobs, first difference at %d", len(got), firstDifference(got, sent))
	}
	if cancelled == 0 {
		t.Error("no subscription was cancelled")
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestConnectToADeadRelayStopsAtTheDeadline(t *testing.T) {
	dead := startRelay(t)
	dead.kill()
	c := client(t, zeroksync.Config{RelayAddresses: []string{dead.addr}, SecretBytes: newSecret()}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	started := time.Now()
	if err := c.Connect(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Connect = %v", err)
	}
	if waited := time.Since(started); waited > time.Second {
		t.Fatalf("waited %v", waited)
	}
}
