package dev.zerok.sync

import kotlin.time.Duration
import dev.zerok.sync.ffi.SyncConfig as NativeConfig

/**
 * One blob of the group, decrypted: `blobId`, `payload`, `cursor`, `timestampMs`, and `object`
 * ([remoteObject]) for a file another device pushed (its payload is then empty).
 */
typealias SyncBlob = dev.zerok.sync.ffi.SyncBlob

/** The relay's acknowledgement of a push: stored durably under `blobId` at `cursor`. */
typealias PushResult = dev.zerok.sync.ffi.PushResult

/**
 * What a pull read: the good `blobs`, oldest first, and each `tampered` one (a blob that
 * failed authentication; the blobs after it are read all the same).
 */
typealias PullResult = dev.zerok.sync.ffi.PullResult

/** A stored blob that failed authentication: its `blobId` and `cursor`. */
typealias TamperedBlob = dev.zerok.sync.ffi.TamperedBlob

/** What the outbox holds: `count` blobs, `bytes` sealed bytes, `blobIds` in send order. */
typealias Pending = dev.zerok.sync.ffi.Pending

/** An invitation into a group. It carries the group secret: log it nowhere. */
typealias Invite = dev.zerok.sync.ffi.Invite

/**
 * What [joinWithCode] receives: the group's `invite` (for [SyncConfig.fromInvite]; it carries
 * the group secret, log it nowhere) and the `verifier` digits (`"123 456"`) to compare with
 * the ones the other device shows.
 */
typealias PairedInvite = dev.zerok.sync.ffi.PairedInvite

/** Argon2id cost parameters; every device of a passphrase group uses the same. */
typealias KdfParams = dev.zerok.sync.ffi.KdfParams

/** A secret derived from a passphrase, with the salt and parameters that reproduce it. */
typealias DerivedSecret = dev.zerok.sync.ffi.DerivedSecret

/** Versions of the loaded library: core, wire protocol, FFI. */
typealias VersionInfo = dev.zerok.sync.ffi.VersionInfo

/**
 * Everything a client needs. Give exactly one of [passphrase] and [secretBytes]; a
 * passphrase also needs the group's [salt] (and its [kdf], defaults otherwise). A null
 * setting takes the library's default. [toString] leaves out the passphrase and the secret.
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
    /**
     * A file keeping this device's id and cursors across runs, with the outbox beside it; if
     * null both live in memory, and what [SyncClient.enqueue] queued ends with the process.
     */
    val statePath: String? = null,
    /**
     * How often an idle session proves it is alive: 3 s by default; a phone wants 4.5 s, the
     * longest allowed (iroh 1.4 keeps every path alive at least every 5 s).
     */
    val keepAlive: Duration? = null,
    /** Silence after which a session counts as dead: 10 s by default; at most 15 s. */
    val idleTimeout: Duration? = null,
    /** How long connecting to one relay may take: 5 s by default. */
    val connectTimeout: Duration? = null,
    /** How long one call may take in all, retries and pacing included: 30 s by default. */
    val requestTimeout: Duration? = null,
    /** The most sealed bytes the outbox holds: 256 MiB by default. */
    val outboxMaxBytes: ULong? = null,
) {
    override fun toString(): String =
        "SyncConfig(relayAddresses=$relayAddresses, deviceName=$deviceName, ttl=$ttl, statePath=$statePath, " +
            "keepAlive=$keepAlive, idleTimeout=$idleTimeout, connectTimeout=$connectTimeout, " +
            "requestTimeout=$requestTimeout, outboxMaxBytes=$outboxMaxBytes)"

    internal fun lower() = NativeConfig(
        relayAddresses = relayAddresses,
        passphrase = passphrase,
        secretBytes = secretBytes,
        salt = salt,
        kdf = kdf,
        deviceName = deviceName,
        ttlSecs = ttl?.inWholeSeconds?.coerceAtLeast(0)?.toULong(),
        statePath = statePath,
        keepAliveMs = keepAlive?.millis(),
        idleTimeoutMs = idleTimeout?.millis(),
        connectTimeoutMs = connectTimeout?.millis(),
        requestTimeoutMs = requestTimeout?.millis(),
        outboxMaxBytes = outboxMaxBytes,
    )

    companion object {
        /**
         * A config joining the invite's group (its relays, secret and KDF parameters); `copy`
         * sets the other settings.
         */
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

/** Whole milliseconds, as the library takes durations (negative ones as 0). */
internal fun Duration.millis(): ULong = inWholeMilliseconds.coerceAtLeast(0).toULong()
