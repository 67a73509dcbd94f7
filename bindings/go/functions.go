package zeroksync

import (
	"context"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// DeriveSecret runs Argon2id(passphrase, salt, kdf) on a Rust thread. A nil salt draws a
// fresh one; a nil kdf uses the defaults. Store the returned salt and parameters: every
// device of the group needs them (invites carry them).
func DeriveSecret(ctx context.Context, passphrase string, salt []byte, kdf *KdfParams) (DerivedSecret, error) {
	derived, err := native.DeriveSecret(ctx, passphrase, optionalBytes(salt), lowerKdf(kdf))
	if err != nil {
		return DerivedSecret{}, wrap(err)
	}
	return DerivedSecret{Secret: derived.Secret, Salt: derived.Salt, KDF: liftKdf(derived.Kdf)}, nil
}

// InviteToQR encodes the invite as a compact, URL-safe string (what a QR code shows).
func InviteToQR(invite Invite) (string, error) {
	qr, err := native.InviteToQR(lowerInvite(invite))
	return qr, wrap(err)
}

// InviteFromQR parses an invite string; it fails with ErrInviteExpired, ErrInvalidInvite
// or ErrUnsupportedInviteVersion.
func InviteFromQR(qr string) (Invite, error) {
	invite, err := native.InviteFromQR(qr)
	if err != nil {
		return Invite{}, wrap(err)
	}
	return liftInvite(invite), nil
}

// Version reports the versions of the loaded library.
func Version() VersionInfo {
	v := native.Version()
	return VersionInfo{Core: v.Core, Wire: v.Wire, FFI: v.Ffi}
}
