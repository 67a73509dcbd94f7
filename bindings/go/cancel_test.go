package zeroksync_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
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
	cursors := make([]uint64, len(pulled.Blobs))
	for i, blob := range pulled.Blobs {
		cursors[i] = blob.Cursor
	}
	if err != nil || len(cursors) > 3 || !slices.Contains(cursors, acks[0].Cursor) || !slices.Contains(cursors, acks[1].Cursor) {
		t.Fatalf("PullAfter(0) = cursors %v, %v; acks %v", cursors, err, acks)
	}
	small, err := a.Push(context.Background(), []byte("small"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.Pull(context.Background())
	if n := len(got.Blobs); err != nil || n == 0 || string(got.Blobs[n-1].Payload) != "small" {
		t.Fatalf("Pull = %d blobs, %v", n, err)
	}
	if b.CurrentCursor() != small.Cursor {
		t.Fatalf("cursor %d, want %d", b.CurrentCursor(), small.Cursor)
	}
}

// sendAll pushes n payloads from a, one after another, while the test reads them.
func sendAll(t *testing.T, a *zeroksync.Client, n int) []string {
	sent := make([]string, n)
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
	return sent
}

// jitter is a timeout of 0.1–3 ms: reads end while a blob is on its way, its ticket is being
// handed out, or it is already there.
func jitter() time.Duration {
	return 100*time.Microsecond + rand.N(3*time.Millisecond)
}

// Subscriptions whose ctx is done at any moment never cost a blob, nor deliver one twice:
// each new subscription starts where the taken blobs end.
func TestNoBlobLostOrRepeatedWhenSubscriptionsAreCancelledAtAnyMoment(t *testing.T) {
	a, b := pair(t, shared(t))
	sent := sendAll(t, a, 150)
	var got []string
	cancelled := 0
	deadline := time.Now().Add(30 * time.Second) // a lost blob would otherwise wait forever
	for len(got) < len(sent) && time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), jitter())
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
	t.Logf("%d subscriptions cancelled, %d blobs read", cancelled, len(got))
}

// Reads of one subscription, each with a ctx of its own done at any moment: a cancelled read
// leaves its ticket untaken and the next read gets that blob. Every tenth read opens a new
// subscription, which starts after the last blob taken.
func TestNoBlobLostOrRepeatedWhenReadsAreCancelledAtAnyMoment(t *testing.T) {
	a, b := pair(t, shared(t))
	sent := sendAll(t, a, 150)
	var got []string
	cancelled := 0
	var sub *native.Subscription
	deadline := time.Now().Add(30 * time.Second)
	for read := 0; len(got) < len(sent) && time.Now().Before(deadline); read++ {
		if read%10 == 0 {
			if sub != nil {
				sub.Close()
			}
			var err error
			if sub, err = zeroksync.NativeOf(b).Subscribe(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), jitter())
		blob, err := zeroksync.ReadNative(ctx, sub)
		cancel()
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			cancelled++
		case err != nil || blob == nil:
			t.Fatalf("read = %v, %v", blob, err)
		default:
			got = append(got, string(blob.Payload))
		}
	}
	sub.Close()
	if !slices.Equal(got, sent) {
		t.Fatalf("received %d blobs, first difference at %d", len(got), firstDifference(got, sent))
	}
	if cancelled == 0 {
		t.Error("no read was cancelled")
	}
	t.Logf("%d reads cancelled, %d blobs read", cancelled, len(got))
}

// Goroutines reading one subscription at once get each blob exactly once between them.
func TestConcurrentReadsOfOneSubscriptionGetEachBlobOnce(t *testing.T) {
	a, b := pair(t, shared(t))
	sub, err := zeroksync.NativeOf(b).Subscribe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	sent := sendAll(t, a, 200)
	ctx, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	var mu sync.Mutex
	var got []string
	perReader := make([]int, 8)
	var wg sync.WaitGroup
	for reader := range perReader {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				blob, err := zeroksync.ReadNative(ctx, sub)
				if err != nil || blob == nil {
					return // stop() ended it, once all arrived (or the deadline passed)
				}
				mu.Lock()
				got = append(got, string(blob.Payload))
				perReader[reader]++
				if len(got) == len(sent) {
					stop()
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(got)
	want := slices.Sorted(slices.Values(sent))
	if !slices.Equal(got, want) {
		t.Fatalf("received %d blobs for %d sent, first difference at %d", len(got), len(sent), firstDifference(got, want))
	}
	if slices.Max(perReader) == len(sent) {
		t.Logf("one reader got every blob: %v", perReader) // legal, but the test then proves less
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

// writeFile writes n bytes (fileData) into a file of the test's temp dir.
func writeFile(t *testing.T, name string, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, fileData(n), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// cancelMidway reads tr's progress until a chunk is done, then cancels ctx and returns what
// Wait(ctx) returns: the cancelled transfer's error, both ctx's and ErrCancelled.
func cancelMidway(t *testing.T, tr *zeroksync.Transfer) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for p := range tr.Progress(ctx) {
		if p.ChunksDone > 0 {
			if p.ChunksDone == p.ChunksTotal {
				t.Fatalf("the transfer ended before the test could cancel it: %+v", p)
			}
			cancel()
		}
	}
	if ctx.Err() == nil {
		t.Fatal("the progress ended before a chunk was done")
	}
	_, err := tr.Wait(ctx)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, zeroksync.ErrCancelled) {
		t.Fatalf("Wait = %v", err)
	}
	return err
}

// A Wait whose ctx is cancelled cancels the upload: no object reaches the other device, and
// the client goes on.
func TestCancelledWaitCancelsTheUpload(t *testing.T) {
	a, b := pair(t, shared(t))
	ctx := context.Background()
	tr, err := a.PushFile(ctx, writeFile(t, "big.bin", 32<<20))
	if err != nil {
		t.Fatal(err)
	}
	cancelMidway(t, tr)
	if _, err := a.Push(ctx, []byte("after")); err != nil {
		t.Fatal(err)
	}
	got, err := b.Pull(ctx)
	if err != nil || len(got.Blobs) != 1 || got.Blobs[0].Object != nil {
		t.Fatalf("Pull = %+v, %v", got, err)
	}
}

// A Wait whose ctx is cancelled cancels the download: no file at its path. A new Download
// of the object completes.
func TestCancelledWaitCancelsTheDownload(t *testing.T) {
	a, b := pair(t, shared(t))
	ctx := context.Background()
	up, err := a.PushFile(ctx, writeFile(t, "mid.bin", 16<<20))
	if err != nil {
		t.Fatal(err)
	}
	pushed, err := up.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.Pull(ctx)
	if err != nil || len(got.Blobs) != 1 || got.Blobs[0].Object == nil {
		t.Fatalf("Pull = %+v, %v", got, err)
	}
	dest := filepath.Join(t.TempDir(), "copy.bin")
	down, err := b.Download(ctx, *got.Blobs[0].Object, dest)
	if err != nil {
		t.Fatal(err)
	}
	cancelMidway(t, down)
	if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after the cancel, %s: %v", dest, err)
	}
	down, err = b.Download(ctx, *got.Blobs[0].Object, dest)
	if err != nil {
		t.Fatal(err)
	}
	if saved, err := down.Wait(ctx); err != nil || saved.BLAKE3 != pushed.BLAKE3 || saved.Path != dest {
		t.Fatalf("Download = %+v, %v", saved, err)
	}
}

// cancelAfter is a reader of n bytes that cancels ctx once it gave after bytes.
type cancelAfter struct {
	given, after int
	cancel       context.CancelFunc
}

func (r *cancelAfter) Read(p []byte) (int, error) {
	if r.given >= r.after {
		r.cancel()
	}
	n := min(len(p), 64<<10)
	r.given += n
	return n, nil
}

// PushReader's ctx cancelled while it writes: the upload is cancelled.
func TestCancelledPushReader(t *testing.T) {
	a, b := pair(t, shared(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := a.PushReader(ctx, &cancelAfter{after: 2 << 20, cancel: cancel}, 8<<20, "stream.bin")
	if !errors.Is(err, context.Canceled) || !errors.Is(err, zeroksync.ErrCancelled) {
		t.Fatalf("PushReader = %v", err)
	}
	if got, err := b.Pull(context.Background()); err != nil || len(got.Blobs) != 0 {
		t.Fatalf("Pull = %+v, %v", got, err)
	}
}
