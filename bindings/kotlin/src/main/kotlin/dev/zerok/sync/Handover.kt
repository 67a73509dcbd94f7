package dev.zerok.sync

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.FlowCollector

/**
 * Subscription reads and blobs that a cancelled collection of a client did not emit, oldest
 * first. Once the library hands a blob to a read, this device's cursor is past it: dropping
 * it with a cancelled coroutine would lose it for good, so it waits here for the next
 * collection instead.
 */
internal class Handover {
    private val left = ArrayDeque<Deferred<SyncBlob?>>()

    fun takeOldest(): Deferred<SyncBlob?>? = synchronized(left) { left.removeFirstOrNull() }

    private fun giveBack(read: Deferred<SyncBlob?>) = synchronized(left) { left.addFirst(read) }

    /** The read's result; if the caller is cancelled first, the read is kept for the next one. */
    suspend fun awaitOrReturn(read: Deferred<SyncBlob?>): SyncBlob? =
        try {
            read.await()
        } catch (e: CancellationException) {
            if (!read.isCancelled) giveBack(read)
            throw e
        }

    /** Emits [blob]; if the collector is cancelled first, the blob is kept for the next one. */
    suspend fun emitOrReturn(collector: FlowCollector<SyncBlob>, blob: SyncBlob) =
        try {
            collector.emit(blob)
        } catch (e: CancellationException) {
            giveBack(CompletableDeferred(blob))
            throw e
        }
}
