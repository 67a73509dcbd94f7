package dev.zerok.sync

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import dev.zerok.sync.ffi.SyncClient as Native
import dev.zerok.sync.ffi.SyncEvent as NativeEvent

/**
 * What happens to a client in the background, from [SyncClient.events]: sealed, so an
 * exhaustive `when` names every kind. (The generated class has the same shape, but Kotlin
 * reaches nested classes through no typealias, so the facade has its own.)
 */
sealed class SyncEvent {
    /** A session with [relay] is open; calls go there. */
    data class Connected(val relay: String) : SyncEvent()

    /**
     * The session with [relay] ended, for [reason]; the client reconnects by itself unless
     * disconnect() or shutdown() ended it.
     */
    data class Disconnected(val relay: String, val reason: String) : SyncEvent()

    /** Calls moved from [fromRelay] to [toRelay]. */
    data class Failover(val fromRelay: String, val toRelay: String) : SyncEvent()

    /** A relay durably stored the outbox's blob [blobId] at [cursor]; [pending] blobs remain. */
    data class OutboxSent(val blobId: String, val cursor: ULong, val pending: ULong) : SyncEvent()

    /** A relay refused the outbox's blob [blobId] for good (e.g. over its size limit); it left the outbox. */
    data class OutboxRejected(val blobId: String, val reason: String) : SyncEvent()

    /** The collector fell behind and missed [missed] events. */
    data class Lagged(val missed: ULong) : SyncEvent()
}

// Exhaustive: a new variant does not compile until it is mapped.
private fun NativeEvent.lift(): SyncEvent = when (this) {
    is NativeEvent.Connected -> SyncEvent.Connected(relay)
    is NativeEvent.Disconnected -> SyncEvent.Disconnected(relay, reason)
    is NativeEvent.Failover -> SyncEvent.Failover(fromRelay, toRelay)
    is NativeEvent.OutboxSent -> SyncEvent.OutboxSent(blobId, cursor, pending)
    is NativeEvent.OutboxRejected -> SyncEvent.OutboxRejected(blobId, reason)
    is NativeEvent.Lagged -> SyncEvent.Lagged(missed)
}

/**
 * [SyncClient.events]'s flow: each collection opens an event stream of its own (the events
 * from then on) and closes it when the collection ends; it completes once the client shut
 * down and every event before that was emitted.
 */
internal fun eventFlow(native: Native): Flow<SyncEvent> = flow {
    val stream = native.events()
    try {
        while (true) emit(stream.nextEvent()?.lift() ?: break)
    } finally {
        stream.closeEvents()
        stream.close()
    }
}
