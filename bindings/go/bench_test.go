package zeroksync_test

// Call overhead of the Go binding: the two measurements defined in scripts/bench-overhead
// (a trivial async call, a 64 KiB push), made through the public API, so their ratios to the
// Rust baseline show what crossing into Go costs. Plain Go benchmarks: scripts/bench-overhead
// runs each for 7 batches (-count) and writes target/bench/overhead-go.json from the ns/op
// lines. By hand:
//
//	go test -run '^$' -bench '^BenchmarkTrivialCall$' -benchtime 0.2s -count 7
//	go test -run '^$' -bench '^BenchmarkPush64KiB$' -benchtime 100x -count 7

import (
	"context"
	"crypto/rand"
	"testing"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// BenchmarkTrivialCall is Disconnect on a client that never connected: it returns at once,
// so all it costs is one async round trip through the FFI.
func BenchmarkTrivialCall(b *testing.B) {
	ctx := context.Background()
	idle := client(b, zeroksync.Config{RelayAddresses: []string{shared(b).addr}, SecretBytes: newSecret()}, false)
	for range 2_000 {
		if err := idle.Disconnect(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if err := idle.Disconnect(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPush64KiB is a sequential push of 64 KiB, stored durably by a loopback relay.
func BenchmarkPush64KiB(b *testing.B) {
	ctx := context.Background()
	pusher := client(b, zeroksync.Config{RelayAddresses: []string{shared(b).addr}, SecretBytes: newSecret()}, true)
	payload := make([]byte, 64*1024)
	if _, err := rand.Read(payload); err != nil {
		b.Fatal(err)
	}
	for range 50 {
		if _, err := pusher.Push(ctx, payload); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(payload)))
	b.ResetTimer()
	for range b.N {
		if _, err := pusher.Push(ctx, payload); err != nil {
			b.Fatal(err)
		}
	}
}
