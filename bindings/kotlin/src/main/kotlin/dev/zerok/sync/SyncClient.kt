package dev.zerok.sync

import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking
import dev.zerok.sync.ffi.SyncClient as Native

/**
 * One device of a group, syncing through its relays. Create it with [create]; `use { }` (or
 * [close]) shuts it down. Every method may run concurrently with any other, from any
 * coroutine or thread. Cancelling a call's coroutine cancels the Rust work.
 */
class SyncClient private constructor(private val native: Native) : AutoCloseable {
    companion object {
        /** A client for [config]; no network traffic until [connect]. */
        suspend fun create(config: SyncConfig): SyncClient =
            SyncClient(translated { dev.zerok.sync.ffi.createClient(config.lower()) })
    }

    /** Connects to the first relay (in the configured order) that accepts the group. */
    suspend fun connect() = translated { native.connect() }

    /** Closes every session; calls fail with NotConnected until [connect]. */
    suspend fun disconnect() = translated { native.disconnect() }

    /** Encrypts and pushes [payload]; returns once the relay has stored it durably. */
    suspend fun push(payload: ByteArray): PushResult = translated { native.push(payload) }

    /** Every blob this device has not received yet, oldest first; advances the cursor. */
    suspend fun pull(): List<SyncBlob> = translated { native.pull() }

    /** Every blob after [cursor], including ones received before. */
    suspend fun pullAfter(cursor: ULong): List<SyncBlob> = translated { native.pullAfter(cursor) }

    /**
     * The group's blobs as they arrive: first those after this device's cursor, then live.
     * Collecting opens the stream; the collector's cancellation (or the end of the client)
     * closes it. A [SyncException.Tampered] ends the collection; collecting again goes on
     * after that blob (`.retry { it is SyncException.Tampered }`).
     *
     * A blob the library has delivered is never lost to a cancelled collector: reads run
     * uncancelled, and what a cancelled collection did not emit is emitted first by the next
     * collection of this client (once more, if the cancel came while the collector was
     * already handling it: at least once).
     */
    fun subscribe(): Flow<SyncBlob> = flow {
        while (true) {
            val left = handover.takeOldest() ?: break
            val blob = handover.awaitOrReturn(left) ?: continue
            handover.emitOrReturn(this, blob)
        }
        val subscription = translated { native.subscribe() }
        try {
            while (true) {
                // UNDISPATCHED: the call starts (and holds the handle) before anything can cancel.
                val read = reads.async(start = CoroutineStart.UNDISPATCHED) { translated { subscription.next() } }
                val blob = handover.awaitOrReturn(read) ?: break
                handover.emitOrReturn(this, blob)
            }
        } finally {
            // A read still running ends now, with the blob it already has or with null.
            subscription.closeStream()
            subscription.close()
        }
    }

    /** Where subscription reads run: never cancelled with a collector (see [subscribe]). */
    private val reads = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val handover = Handover()

    val isConnected: Boolean get() = native.isConnected()

    /** Everything up to this cursor (on the active relay) has been received. */
    val currentCursor: ULong get() = native.currentCursor()

    /** The address of the relay serving calls now; null while disconnected. */
    val activeRelay: String? get() = native.activeRelay()

    /** The group's public id (hex), the same on every device of the group. */
    val groupId: String get() = native.groupId()

    /** An invite to this group valid for [ttl]; [inviteToQr] makes it a string. */
    fun createInvite(ttl: Duration): Invite =
        translated { native.createInvite(ttl.inWholeSeconds.coerceAtLeast(0).toULong()) }

    /** Stops everything; idempotent. Later calls throw [SyncException.Shutdown]. */
    suspend fun shutdown() = translated { native.shutdown() }

    private val closed = AtomicBoolean(false)

    /**
     * Shuts the client down (blocking briefly) and releases it: for `use { }`. Idempotent;
     * other calls after it throw IllegalStateException.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        runBlocking { native.shutdown() }
        reads.cancel()
        native.close()
    }
}
