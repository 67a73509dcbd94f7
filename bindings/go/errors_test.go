package zeroksync_test

// Every error variant the public API can provoke, provoked against real relays. Not
// provokable through the API, so covered by TestCodesMatchTheLibrary only: Unauthorized,
// VersionMismatch, Protocol, Transport, Relay and Internal (see tests/conformance/README.md,
// "What is not covered").

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// A relay's rate limit is waited out within the request timeout; only a limit that outlasts
// it reaches the app.
func TestRateLimited(t *testing.T) {
	r := startRelay(t, "--rate-per-sec", "3")
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret(), RequestTimeout: 300 * time.Millisecond}, true)
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

// Enqueue fails at once, never later in the background.
func TestEnqueueErrors(t *testing.T) {
	r := startRelay(t, "--max-blob-bytes", "4096")
	c := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret(), OutboxMaxBytes: 10_000}, true)
	ctx := context.Background()
	_, err := c.Enqueue(ctx, make([]byte, 5000))
	if e := expect(t, err, zeroksync.ErrPayloadTooLarge); !strings.Contains(e.Message, "5000 bytes") {
		t.Errorf("message %q", e.Message)
	}
	if err := c.Disconnect(ctx); err != nil { // nothing leaves the outbox now
		t.Fatal(err)
	}
	enqueued := 0
	for err = nil; err == nil; enqueued++ {
		_, err = c.Enqueue(ctx, make([]byte, 3000))
	}
	if e := expect(t, err, zeroksync.ErrOutboxFull); !strings.Contains(e.Message, "of 10000 bytes") {
		t.Errorf("message %q", e.Message)
	}
	if p := c.Pending(); p.Count != 3 || int(p.Count) != enqueued-1 || p.Bytes > 10_000 || len(p.BlobIDs) != 3 {
		t.Errorf("pending %+v after %d enqueues", p, enqueued)
	}
	expect(t, c.Flush(ctx, time.Second), zeroksync.ErrNotConnected)
}

func TestTimeoutOfFlush(t *testing.T) {
	r := startRelay(t)
	c := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	r.kill()
	ctx := context.Background()
	if _, err := c.Enqueue(ctx, []byte("waiting")); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if e := expect(t, c.Flush(ctx, 300*time.Millisecond), zeroksync.ErrTimeout); time.Since(started) > 5*time.Second {
		t.Errorf("Flush returned after %v (%s)", time.Since(started), e.Message)
	}
	if p := c.Pending(); p.Count != 1 {
		t.Errorf("pending %+v", p)
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

	// Pull and PullAfter: the good blobs, the tampered one reported beside them.
	invite, _ := a.CreateInvite(time.Minute)
	c := client(t, invite.Config(), true)
	want := []zeroksync.TamperedBlob{{BlobID: acks[1].BlobID, Cursor: acks[1].Cursor}}
	for _, pull := range []func() (zeroksync.PullResult, error){
		func() (zeroksync.PullResult, error) { return c.Pull(ctx) },
		func() (zeroksync.PullResult, error) { return c.PullAfter(ctx, 0) },
	} {
		got, err := pull()
		if err != nil || strings.Join(payloads(got.Blobs), ",") != "one,three" || !slices.Equal(got.Tampered, want) {
			t.Fatalf("pulled %v, tampered %v, %v", payloads(got.Blobs), got.Tampered, err)
		}
	}
	if got, err := c.Pull(ctx); err != nil || len(got.Blobs) != 0 || len(got.Tampered) != 0 {
		t.Fatalf("Pull after all = %+v, %v", got, err)
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
	if got, err := a.Pull(context.Background()); err != nil || len(got.Blobs) != 0 {
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
	_, err = a.Enqueue(ctx, []byte("x"))
	expect(t, err, zeroksync.ErrShutdown)
	expect(t, a.Flush(ctx, 0), zeroksync.ErrShutdown)
	_, err = a.PushFile(ctx, "file.bin")
	expect(t, err, zeroksync.ErrShutdown)
	_, err = a.PushStream(ctx, 1, "")
	expect(t, err, zeroksync.ErrShutdown)
	if p := a.Pending(); p.Count != 0 || p.BlobIDs != nil {
		t.Errorf("a closed client has pending %+v", p)
	}
	for _, err := range a.Subscribe(ctx) {
		expect(t, err, zeroksync.ErrShutdown)
	}
	if _, err := a.CreateInvite(time.Minute); err == nil {
		t.Error("CreateInvite after Close worked")
	}
}

// A malformed code fails on the typing device before any traffic: the relay named here is
// dead, and the error is still InvalidPairingCode.
func TestInvalidPairingCode(t *testing.T) {
	dead := startRelay(t)
	dead.kill()
	for code, says := range map[string]string{
		"0000-0000-0000-0001": "check character", // one symbol off: the check catches it
		"ABCD-EFGH":           "16 characters",
		"UUUU-UUUU-UUUU-UUUU": "'U'",
	} {
		_, err := zeroksync.JoinWithCode(context.Background(), code, []string{dead.addr})
		if e := expect(t, err, zeroksync.ErrInvalidPairingCode); !strings.Contains(e.Message, says) {
			t.Errorf("%s: message %q", code, e.Message)
		}
	}
}

// A cancelled code: its waiters and the device that types it get PairingFailed.
func TestPairingFailedAfterCancel(t *testing.T) {
	r := startRelay(t) // its own: pairing joins are rate-limited per address
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	ctx := context.Background()
	pairing, err := a.CreatePairingCode(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pairing.Close()
	pairing.Cancel()
	pairing.Cancel() // idempotent
	_, err = pairing.Wait(ctx)
	if e := expect(t, err, zeroksync.ErrPairingFailed); !strings.Contains(e.Message, "cancelled") {
		t.Errorf("message %q", e.Message)
	}
	_, err = zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr})
	expect(t, err, zeroksync.ErrPairingFailed)
}

// A code typed wrong (well-formed, so it reaches the mailbox) burns it: both sides fail.
func TestPairingFailedOnAWrongCode(t *testing.T) {
	r := startRelay(t)
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	ctx := context.Background()
	pairing, err := a.CreatePairingCode(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pairing.Close()
	waited := make(chan error, 1)
	go func() {
		_, err := pairing.Wait(ctx)
		waited <- err
	}()
	// The same mailbox, another password symbol, and the one check symbol that makes it
	// well-formed again (found by the library: every other one is InvalidPairingCode).
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	code := []byte(pairing.Code())
	code[5] = alphabet[(strings.IndexByte(alphabet, code[5])+1)%32]
	for _, check := range []byte(alphabet) {
		code[len(code)-1] = check
		_, err = zeroksync.JoinWithCode(ctx, string(code), []string{r.addr})
		if !errors.Is(err, zeroksync.ErrInvalidPairingCode) {
			break
		}
	}
	expect(t, err, zeroksync.ErrPairingFailed)
	if e := expect(t, <-waited, zeroksync.ErrPairingFailed); !strings.Contains(e.Message, "wrong code") {
		t.Errorf("message %q", e.Message)
	}
	_, err = zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr}) // the right one, too late
	expect(t, err, zeroksync.ErrPairingFailed)
}

// A code nobody typed in its lifetime: PairingExpired on both sides.
func TestPairingExpired(t *testing.T) {
	r := startRelay(t)
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	ctx := context.Background()
	pairing, err := a.CreatePairingCode(ctx, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer pairing.Close()
	if until := time.Until(pairing.ExpiresAt()); until > 2*time.Second {
		t.Errorf("a 1-second code expires in %v", until)
	}
	_, err = pairing.Wait(ctx)
	if e := expect(t, err, zeroksync.ErrPairingExpired); !strings.Contains(e.Message, "expired") {
		t.Errorf("message %q", e.Message)
	}
	_, err = zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr})
	expect(t, err, zeroksync.ErrPairingExpired)
}

func TestCreatePairingCodeErrors(t *testing.T) {
	ctx := context.Background()
	c := client(t, zeroksync.Config{RelayAddresses: []string{shared(t).addr}, SecretBytes: newSecret()}, false)
	_, err := c.CreatePairingCode(ctx, 0)
	expect(t, err, zeroksync.ErrNotConnected)
	if err := c.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreatePairingCode(ctx, 500*time.Millisecond)
	expect(t, err, zeroksync.ErrInvalidConfig)
	c.Close()
	_, err = c.CreatePairingCode(ctx, 0)
	expect(t, err, zeroksync.ErrShutdown)
}

// outcome is the error of a transfer: at its start, or else at its end.
func outcome(tr *zeroksync.Transfer, err error) error {
	if err == nil {
		_, err = tr.Wait(context.Background())
	}
	return err
}

// Io: a file that is not there, a destination that cannot be written, a stream shorter than
// its size.
func TestIo(t *testing.T) {
	ctx := context.Background()
	a, b := pair(t, shared(t))
	missing := filepath.Join(t.TempDir(), "missing.bin")
	if e := expect(t, outcome(a.PushFile(ctx, missing)), zeroksync.ErrIo); !strings.Contains(e.Message, "missing.bin") {
		t.Errorf("message %q", e.Message)
	}
	_, err := a.EnqueueFile(ctx, missing)
	expect(t, err, zeroksync.ErrIo)
	_, err = a.PushReader(ctx, strings.NewReader("short"), 10, "short.txt")
	expect(t, err, zeroksync.ErrIo)

	pushed, err := a.PushReader(ctx, strings.NewReader("note"), 4, "note.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.PullAfter(ctx, pushed.Cursor-1)
	if err != nil || len(got.Blobs) != 1 || got.Blobs[0].Object == nil {
		t.Fatalf("PullAfter = %+v, %v", got, err)
	}
	nowhere := filepath.Join(missing, "copy.txt") // in a directory that is not there
	expect(t, outcome(b.Download(ctx, *got.Blobs[0].Object, nowhere)), zeroksync.ErrIo)
}

// Cancelled: Transfer.Cancel, with no ctx involved.
func TestCancelled(t *testing.T) {
	ctx := context.Background()
	a, b := pair(t, shared(t))
	path := filepath.Join(t.TempDir(), "big.bin")
	if err := os.WriteFile(path, fileData(32<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	tr, err := a.PushFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tr.Cancel()
	tr.Cancel() // idempotent
	_, err = tr.Wait(ctx)
	if expect(t, err, zeroksync.ErrCancelled); errors.Is(err, context.Canceled) {
		t.Errorf("a Cancel is not ctx's: %v", err)
	}
	if got, err := b.Pull(ctx); err != nil || len(got.Blobs) != 0 {
		t.Fatalf("Pull = %+v, %v", got, err)
	}
}

// ObjectUnavailable: an object no relay holds.
func TestObjectUnavailable(t *testing.T) {
	a, _ := pair(t, shared(t))
	obj := zeroksync.RemoteObject{ID: strings.Repeat("ab", 16), Size: 2 << 20, BLAKE3: strings.Repeat("0", 64),
		ChunkSize: 1 << 20, ChunkCount: 2}
	tr, err := a.Download(context.Background(), obj, filepath.Join(t.TempDir(), "none.bin"))
	if e := expect(t, outcome(tr, err), zeroksync.ErrObjectUnavailable); !strings.Contains(e.Message, obj.ID) {
		t.Errorf("message %q", e.Message)
	}
}
