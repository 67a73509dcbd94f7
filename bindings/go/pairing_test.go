package zeroksync_test

import (
	"context"
	"errors"
	"regexp"
	"sync"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// One device shows a code, another types it, joins the group and pulls what the first
// pushed; both show the same verifier. Several goroutines wait on the one handle, before and
// after the pairing finished, and all get that verifier.
func TestPairingByCode(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r := shared(t)
	phone := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret(), DeviceName: "phone"}, true)
	ack, err := phone.Push(ctx, []byte("before pairing"))
	if err != nil {
		t.Fatal(err)
	}

	pairing, err := phone.CreatePairingCode(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pairing.Close()
	if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$`).MatchString(pairing.Code()) {
		t.Fatalf("code %q", pairing.Code())
	}
	// The default lifetime, 10 minutes, on the relay's clock (this machine's).
	if until := time.Until(pairing.ExpiresAt()); until < 9*time.Minute || until > 11*time.Minute {
		t.Errorf("the code expires in %v", until)
	}

	const waiters = 8
	verifiers := make(chan string, waiters)
	var wg sync.WaitGroup
	for range waiters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			verifier, err := pairing.Wait(ctx)
			if err != nil {
				t.Error(err)
			}
			verifiers <- verifier
		}()
	}

	joined, err := zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d{3} \d{3}$`).MatchString(joined.Verifier) {
		t.Fatalf("verifier %q", joined.Verifier)
	}
	wg.Wait()
	close(verifiers)
	for verifier := range verifiers {
		if verifier != joined.Verifier {
			t.Errorf("a waiter got %q, the typing device %q", verifier, joined.Verifier)
		}
	}
	if again, err := pairing.Wait(ctx); err != nil || again != joined.Verifier {
		t.Errorf("Wait after the pairing: %q, %v", again, err)
	}
	if len(joined.Invite.RelayAddresses) != 1 || joined.Invite.RelayAddresses[0] != r.addr || joined.Invite.Salt != nil {
		t.Errorf("invite %+v", joined.Invite)
	}

	cfg := joined.Invite.Config()
	cfg.DeviceName = "laptop"
	laptop := client(t, cfg, true)
	if laptop.GroupID() != phone.GroupID() {
		t.Fatalf("joined group %s, shown by %s", laptop.GroupID(), phone.GroupID())
	}
	got, err := laptop.Pull(ctx)
	if err != nil || len(got.Blobs) != 1 || string(got.Blobs[0].Payload) != "before pairing" || got.Blobs[0].ID != ack.BlobID {
		t.Fatalf("Pull = %v, %v", payloads(got.Blobs), err)
	}

	// A code works once.
	_, err = zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr})
	expect(t, err, zeroksync.ErrPairingFailed)
	pairing.Cancel() // after the pairing: its outcome stands
	if again, err := pairing.Wait(ctx); err != nil || again != joined.Verifier {
		t.Errorf("Wait after Cancel after the pairing: %q, %v", again, err)
	}
	pairing.Close()
	if pairing.Code() == "" || pairing.ExpiresAt().IsZero() {
		t.Error("a closed pairing forgot its code")
	}
	pairing.Cancel() // nothing left to end: a no-op
}

// ctx bounds a Wait, not the pairing: the code still works after a Wait gave up.
func TestWaitStopsWithItsContextAndThePairingGoesOn(t *testing.T) {
	r := shared(t)
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	pairing, err := a.CreatePairingCode(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pairing.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := pairing.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v", err)
	}
	joined, err := zeroksync.JoinWithCode(context.Background(), pairing.Code(), []string{r.addr})
	if err != nil {
		t.Fatal(err)
	}
	if verifier, err := pairing.Wait(context.Background()); err != nil || verifier != joined.Verifier {
		t.Fatalf("Wait = %q, %v; joined with %q", verifier, err, joined.Verifier)
	}
}

// Close ends an unfinished pairing: a Wait in progress returns PairingFailed (or Shutdown if
// it had not reached the library yet: about half the time, so five rounds), later Waits fail
// with Shutdown, and the code no longer works. Without the cancel in Close, a Wait in
// progress would keep the pairing alive until ctx ends it.
func TestCloseCancelsThePairing(t *testing.T) {
	r := startRelay(t)
	a := client(t, zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 5 {
		pairing, err := a.CreatePairingCode(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() {
			_, err := pairing.Wait(ctx)
			waited <- err
		}()
		var wg sync.WaitGroup
		for range 4 { // concurrent Closes
			wg.Add(1)
			go func() { defer wg.Done(); pairing.Close() }()
		}
		wg.Wait()
		if err := <-waited; !errors.Is(err, zeroksync.ErrPairingFailed) && !errors.Is(err, zeroksync.ErrShutdown) {
			t.Fatalf("the Wait in progress ended with %v", err)
		}
		_, err = pairing.Wait(ctx)
		if e := expect(t, err, zeroksync.ErrShutdown); e.Message != "the pairing is closed" {
			t.Errorf("message %q", e.Message)
		}
		_, err = zeroksync.JoinWithCode(ctx, pairing.Code(), []string{r.addr})
		expect(t, err, zeroksync.ErrPairingFailed)
	}
}

// Cancel and Close from many goroutines at once, with Waits in progress: every Wait ends,
// nothing panics (Cancel after Close has nothing left to end).
func TestConcurrentCancelAndClose(t *testing.T) {
	a := client(t, zeroksync.Config{RelayAddresses: []string{shared(t).addr}, SecretBytes: newSecret()}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pairing, err := a.CreatePairingCode(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(3)
		go func() {
			defer wg.Done()
			if _, err := pairing.Wait(ctx); !errors.Is(err, zeroksync.ErrPairingFailed) && !errors.Is(err, zeroksync.ErrShutdown) {
				t.Errorf("Wait ended with %v", err)
			}
		}()
		go func() { defer wg.Done(); pairing.Cancel() }()
		go func() { defer wg.Done(); pairing.Close() }()
	}
	wg.Wait()
}
