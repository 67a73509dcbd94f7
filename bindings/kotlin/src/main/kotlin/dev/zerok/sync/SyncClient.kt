package dev.zerok.sync

import java.io.InputStream
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration
import kotlinx.coroutines.flow.Flow
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

    /**
     * Encrypts and pushes [payload]; returns once the relay has stored it durably. Retries
     * (with the same blob id) and waits out the relay's rate limit within the request timeout.
     */
    suspend fun push(payload: ByteArray): PushResult = translated { native.push(payload) }

    /**
     * Seals [payload] into the outbox and returns its blob id (hex), without network: durable
     * before it returns when the config has a state path. The client sends the outbox in
     * enqueue order whenever it is connected, across reconnects and restarts, each blob once.
     * Throws [SyncException.OutboxFull] or [SyncException.PayloadTooLarge] now, not later.
     */
    suspend fun enqueue(payload: ByteArray): String = translated { native.enqueue(payload) }

    /** What the outbox holds now: count, sealed bytes, blob ids in send order. */
    val pending: Pending get() = native.pending()

    /**
     * Waits until the outbox is empty. Throws [SyncException.Timeout] after [timeout] (null:
     * no deadline), [SyncException.NotConnected] while blobs wait and the client is not
     * asked to be connected.
     */
    suspend fun flush(timeout: Duration? = null) = translated { native.flush(timeout?.millis()) }

    /**
     * This client's events as they happen ([SyncEvent], sealed): a cold flow, whose collection
     * opens a stream of the events from then on and whose cancellation closes it. It
     * completes after the client shut down. To see the events of what comes next, start the
     * collection first: `launch(start = CoroutineStart.UNDISPATCHED) { events().collect { … } }`.
     */
    fun events(): Flow<SyncEvent> = eventFlow(native)

    /**
     * Every blob this device has not received yet, oldest first, and each tampered one
     * among them (the blobs after it are read all the same); moves the cursor past all.
     */
    suspend fun pull(): PullResult = translated { native.pull() }

    /** Every blob after [cursor], including ones received before, and the tampered ones. */
    suspend fun pullAfter(cursor: ULong): PullResult = translated { native.pullAfter(cursor) }

    /**
     * The group's blobs as they arrive: first those after this device's cursor, then live.
     * Collecting opens the stream; the collector's cancellation (or the end of the client)
     * closes it. A [SyncException.Tampered] ends the collection; collecting again goes on
     * after that blob (`.retry { it is SyncException.Tampered }`).
     *
     * At least once, by acknowledgement in the library: this device's cursor moves past a
     * blob only as it is handed to the collector, so a blob whose read was cancelled comes
     * first in the next collection.
     */
    fun subscribe(): Flow<SyncBlob> = Blobs(native)

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

    /**
     * A pairing code for another device to type into [joinWithCode] (instead of scanning an
     * invite), valid for [ttl] (null: 10 minutes; at least 1 s, whole seconds; the relay may
     * shorten it). The exchange runs in the library from now on; show [Pairing.code], then
     * [Pairing.wait] for the verifier. `use { }` ends the pairing if it did not finish.
     * Throws [SyncException.NotConnected] unless connected: the code names a mailbox on the
     * active relay.
     */
    suspend fun createPairingCode(ttl: Duration? = null): Pairing =
        Pairing(translated { native.createPairingCode(ttl?.inWholeSeconds?.coerceAtLeast(0)?.toULong()) })

    /**
     * Pushes the file at [path] as an object, returning at once with the running [Transfer]
     * ([Transfer.await] for the result, with the cursor of the blob announcing it). Files over
     * 256 KiB go in 1 MiB chunks, resumed across reconnects and failovers; the file must not
     * change meanwhile ([SyncException.Io] otherwise). Other devices see a blob whose
     * [remoteObject] they pass to [download].
     */
    suspend fun pushFile(path: String): Transfer = Transfer(translated { native.pushFile(path) })

    /**
     * Queues the file at [path] in the outbox, like [enqueue] (no network, sent in order
     * across restarts), and returns its object id. A file that changed before it was sent is
     * reported by [SyncEvent.OutboxRejected].
     */
    suspend fun enqueueFile(path: String): String = translated { native.enqueueFile(path) }

    /** An upload of exactly [size] bytes that the app writes into ([Upload]), announced as [name]. */
    suspend fun pushStream(size: ULong, name: String? = null): Upload =
        Upload(translated { native.pushStream(size, name) })

    /**
     * Pushes exactly [size] bytes read from [input] (not closed) and returns the result once
     * they are on the relay; cancelling the caller cancels the upload.
     */
    suspend fun pushStream(input: InputStream, size: ULong, name: String? = null): TransferResult =
        pushStream(size, name).use { it.writeAll(input); it.finish() }

    /**
     * Downloads [obj] (a blob's [remoteObject]) into the file at [path], which appears only
     * once complete and verified; a part file beside it lets a later download of the same
     * object resume. Throws (from [Transfer.await]) [SyncException.Tampered] for an altered
     * chunk, [SyncException.ObjectUnavailable] if no relay holds the object.
     */
    suspend fun download(obj: RemoteObject, path: String): Transfer =
        Transfer(translated { native.download(obj, path) })

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
        native.close()
    }
}
