package zeroksync_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// The known-answer vectors every language checks (tests/vectors/).

type params struct {
	MemoryKiB   uint32 `json:"memory_kib"`
	Iterations  uint32 `json:"iterations"`
	Parallelism uint32 `json:"parallelism"`
}

func (p params) kdf() zeroksync.KdfParams {
	return zeroksync.KdfParams{MemoryKiB: p.MemoryKiB, Iterations: p.Iterations, Parallelism: p.Parallelism}
}

func loadVectors(t *testing.T, name string, into any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, "tests", "vectors", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatal(err)
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestKdfVectors(t *testing.T) {
	var file struct {
		Cases []struct {
			Description string `json:"description"`
			Passphrase  string `json:"passphrase"`
			UTF8Hex     string `json:"passphrase_utf8_hex"`
			Salt        string `json:"salt"`
			Params      params `json:"params"`
			Secret      string `json:"secret"`
		} `json:"cases"`
	}
	loadVectors(t, "kdf", &file)
	for _, c := range file.Cases {
		t.Run(c.Description, func(t *testing.T) {
			if hex.EncodeToString([]byte(c.Passphrase)) != c.UTF8Hex {
				t.Fatal("the passphrase is not the vector's UTF-8")
			}
			kdf := c.Params.kdf()
			derived, err := zeroksync.DeriveSecret(context.Background(), c.Passphrase, unhex(t, c.Salt), &kdf)
			if err != nil || hex.EncodeToString(derived.Secret) != c.Secret || hex.EncodeToString(derived.Salt) != c.Salt || derived.KDF != kdf {
				t.Fatalf("DeriveSecret = %x, %v", derived.Secret, err)
			}
		})
	}
}

func TestInviteVectors(t *testing.T) {
	type expected struct {
		Relays []struct {
			Text string `json:"text"`
		} `json:"relays"`
		Secret string `json:"secret"`
		KDF    *struct {
			Salt   string `json:"salt"`
			Params params `json:"params"`
		} `json:"kdf"`
		ExpiresAt int64 `json:"expires_at"`
	}
	var file struct {
		Cases []struct {
			Description   string    `json:"description"`
			Invite        string    `json:"invite"`
			ExpectedError *string   `json:"expected_error"`
			Expected      *expected `json:"expected"`
		} `json:"cases"`
	}
	loadVectors(t, "invites", &file)
	invite := func(e *expected, expiresAt int64) zeroksync.Invite {
		inv := zeroksync.Invite{SecretBytes: unhex(t, e.Secret), ExpiresAt: time.Unix(expiresAt, 0)}
		for _, r := range e.Relays {
			inv.RelayAddresses = append(inv.RelayAddresses, r.Text)
		}
		if e.KDF != nil {
			kdf := e.KDF.Params.kdf()
			inv.Salt, inv.KDF = unhex(t, e.KDF.Salt), &kdf
		}
		return inv
	}
	same := func(a, b zeroksync.Invite) bool {
		return slices.Equal(a.RelayAddresses, b.RelayAddresses) && bytes.Equal(a.SecretBytes, b.SecretBytes) &&
			bytes.Equal(a.Salt, b.Salt) && (a.KDF == nil) == (b.KDF == nil) && (a.KDF == nil || *a.KDF == *b.KDF) &&
			a.ExpiresAt.Equal(b.ExpiresAt)
	}
	codes := map[string]zeroksync.Code{
		"InviteExpired": zeroksync.ErrInviteExpired, "InvalidInvite": zeroksync.ErrInvalidInvite,
		"UnsupportedInviteVersion": zeroksync.ErrUnsupportedInviteVersion,
	}
	for _, c := range file.Cases {
		t.Run(c.Description, func(t *testing.T) {
			if c.ExpectedError != nil {
				// Fails the same way now as at its `now`: corruption and version are checked
				// before expiry, and the expired ones are even more expired today.
				if _, err := zeroksync.InviteFromQR(c.Invite); !errors.Is(err, codes[*c.ExpectedError]) {
					t.Fatalf("InviteFromQR = %v, want %s", err, *c.ExpectedError)
				}
				return
			}
			// InviteFromQR checks expiry against the real clock (no `now`): a vector valid in
			// 2025 is expired today. Encoding the expected values must give the vector's
			// string, and the same invite with a future expiry must decode to them.
			e := c.Expected
			if time.Now().Unix() >= e.ExpiresAt {
				if _, err := zeroksync.InviteFromQR(c.Invite); !errors.Is(err, zeroksync.ErrInviteExpired) {
					t.Fatalf("InviteFromQR = %v", err)
				}
			}
			if qr, err := zeroksync.InviteToQR(invite(e, e.ExpiresAt)); err != nil || qr != strings.TrimSpace(c.Invite) {
				t.Fatalf("InviteToQR = %q, %v", qr, err)
			}
			future := time.Now().Add(time.Hour).Unix()
			qr, _ := zeroksync.InviteToQR(invite(e, future))
			if got, err := zeroksync.InviteFromQR(qr); err != nil || !same(got, invite(e, future)) {
				t.Fatalf("round trip = %+v, %v", got, err)
			}
		})
	}
}
