package dev.zerok.sync

import dev.zerok.sync.ffi.InternalException
import dev.zerok.sync.ffi.SyncException as Native

/**
 * Every error of the library, one subclass per variant of its error enum
 * (udl/zerok_sync.udl): `catch (e: SyncException.NotConnected)` for one, `catch (e:
 * SyncException)` or an exhaustive `when` for all. Messages are the library's.
 */
sealed class SyncException(message: String) : Exception(message) {
    /** Never connected, or disconnect() was called: call connect() first. */
    class NotConnected(message: String) : SyncException(message)
    /** The one configured relay could not be reached or refused the connection. */
    class ConnectionFailed(message: String) : SyncException(message)
    /** Every configured relay failed; the message has one reason per relay. */
    class AllRelaysFailed(message: String) : SyncException(message)
    /** The relay rejected this device's proof of group membership. */
    class Unauthorized(message: String) : SyncException(message)
    /** Client and relay share no wire protocol version. */
    class VersionMismatch(message: String) : SyncException(message)
    /** The payload exceeds the relay's (or the protocol's) size limit. */
    class PayloadTooLarge(message: String) : SyncException(message)
    /** The group's storage quota on the relay is used up. */
    class QuotaExceeded(message: String) : SyncException(message)
    /**
     * The relay asked to slow down and waiting as it asked did not fit in the request
     * timeout (calls pace themselves within it); the message says the relay's wait.
     */
    class RateLimited(message: String) : SyncException(message)
    /** The outbox holds `outboxMaxBytes` already; nothing was enqueued. */
    class OutboxFull(message: String) : SyncException(message)
    /** The invite's lifetime is over. */
    class InviteExpired(message: String) : SyncException(message)
    /** The invite string is corrupt (encoding, checksum or contents). */
    class InvalidInvite(message: String) : SyncException(message)
    /** The invite comes from a newer (or unknown) invite format. */
    class UnsupportedInviteVersion(message: String) : SyncException(message)
    /** A blob failed authentication; later ones still arrive. */
    class Tampered(message: String) : SyncException(message)
    /** The config (or an argument) is unusable; the message says why. */
    class InvalidConfig(message: String) : SyncException(message)
    /** pullAfter() named a cursor the relay never assigned. */
    class UnknownCursor(message: String) : SyncException(message)
    /** Client and relay disagree on the wire protocol (a bug on one side). */
    class Protocol(message: String) : SyncException(message)
    /** The network failed on an established connection (and retrying did not help in time). */
    class Transport(message: String) : SyncException(message)
    /** The operation did not finish in time. */
    class Timeout(message: String) : SyncException(message)
    /** The relay failed internally; nothing was acknowledged. */
    class Relay(message: String) : SyncException(message)
    /** Reading or writing the local state file failed. */
    class State(message: String) : SyncException(message)
    /** The client was shut down: create a new one. */
    class Shutdown(message: String) : SyncException(message)
    /**
     * A typed pairing code is malformed (its length, a character outside the code's alphabet,
     * or a check character that does not match: a typo); nothing was sent, so the user can
     * simply type it again.
     */
    class InvalidPairingCode(message: String) : SyncException(message)
    /**
     * A pairing ended without an invite: a wrong code (which uses the code up), no such code
     * on the relay (used, cancelled or never shown there), or the other device gave up. Both
     * devices are told; the showing device needs a new code.
     */
    class PairingFailed(message: String) : SyncException(message)
    /** The pairing code's lifetime ended before the other device finished pairing. */
    class PairingExpired(message: String) : SyncException(message)
    /** Reading or writing a file failed, or it changed while it was pushed, or a stream's size was not met. */
    class Io(message: String) : SyncException(message)
    /** The transfer was cancelled (cancel(), close(), or its awaiting coroutine's cancellation). */
    class Cancelled(message: String) : SyncException(message)
    /** No relay of the group holds the object (expired, or never completely pushed). */
    class ObjectUnavailable(message: String) : SyncException(message)
    /** A bug in the library (a panic); the process goes on. */
    class Internal(message: String) : SyncException(message)
}

/** The public exception for one of the generated layer; anything else unchanged. */
internal fun translate(error: Throwable): Throwable = when (error) {
    // Exhaustive: a new variant does not compile until it is mapped.
    is Native -> when (error) {
        is Native.NotConnected -> SyncException.NotConnected(error.text)
        is Native.ConnectionFailed -> SyncException.ConnectionFailed(error.text)
        is Native.AllRelaysFailed -> SyncException.AllRelaysFailed(error.text)
        is Native.Unauthorized -> SyncException.Unauthorized(error.text)
        is Native.VersionMismatch -> SyncException.VersionMismatch(error.text)
        is Native.PayloadTooLarge -> SyncException.PayloadTooLarge(error.text)
        is Native.QuotaExceeded -> SyncException.QuotaExceeded(error.text)
        is Native.RateLimited -> SyncException.RateLimited(error.text)
        is Native.OutboxFull -> SyncException.OutboxFull(error.text)
        is Native.InviteExpired -> SyncException.InviteExpired(error.text)
        is Native.InvalidInvite -> SyncException.InvalidInvite(error.text)
        is Native.UnsupportedInviteVersion -> SyncException.UnsupportedInviteVersion(error.text)
        is Native.Tampered -> SyncException.Tampered(error.text)
        is Native.InvalidConfig -> SyncException.InvalidConfig(error.text)
        is Native.UnknownCursor -> SyncException.UnknownCursor(error.text)
        is Native.Protocol -> SyncException.Protocol(error.text)
        is Native.Transport -> SyncException.Transport(error.text)
        is Native.Timeout -> SyncException.Timeout(error.text)
        is Native.Relay -> SyncException.Relay(error.text)
        is Native.State -> SyncException.State(error.text)
        is Native.Shutdown -> SyncException.Shutdown(error.text)
        is Native.InvalidPairingCode -> SyncException.InvalidPairingCode(error.text)
        is Native.PairingFailed -> SyncException.PairingFailed(error.text)
        is Native.PairingExpired -> SyncException.PairingExpired(error.text)
        is Native.Io -> SyncException.Io(error.text)
        is Native.Cancelled -> SyncException.Cancelled(error.text)
        is Native.ObjectUnavailable -> SyncException.ObjectUnavailable(error.text)
        is Native.Internal -> SyncException.Internal(error.text)
    }
    is InternalException -> SyncException.Internal(error.text)
    else -> error
}

private val Throwable.text: String get() = message.orEmpty()

/** Runs a call into the library, throwing the public exceptions. */
internal inline fun <T> translated(call: () -> T): T =
    try {
        call()
    } catch (e: Exception) {
        throw translate(e)
    }
