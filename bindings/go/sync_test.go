package zeroksync_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	r := shared(t)
	secret := newSecret()
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret, DeviceName: "a"}, true)
	b := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret, DeviceName: "b"}, true)
	if relay, ok := a.ActiveRelay(); !a.IsConnected() || !ok || relay != r.addr {
		t.Fatalf("connected %v, relay %q", a.IsConnected(), relay)
	}
	if a.GroupID() != b.GroupID() || !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(a.GroupID()) {
		t.Fatalf("group ids %q %q", a.GroupID(), b.GroupID())
	}
	ack, err := a.Push(ctx, []byte("hello"))
	if err != nil || len(ack.BlobID) != 32 || ack.Cursor < 1 {
		t.Fatalf("Push = %+v, %v", ack, err)
	}
	pulled, err := b.Pull(ctx)
	if err != nil || len(pulled.Blobs) != 1 || pulled.Tampered == nil || len(pulled.Tampered) != 0 {
		t.Fatalf("Pull = %+v, %v", pulled, err)
	}
	blob := pulled.Blobs[0]
	if string(blob.Payload) != "hello" || blob.ID != ack.BlobID || blob.Cursor != ack.Cursor {
		t.Fatalf("blob %+v, ack %+v", blob, ack)
	}
	if time.Since(blob.Timestamp) > time.Minute || time.Until(blob.Timestamp) > time.Minute {
		t.Errorf("timestamp %v", blob.Timestamp)
	}
	if got, _ := io.ReadAll(blob.Reader()); string(got) != "hello" {
		t.Errorf("Reader read %q", got)
	}
	if b.CurrentCursor() != ack.Cursor {
		t.Errorf("cursor %d, want %d", b.CurrentCursor(), ack.Cursor)
	}
	if again, err := b.Pull(ctx); err != nil || len(again.Blobs) != 0 {
		t.Errorf("second Pull = %v, %v (Pull advances the cursor)", again, err)
	}
	if all, err := b.PullAfter(ctx, 0); err != nil || !slices.Equal(payloads(all.Blobs), []string{"hello"}) {
		t.Errorf("PullAfter(0) = %v, %v", all, err)
	}
	if own, err := a.Pull(ctx); err != nil || len(own.Blobs) != 0 {
		t.Errorf("a device got its own push back: %v, %v", own, err)
	}
}

func TestPayloadsOfAnySize(t *testing.T) {
	ctx := context.Background()
	a, b := pair(t, shared(t))
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i % 251)
	}
	sent := [][]byte{nil, {}, {0, 255}, big}
	for _, p := range sent {
		if _, err := a.Push(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	pulled, err := b.Pull(ctx)
	got := pulled.Blobs
	if err != nil || len(got) != len(sent) {
		t.Fatalf("Pull = %d blobs, %v", len(got), err)
	}
	for i := range sent {
		if !bytes.Equal(got[i].Payload, sent[i]) {
			t.Errorf("blob %d differs (%d bytes, want %d)", i, len(got[i].Payload), len(sent[i]))
		}
	}
}

// receive collects n payloads from a live subscription.
func receive(ctx context.Context, c *zeroksync.Client, n int) ([]string, error) {
	var got []string
	for blob, err := range c.Subscribe(ctx) {
		if err != nil {
			return got, err
		}
		got = append(got, string(blob.Payload))
		if len(got) == n {
			break
		}
	}
	return got, nil
}

func TestTwoClientsLiveWithRangeOverFunc(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	a, b := pair(t, shared(t))
	type result struct {
		got []string
		err error
	}
	toB, toA := make(chan result, 1), make(chan result, 1)
	go func() { got, err := receive(ctx, b, 3); toB <- result{got, err} }()
	go func() { got, err := receive(ctx, a, 2); toA <- result{got, err} }()
	time.Sleep(200 * time.Millisecond) // both streams open and idle: what follows arrives live
	for i := range 3 {
		if _, err := a.Push(ctx, fmt.Appendf(nil, "a%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		if _, err := b.Push(ctx, fmt.Appendf(nil, "b%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if r := <-toB; r.err != nil || !slices.Equal(r.got, []string{"a0", "a1", "a2"}) {
		t.Errorf("b received %v, %v", r.got, r.err)
	}
	if r := <-toA; r.err != nil || !slices.Equal(r.got, []string{"b0", "b1"}) {
		t.Errorf("a received %v, %v", r.got, r.err)
	}
}

func TestSubscriptionEndsWhenTheClientCloses(t *testing.T) {
	a, b := pair(t, shared(t))
	if _, err := a.Push(context.Background(), []byte("before")); err != nil {
		t.Fatal(err)
	}
	var got []string
	var last error
	for blob, err := range b.Subscribe(context.Background()) {
		if err != nil {
			last = err
			break
		}
		got = append(got, string(blob.Payload))
		b.Close() // the loop ends: the stream closes with the client
	}
	if !slices.Equal(got, []string{"before"}) || last != nil {
		t.Fatalf("got %v, last error %v", got, last)
	}
}

func Test200GoroutinesPushOnOneClient(t *testing.T) {
	ctx := context.Background()
	a, b := pair(t, shared(t))
	const n = 200
	cursors := make([]uint64, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ack, err := a.Push(ctx, fmt.Appendf(nil, "push %d", i))
			cursors[i] = ack.Cursor
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	pulled, err := b.Pull(ctx)
	if err != nil || len(pulled.Blobs) != n {
		t.Fatalf("Pull = %d blobs, %v", len(pulled.Blobs), err)
	}
	sorted := slices.Sorted(slices.Values(cursors))
	for i, blob := range pulled.Blobs {
		if blob.Cursor != sorted[i] {
			t.Fatalf("blob %d has cursor %d, want %d", i, blob.Cursor, sorted[i])
		}
		want := fmt.Sprintf("push %d", slices.Index(cursors, blob.Cursor))
		if string(blob.Payload) != want {
			t.Fatalf("cursor %d holds %q, want %q", blob.Cursor, blob.Payload, want)
		}
	}
}

func TestInviteRoundTrip(t *testing.T) {
	ctx := context.Background()
	r := shared(t)
	secret := newSecret()
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret}, true)
	invite, err := a.CreateInvite(10 * time.Minute)
	if err != nil || !slices.Equal(invite.RelayAddresses, []string{r.addr}) || !bytes.Equal(invite.SecretBytes, secret) {
		t.Fatalf("CreateInvite = %+v, %v", invite, err)
	}
	if d := time.Until(invite.ExpiresAt); d < 9*time.Minute || d > 11*time.Minute {
		t.Errorf("expires in %v", d)
	}
	qr, err := zeroksync.InviteToQR(invite)
	if err != nil || qr[:4] != "0k1." {
		t.Fatalf("InviteToQR = %q, %v", qr, err)
	}
	parsed, err := zeroksync.InviteFromQR(qr)
	if err != nil || !parsed.ExpiresAt.Equal(invite.ExpiresAt) || !bytes.Equal(parsed.SecretBytes, secret) {
		t.Fatalf("InviteFromQR = %+v, %v", parsed, err)
	}
	cfg := parsed.Config()
	cfg.DeviceName = "c"
	c := client(t, cfg, true)
	if c.GroupID() != a.GroupID() {
		t.Fatal("the invite joined another group")
	}
	if _, err := a.Push(ctx, []byte("welcome")); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Pull(ctx); err != nil || !slices.Equal(payloads(got.Blobs), []string{"welcome"}) {
		t.Errorf("c pulled %v, %v", payloads(got.Blobs), err)
	}
}

func TestPassphraseGroup(t *testing.T) {
	ctx := context.Background()
	r := shared(t)
	fast := &zeroksync.KdfParams{MemoryKiB: 19456, Iterations: 2, Parallelism: 1}
	derived, err := zeroksync.DeriveSecret(ctx, "correct horse", nil, fast)
	if err != nil || len(derived.Salt) != 16 || derived.KDF != *fast {
		t.Fatalf("DeriveSecret = %+v, %v", derived, err)
	}
	byPassphrase := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, Passphrase: "correct horse", Salt: derived.Salt, KDF: fast}, true)
	bySecret := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: derived.Secret}, true)
	if byPassphrase.GroupID() != bySecret.GroupID() {
		t.Fatal("passphrase and derived secret give different groups")
	}
	invite, err := byPassphrase.CreateInvite(time.Minute)
	if err != nil || !bytes.Equal(invite.Salt, derived.Salt) || invite.KDF == nil || *invite.KDF != *fast {
		t.Fatalf("invite %+v, %v", invite, err)
	}
}

func TestStatePathKeepsTheCursor(t *testing.T) {
	ctx := context.Background()
	r := shared(t)
	secret := newSecret()
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret}, true)
	ack, err := a.Push(ctx, []byte("seen once"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: secret, StatePath: filepath.Join(t.TempDir(), "device.json")}
	first := client(t, cfg, true)
	if got, err := first.Pull(ctx); err != nil || !slices.Equal(payloads(got.Blobs), []string{"seen once"}) {
		t.Fatalf("first Pull = %v, %v", payloads(got.Blobs), err)
	}
	first.Close()
	again := client(t, cfg, true)
	if again.CurrentCursor() != ack.Cursor {
		t.Fatalf("cursor %d, want %d", again.CurrentCursor(), ack.Cursor)
	}
}

func TestConfigStringHidesSecrets(t *testing.T) {
	cfg := zeroksync.Config{RelayAddresses: []string{"x@127.0.0.1:1"}, Passphrase: "hunter2", SecretBytes: []byte("s3cr3t")}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)} {
		if regexp.MustCompile(`hunter2|s3cr3t|115, 51`).MatchString(s) {
			t.Errorf("secret in %q", s)
		}
	}
}
