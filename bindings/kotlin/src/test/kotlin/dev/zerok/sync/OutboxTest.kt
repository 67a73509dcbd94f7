package dev.zerok.sync

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** enqueue, pending and flush through the facade, with the outbox's events. */
class OutboxTest {
    @Test
    fun enqueuedOfflineIsDeliveredOnceInOrderAndReported(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val relay = Relay.shared.addr
            val secret = newSecret()
            val state = File(dir, "a.json").path
            val a = clients.create(SyncConfig(listOf(relay), secretBytes = secret, statePath = state), connect = false)
            val b = clients.create(SyncConfig(listOf(relay), secretBytes = secret))
            val events = Channel<SyncEvent>(Channel.UNLIMITED)
            // UNDISPATCHED: the stream is open when launch returns, before anything below happens.
            val collecting = launch(start = CoroutineStart.UNDISPATCHED) { a.events().collect { events.send(it) } }

            val sent = (0 until 50).map { "queued $it" }
            val ids = sent.map { a.enqueue(it.encodeToByteArray()) }
            assertTrue(ids.all { Regex("[0-9a-f]{32}").matches(it) } && ids.toSet().size == 50, "$ids")
            val pending = a.pending
            assertEquals(50uL, pending.count)
            assertEquals(ids, pending.blobIds)
            assertTrue(pending.bytes > sent.sumOf { it.length }.toULong(), "sealed bytes: ${pending.bytes}")
            assertFailsWith<SyncException.NotConnected> { a.flush() } // not asked to be connected
            assertEquals(emptyList(), b.pull().blobs, "nothing leaves before connect")

            a.connect()
            a.flush(30.seconds)
            assertEquals(Pending(0u, 0u, emptyList()), a.pending)
            val pulled = b.pull().blobs
            assertEquals(sent, pulled.map { it.text })
            assertEquals(ids, pulled.map { it.blobId })

            withTimeout(10.seconds) {
                assertEquals(SyncEvent.Connected(relay), events.receive())
                val progress = List(50) { events.receive() as SyncEvent.OutboxSent }
                assertEquals(ids, progress.map { it.blobId })
                assertEquals(pulled.map { it.cursor }, progress.map { it.cursor })
                assertEquals((49 downTo 0).map { it.toULong() }, progress.map { it.pending })
            }
            collecting.cancelAndJoin()
        }
    }

    @Test
    fun theOutboxOutlivesItsClient(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val secret = newSecret()
            val config = SyncConfig(listOf(Relay.shared.addr), secretBytes = secret, statePath = File(dir, "a.json").path)
            val ids = SyncClient.create(config).use { first -> List(3) { first.enqueue("kept $it".encodeToByteArray()) } }
            val again = clients.create(config, connect = false)
            assertEquals(ids, again.pending.blobIds)
            again.connect()
            again.flush(30.seconds)
            val b = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = secret))
            assertEquals(listOf("kept 0", "kept 1", "kept 2"), b.pull().blobs.map { it.text })
        }
    }

    /** A blob the relay refuses for good leaves the outbox, and an event says so. */
    @Test
    fun aRejectedBlobIsReported() = runBlocking {
        Relay("--max-blob-bytes", "4096").use { small ->
            Clients().use { clients ->
                // Never connected, the client knows only the protocol's limit.
                val a = clients.create(SyncConfig(listOf(small.addr), secretBytes = newSecret()), connect = false)
                val rejected = async(start = CoroutineStart.UNDISPATCHED) {
                    a.events().filterIsInstance<SyncEvent.OutboxRejected>().first()
                }
                val id = a.enqueue(ByteArray(5000))
                a.connect()
                a.flush(30.seconds)
                val event = withTimeout(10.seconds) { rejected.await() }
                assertEquals(id, event.blobId)
                assertTrue("payload too large" in event.reason, event.reason)
                assertEquals(0uL, a.pending.count)
            }
        }
    }
}
