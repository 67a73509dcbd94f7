package dev.zerok.sync

import kotlin.time.Duration
import dev.zerok.sync.ffi.SyncConfig as NativeConfig

/** One blob of the group, decrypted: `blobId`, `payload`, `cursor`, `timestampMs`. */
typealias SyncBlob = dev.zerok.sync.ffi.SyncBlob

/** The relay's acknowledgement of a push: stored durably under `blobId` at `cursor`. */
typealias PushResult = dev.zerok.sync.ffi.PushResult

/** An invitation into a group. It carries the group secret: log it nowhere. */
typealias Invite = dev.zerok.sync.ffi.Invite

/** Argon2id cost parameters; every device of a passphrase group uses the same. */
typealias KdfParams = dev.zerok.sync.ffi.KdfParams

/** A secret derived from a passphrase, with the salt and parameters that reproduce it. */
typealias DerivedSecret = dev.zerok.sync.ffi.DerivedSecret

/** Versions of the loaded library: core, wire protocol, FFI. */
typealias VersionInfo = dev.zerok.sync.ffi.VersionInfo

/**
 * Everything a client needs. Give exactly one of [passphrase] and [secretBytes]; a
 * passphrase also needs the group's [salt] (and its [kdf], defaults otherwise).
 * [toString] leaves out the passphrase and the secret.
 */
data class SyncConfig(
    /** `<endpoint id>@<ip:port>` as `zerok relay` prints them, in order of preference. */
    val relayAddresses: List<String>,
    val passphrase: String? = null,
    val secretBytes: ByteArray? = null,
    val salt: ByteArray? = null,
    val kdf: KdfParams? = null,
    /** A name for this device (at most 256 bytes), for logs and the relay's operator. */
    val deviceName: String? = null,
    /** How long the relay keeps this device's blobs (whole seconds); its default if null. */
    val ttl: Duration? = null,
    /** A file keeping this device's id and cursors across runs; in memory if null. */
    val statePath: String? = null,
) {
    override fun toString(): String =
        "SyncConfig(relayAddresses=$relayAddresses, deviceName=$deviceName, ttl=$ttl, statePath=$statePath)"

    internal fun lower() = NativeConfig(
        relayAddresses = relayAddresses,
        passphrase = passphrase,
        secretBytes = secretBytes,
        salt = salt,
        kdf = kdf,
        deviceName = deviceName,
        ttlSecs = ttl?.inWholeSeconds?.coerceAtLeast(0)?.toULong(),
        statePath = statePath,
    )

    companion object {
        /** A config joining the invite's group (its relays, secret and KDF parameters). */
        fun fromInvite(invite: Invite, deviceName: String? = null, statePath: String? = null) = SyncConfig(
            relayAddresses = invite.relayAddresses,
            secretBytes = invite.secretBytes,
            salt = invite.salt,
            kdf = invite.kdf,
            deviceName = deviceName,
            statePath = statePath,
        )
    }
}
