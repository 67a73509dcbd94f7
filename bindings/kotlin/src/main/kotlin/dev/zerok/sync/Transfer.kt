package dev.zerok.sync

import java.io.InputStream
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runInterruptible
import dev.zerok.sync.ffi.Transfer as Native
import dev.zerok.sync.ffi.Upload as NativeUpload

/**
 * A file another device pushed, as its blob's `object` ([remoteObject]) describes it: `objectId`,
 * `size`, `blake3` (hex), `chunkSize`, `chunkCount`, the base `name` it was pushed with, and
 * for an object up to 256 KiB its bytes (`inlineBytes`, `chunkCount` 0). [SyncClient.download]
 * takes it back.
 */
typealias RemoteObject = dev.zerok.sync.ffi.RemoteObject

/**
 * Where a transfer stands: `bytesDone` of `bytesTotal` on the relay (upload) or verified and
 * written (download), counting what a resumed transfer found there; `bytesSent`, the chunk
 * envelope bytes this transfer moved; `chunksDone` of `chunksTotal`, padding included.
 */
typealias TransferProgress = dev.zerok.sync.ffi.TransferProgress

/** How a transfer ended: `objectId`, `size`, `blake3`, and an upload's `cursor` or a download's `path`. */
typealias TransferResult = dev.zerok.sync.ffi.TransferResult

/** The object a blob announces ([SyncBlob]'s field `object`, a keyword in Kotlin); null for a plain payload. */
val SyncBlob.remoteObject: RemoteObject? get() = `object`

/**
 * An upload or a download running in the library, from [SyncClient.pushFile],
 * [SyncClient.download] or [Upload.transfer]. Chunking, resumption across reconnects and
 * verification happen there; this object watches and stops it. Cancelling the coroutine in
 * [await] cancels the transfer (a collector of [progress] only stops watching).
 *
 * Keep it referenced until it ended: the library cancels a transfer whose last handle is
 * freed, which for an object nobody closed is whenever the garbage collector gets to it.
 */
class Transfer internal constructor(private val native: Native) : AutoCloseable {
    /** The object's id (hex), known from the start. */
    val objectId: String get() = native.objectId()

    /** The latest progress, without waiting. */
    val currentProgress: TransferProgress get() = native.progress()

    /**
     * The progress as it changes, completing once the transfer ended and its last progress
     * was emitted (a slow collector skips to the latest). The transfer has one such stream:
     * concurrent collectors share its values.
     */
    val progress: Flow<TransferProgress> = flow { while (true) emit(native.nextProgress() ?: break) }

    /**
     * Suspends until the transfer ended and returns its result; any number of callers get the
     * same outcome. Throws [SyncException.Cancelled] after [cancel], [SyncException.Io],
     * [SyncException.Tampered] or [SyncException.ObjectUnavailable] for a download. Cancelling
     * the calling coroutine cancels the transfer.
     */
    suspend fun await(): TransferResult = cancelling { native.outcome() }

    /** Stops the transfer: it ends with [SyncException.Cancelled], no effect once it ended. */
    fun cancel() = native.cancelTransfer()

    /** [call], cancelling the transfer if the calling coroutine is cancelled meanwhile. */
    internal suspend inline fun <T> cancelling(call: () -> T): T =
        try {
            translated(call)
        } catch (e: CancellationException) {
            cancel()
            throw e
        }

    private val closed = AtomicBoolean(false)

    /**
     * Cancels the transfer (no effect if it ended) and releases the handle: for `use { }`.
     * It cancels explicitly because an [await] in progress holds the transfer alive past the
     * release.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        native.cancelTransfer()
        native.close()
    }
}

/**
 * An upload of exactly the size given to [SyncClient.pushStream], written by the app:
 * [write] the bytes in pieces, then [finish]. A write suspends while the library's buffer is
 * full, so a fast source waits for the network. Cancelling a write or finish cancels the
 * upload, whose stream no longer says which bytes went; `use { }` cancels an unfinished one.
 */
class Upload internal constructor(private val native: NativeUpload) : AutoCloseable {
    /** The upload's progress, result and cancellation. */
    val transfer = Transfer(native.transfer())

    /** Appends [data]; [SyncException.Io] once the upload ended (then [finish] says why). */
    suspend fun write(data: ByteArray) = transfer.cancelling { native.write(data) }

    /**
     * Writes what [input] holds until its end; does not close it. Reads block a thread of
     * [Dispatchers.IO], which cancellation interrupts.
     */
    suspend fun writeAll(input: InputStream) {
        val buffer = ByteArray(256 shl 10)
        while (true) {
            val n = runInterruptible(Dispatchers.IO) { input.read(buffer) }
            if (n < 0) return
            write(buffer.copyOf(n))
        }
    }

    /** Ends the data and waits for the upload: [SyncException.Io] unless exactly its size came. */
    suspend fun finish(): TransferResult = transfer.cancelling { native.finish() }

    /** Cancels the upload unless it finished, and releases it. Idempotent. */
    override fun close() {
        transfer.close()
        native.close()
    }
}
