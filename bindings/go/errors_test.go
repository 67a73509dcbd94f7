package zeroksync_test

// Every error variant the public API can provoke, provoked against real relays. Not
// provokable through the API, so covered by TestCodesMatchTheLibrary only: Unauthorized,
// VersionMismatch, Protocol, Transport, Relay, Timeout and Internal (see the Python suite's
// test_errors.py for why).

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// expect checks errors.Is for code and that errors.As gives a *zeroksync.Error of it.
func expect(t *testing.T, err error, code zeroksync.Code) *zeroksync.Error {
	t.Helper()
	var e *zeroksync.Error
	if !errors.Is(err, code) || !errors.As(err, &e) || e.Code != code {
		t.Fatalf("got %#v (%v), want %s", err, err, code)
	}
	return e
}

func TestNotConnected(t *testing.T) {
	ctx := context.Background()
	c := client(t, zeroksync.Config{RelayAddresses: []string{shared(t).addr}, SecretBytes: newSecret()}, false)
	if _, ok := c.ActiveRelay(); c.IsConnected() || ok {
		t.Fatal("connected before Connect")
	}
	_, err := c.Push(ctx, []byte("x"))
	expect(t, err, zeroksync.ErrNotConnected)
	_, err = c.Pull(ctx)
	expect(t, err, zeroksync.ErrNotConnected)
	for _, err := range c.Subscribe(ctx) {
		expect(t, err, zeroksync.ErrNotConnected)
	}
	if err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = c.PullAfter(ctx, 0)
	if e := expect(t, err, zeroksync.ErrNotConnected); !strings.Contains(e.Message, "connect()") {
		t.Errorf("message %q", e.Message)
	}
}

func TestDeadRelay(t *testing.T) {
	dead := startRelay(t)
	dead.kill()
	c := client(t, zeroksync.Config{RelayAddresses: []string{dead.addr}, SecretBytes: newSecret()}, false)
	if e := expect(t, c.Connect(context.Background()), zeroksync.ErrConnectionFailed); !strings.Contains(e.Message, dead.addr) {
		t.Errorf("message %q", e.Message)
	}
}

func TestAllRelaysFailed(t *testing.T) {
	host := strings.Split(shared(t).addr, "@")[1]
	wrong := []string{strings.Repeat("0", 64) + "@" + host, strings.Repeat("1", 64) + "@" + host}
	_, err := zeroksync.Connect(context.Background(), zeroksync.Config{RelayAddresses: wrong, SecretBytes: newSecret()})
	if e := expect(t, err, zeroksync.ErrAllRelaysFailed); !strings.Contains(e.Message, "all 2 relays failed") {
		t.Errorf("message %q", e.Message)
	}
}

func TestPayloadTooLarge(t *testing.T) {
	a, _ := pair(t, startRelay(t, "--max-blob-bytes", "4096"))
	_, err := a.Push(context.Background(), make([]byte, 5000))
	if e := expect(t, err, zeroksync.ErrPayloadTooLarge); !strings.Contains(e.Message, "5000 bytes") {
		t.Errorf("message %q", e.Message)
	}
	if _, err := a.Push(context.Background(), make([]byte, 1000)); err != nil {
		t.Errorf("the client did not go on: %v", err)
	}
}

func TestQuotaExceeded(t *testing.T) {
	a, _ := pair(t, startRelay(t, "--quota-bytes", "20000"))
	var err error
	for i := 0; i < 20 && err == nil; i++ {
		_, err = a.Push(context.Background(), make([]byte, 3000))
	}
	expect(t, err, zeroksync.ErrQuotaExceeded)
}

func TestRateLimited(t *testing.T) {
	a, _ := pair(t, startRelay(t, "--rate-per-sec", "3"))
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := a.Push(context.Background(), fmt.Appendf(nil, "%d", i))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	limited := 0
	for err := range errs {
		if err != nil {
			if e := expect(t, err, zeroksync.ErrRateLimited); !strings.Contains(e.Message, "retry after") {
				t.Errorf("message %q", e.Message)
			}
			limited++
		}
	}
	if limited == 0 {
		t.Error("no push was rate limited")
	}
}

func TestInviteExpiredAndCorrupt(t *testing.T) {
	c := client(t, zeroksync.Config{RelayAddresses: []string{shared(t).addr}, SecretBytes: newSecret()}, false)
	invite, err := c.CreateInvite(time.Second)
	if err != nil {
		t.Fatal(err)
	}
	qr, err := zeroksync.InviteToQR(invite)
	if err != nil {
		t.Fatal(err)
	}
	swap := "A"
	if qr[10] == 'A' {
		swap = "B"
	}
	_, err = zeroksync.InviteFromQR(qr[:10] + swap + qr[11:])
	expect(t, err, zeroksync.ErrInvalidInvite)
	_, err = zeroksync.InviteFromQR(qr[:len(qr)-4])
	expect(t, err, zeroksync.ErrInvalidInvite)
	time.Sleep(time.Until(invite.ExpiresAt) + 100*time.Millisecond)
	_, err = zeroksync.InviteFromQR(qr)
	if e := expect(t, err, zeroksync.ErrInviteExpired); !strings.Contains(e.Message, fmt.Sprint(invite.ExpiresAt.Unix())) {
		t.Errorf("message %q", e.Message)
	}
}

func TestTamperedBlob(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := shared(t)
	a, b := pair(t, r)
	var acks []zeroksync.PushResult
	for _, p := range []string{"one", "two", "three"} {
		ack, err := a.Push(ctx, []byte(p))
		if err != nil {
			t.Fatal(err)
		}
		acks = append(acks, ack)
	}
	tamper(t, r, a.GroupID(), acks[1].Cursor)

	// The subscription reports it and goes on.
	var seen []string
	for blob, err := range b.Subscribe(ctx) {
		if err != nil {
			if e := expect(t, err, zeroksync.ErrTampered); !strings.Contains(e.Message, acks[1].BlobID) {
				t.Errorf("message %q", e.Message)
			}
			seen = append(seen, "tampered")
			continue
		}
		seen = append(seen, string(blob.Payload))
		if len(seen) == 3 {
			break
		}
	}
	if strings.Join(seen, ",") != "one,tampered,three" {
		t.Fatalf("saw %v", seen)
	}

	// Pull: the good blobs before it now, the error next time, then the rest.
	invite, _ := a.CreateInvite(time.Minute)
	c := client(t, invite.Config(), true)
	got, err := c.Pull(ctx)
	if err != nil || strings.Join(payloads(got), ",") != "one" {
		t.Fatalf("first Pull = %v, %v", payloads(got), err)
	}
	_, err = c.Pull(ctx)
	expect(t, err, zeroksync.ErrTampered)
	if got, err := c.Pull(ctx); err != nil || strings.Join(payloads(got), ",") != "three" {
		t.Fatalf("third Pull = %v, %v", payloads(got), err)
	}
}

func TestInvalidConfig(t *testing.T) {
	addr := shared(t).addr
	for name, cfg := range map[string]zeroksync.Config{
		"no secret":               {RelayAddresses: []string{addr}},
		"short secret":            {RelayAddresses: []string{addr}, SecretBytes: make([]byte, 31)},
		"passphrase without salt": {RelayAddresses: []string{addr}, Passphrase: "pw"},
		"short salt":              {RelayAddresses: []string{addr}, Passphrase: "pw", Salt: make([]byte, 15)},
		"passphrase and secret":   {RelayAddresses: []string{addr}, Passphrase: "pw", SecretBytes: newSecret()},
		"ttl under a second":      {RelayAddresses: []string{addr}, SecretBytes: newSecret(), TTL: time.Millisecond},
		"long device name":        {RelayAddresses: []string{addr}, SecretBytes: newSecret(), DeviceName: strings.Repeat("d", 257)},
		"no relay":                {SecretBytes: newSecret()},
		"bad relay address":       {RelayAddresses: []string{"not an address"}, SecretBytes: newSecret()},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := zeroksync.Create(context.Background(), cfg)
			if c != nil {
				t.Fatal("a client came back with the error")
			}
			expect(t, err, zeroksync.ErrInvalidConfig)
		})
	}
}

func TestCorruptStateFile(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(state, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := zeroksync.Create(context.Background(), zeroksync.Config{RelayAddresses: []string{shared(t).addr}, SecretBytes: newSecret(), StatePath: state})
	if e := expect(t, err, zeroksync.ErrState); !strings.Contains(e.Message, state) {
		t.Errorf("message %q", e.Message)
	}
}

func TestUnknownCursor(t *testing.T) {
	a, _ := pair(t, shared(t))
	_, err := a.PullAfter(context.Background(), 1_000_000)
	if e := expect(t, err, zeroksync.ErrUnknownCursor); !strings.Contains(e.Message, "1000000") {
		t.Errorf("message %q", e.Message)
	}
	if got, err := a.Pull(context.Background()); err != nil || len(got) != 0 {
		t.Errorf("the client did not go on: %v, %v", got, err)
	}
}

func TestCallsAfterShutdownAndClose(t *testing.T) {
	ctx := context.Background()
	a, _ := pair(t, shared(t))
	if err := a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown is not idempotent: %v", err)
	}
	_, err := a.Push(ctx, []byte("x"))
	expect(t, err, zeroksync.ErrShutdown)
	a.Close()
	a.Close() // idempotent
	if a.IsConnected() || a.CurrentCursor() != 0 {
		t.Error("a closed client reports a session")
	}
	expect(t, a.Connect(ctx), zeroksync.ErrShutdown)
	_, err = a.Pull(ctx)
	expect(t, err, zeroksync.ErrShutdown)
	for _, err := range a.Subscribe(ctx) {
		expect(t, err, zeroksync.ErrShutdown)
	}
	if _, err := a.CreateInvite(time.Minute); err == nil {
		t.Error("CreateInvite after Close worked")
	}
}
