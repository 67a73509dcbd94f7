/** The contract's free functions: key derivation, invites as strings, versions. */
import * as generated from "../generated/zerok_sync.js";

import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./errors.js";
import { ensureLoaded } from "./library.js";
import {
  liftDerivedSecret,
  liftInvite,
  liftVersion,
  lowerInvite,
  lowerKdf,
  type DerivedSecret,
  type Invite,
  type KdfParams,
  type VersionInfo,
} from "./records.js";

/** Options of `deriveSecret()`. */
export interface DeriveOptions extends CallOptions {
  /** The group's salt (16 bytes or more); a fresh one is drawn without it. */
  readonly salt?: Uint8Array | undefined;
  /** Argon2id parameters; the library's defaults without them. */
  readonly kdf?: KdfParams | undefined;
}

/**
 * Argon2id of `passphrase` on a Rust thread (never the event loop). Returns the secret with
 * the salt and parameters that reproduce it: store them, every device needs them.
 */
export async function deriveSecret(
  passphrase: string,
  options: DeriveOptions = {},
): Promise<DerivedSecret> {
  ensureLoaded();
  options.signal?.throwIfAborted();
  const { salt, kdf } = options;
  const derived = translatedAsync(() =>
    generated.derive_secret(passphrase, salt, lowerKdf(kdf)),
  );
  return liftDerivedSecret(await abortable(derived, options.signal));
}

/** The invite as a compact, URL-safe string (what a QR code shows). */
export function inviteToQr(invite: Invite): string {
  ensureLoaded();
  return translated(() => generated.invite_to_qr(lowerInvite(invite)));
}

/**
 * Parses an invite string; throws InviteExpiredError, InvalidInviteError or
 * UnsupportedInviteVersionError.
 */
export function inviteFromQr(qr: string): Invite {
  ensureLoaded();
  return liftInvite(translated(() => generated.invite_from_qr(qr)));
}

/** Core, wire protocol and FFI versions of the loaded library. */
export function version(): VersionInfo {
  ensureLoaded();
  return liftVersion(generated.version());
}
