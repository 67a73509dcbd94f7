package dev.zerok.sync

import dev.zerok.sync.ffi.deriveSecret as nativeDeriveSecret
import dev.zerok.sync.ffi.inviteFromQr as nativeInviteFromQr
import dev.zerok.sync.ffi.inviteToQr as nativeInviteToQr
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

/** Core, wire protocol and FFI versions of the loaded library. */
fun version(): VersionInfo = nativeVersion()
