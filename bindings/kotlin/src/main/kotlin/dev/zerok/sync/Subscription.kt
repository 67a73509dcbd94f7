package dev.zerok.sync

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import dev.zerok.sync.ffi.SyncClient as Native
import dev.zerok.sync.ffi.Subscription as NativeSubscription

/**
 * [SyncClient.subscribe]'s flow: each collection opens a subscription of its own and closes
 * it when the collection ends, however it ends.
 *
 * A read is the library's ticket exchange: `next()` hands out a ticket (suspending, so a
 * cancelled collector cancels it), `take(ticket)` exchanges it for the blob and moves this
 * device's cursor. A ticket a cancelled read never took is handed out again, so a blob is
 * taken only where it is then given to the collector. `take` does not suspend, and the blob
 * goes to the collector with no cancellation check in between: why this is a plain [Flow]
 * and not `flow { }`, whose `emit` checks for cancellation first (a blob taken but dropped
 * there would be lost). It keeps the flow contract: the caller's context, no exception of
 * the collector caught.
 */
internal class Blobs(private val native: Native) : Flow<SyncBlob> {
    override suspend fun collect(collector: FlowCollector<SyncBlob>) {
        val subscription = translated { native.subscribe() }
        try {
            while (true) collector.emit(read(subscription) ?: break)
        } finally {
            subscription.closeStream()
            subscription.close()
        }
    }

    /** The next blob; null once the subscription ended. */
    private suspend fun read(subscription: NativeSubscription): SyncBlob? {
        while (true) {
            val ticket = translated { subscription.next() } ?: return null
            // Null: a concurrent read took this ticket first; read the next one.
            translated { subscription.take(ticket) }?.let { return it }
        }
    }
}
