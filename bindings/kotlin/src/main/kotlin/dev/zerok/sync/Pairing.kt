package dev.zerok.sync

import java.util.concurrent.atomic.AtomicBoolean
import dev.zerok.sync.ffi.Pairing as Native

/**
 * A pairing code this device shows, from [SyncClient.createPairingCode]. The exchange behind
 * it runs in the library from the moment the code exists, whether or not anyone calls
 * [wait]: the other device types [code] into [joinWithCode] and receives an invite to this
 * group. `use { }` (or [close]) ends the pairing if it has not finished, so a screen that is
 * left (an exception, a cancelled coroutine) leaves no code open on the relay.
 *
 * Keep this object referenced while the code is shown: the library ends the pairing when
 * the handle is freed, which for an object nobody closed is whenever the garbage collector
 * gets to it.
 */
class Pairing internal constructor(private val native: Native) : AutoCloseable {
    /** `XXXX-XXXX-XXXX-XXXX`: what the other device's user types. Show it to this device's user only. */
    val code: String get() = native.code()

    /** When the code stops working: the relay's clock, Unix milliseconds. */
    val expiresAtMs: ULong get() = native.expiresAtMs()

    /**
     * Suspends until the other device has the invite and returns the verifier (`"123 456"`),
     * which both devices show so their users can compare them. Any number of callers may
     * wait at once; each gets the one outcome. Cancelling a caller stops only its waiting,
     * not the pairing ([cancel] does that). Throws [SyncException.PairingFailed] (a wrong
     * code, or [cancel]/[close]) or [SyncException.PairingExpired].
     */
    suspend fun wait(): String = translated { native.wait() }

    /** Ends the pairing now: waiting callers and the other device get PairingFailed. No effect once it finished. */
    fun cancel() = native.cancel()

    private val closed = AtomicBoolean(false)

    /**
     * Cancels the pairing (no effect if it finished) and releases the handle: for `use { }`.
     * Idempotent; other calls after it throw IllegalStateException. It cancels explicitly
     * because a [wait] in progress holds the library's pairing alive past the release.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        native.cancel()
        native.close()
    }
}
