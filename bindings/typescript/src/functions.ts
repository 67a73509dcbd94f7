/**
 * The contract's free functions: key derivation, invites as strings, joining by a pairing
 * code, versions.
 */
import * as generated from "../generated/zerok_sync.js";

import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./translate.js";
import { ensureLoaded } from "./library.js";
import {
  liftDerivedSecret,
  liftInvite,
  liftPairedInvite,
  liftVersion,
  lowerInvite,
  lowerKdf,
  lowerRelayAddresses,
  type DerivedSecret,
  type Invite,
  type KdfParams,
  type PairedInvite,
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

/**
 * Joins a group by the code another device shows (`SyncClient.createPairingCode()`): dials
 * the first of `relayAddresses` that answers (the relay the code was shown through) and
 * returns the group's invite, for `SyncConfig.fromInvite`, with the verifier digits the
 * other device's `wait()` returns too. Needs no client: this device has no group yet.
 *
 * Rejects with InvalidPairingCodeError for a typo (before any traffic), PairingFailedError
 * (a wrong, used, cancelled or unknown code: the code is burned and the other device told)
 * or PairingExpiredError. Aborting `signal` stops waiting only: the exchange may still
 * complete in the background, and the other device then reports success.
 */
export async function joinWithCode(
  code: string,
  relayAddresses: readonly string[],
  options: CallOptions = {},
): Promise<PairedInvite> {
  ensureLoaded();
  options.signal?.throwIfAborted();
  const relays = lowerRelayAddresses(relayAddresses);
  const joined = translatedAsync(() => generated.join_with_code(code, relays));
  return liftPairedInvite(await abortable(joined, options.signal));
}

/** Core, wire protocol and FFI versions of the loaded library. */
export function version(): VersionInfo {
  ensureLoaded();
  return liftVersion(generated.version());
}
