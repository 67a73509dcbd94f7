package dev.zerok.sync

import dev.zerok.sync.ffi.deriveSecret as nativeDeriveSecret
import dev.zerok.sync.ffi.inviteFromQr as nativeInviteFromQr
import dev.zerok.sync.ffi.inviteToQr as nativeInviteToQr
import dev.zerok.sync.ffi.joinWithCode as nativeJoinWithCode
import dev.zerok.sync.ffi.version as nativeVersion

/**
 * Argon2id of [passphrase] on a Rust thread. Without [salt] a fresh one is drawn; without
 * [kdf] the defaults apply. Store the returned salt and parameters: every device needs them.
 */
suspend fun deriveSecret(passphrase: String, salt: ByteArray? = null, kdf: KdfParams? = null): DerivedSecret =
    translated { nativeDeriveSecret(passphrase, salt, kdf) }

/** The invite as a compact, URL-safe string (what a QR code shows). */
fun inviteToQr(invite: Invite): String = translated { nativeInviteToQr(invite) }

/** Parses an invite string; throws InviteExpired, InvalidInvite or UnsupportedInviteVersion. */
fun inviteFromQr(qr: String): Invite = translated { nativeInviteFromQr(qr) }

/**
 * Joins a group by the code another device shows ([SyncClient.createPairingCode]), through
 * the first of [relayAddresses] that answers (the relay the showing device is connected to).
 * Returns the group's invite, for [SyncConfig.fromInvite], and the verifier to show beside
 * the other device's. Throws [SyncException.InvalidPairingCode] for a typo (before any
 * traffic: let the user type again), [SyncException.PairingFailed] (a wrong, used, cancelled
 * or unknown code) or [SyncException.PairingExpired].
 */
suspend fun joinWithCode(code: String, relayAddresses: List<String>): PairedInvite =
    translated { nativeJoinWithCode(code, relayAddresses) }

/** Core, wire protocol and FFI versions of the loaded library. */
fun version(): VersionInfo = nativeVersion()
