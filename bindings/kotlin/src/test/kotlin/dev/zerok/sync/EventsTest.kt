package dev.zerok.sync

import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Test

/** The event flow: typed events, a stream per collection, closed when its collector stops. */
class EventsTest {
    @Test
    fun eachCollectionSeesTheEventsFromItsStartAndEndsWithItsCollector() = runBlocking {
        Clients().use { clients ->
            val relay = Relay.shared.addr
            val a = clients.create(SyncConfig(listOf(relay), secretBytes = newSecret()), connect = false)
            // first() stops collecting once it has its event, which closes the stream.
            val connected = async(start = CoroutineStart.UNDISPATCHED) { a.events().first() }
            a.connect()
            assertEquals(SyncEvent.Connected(relay), withTimeout(10.seconds) { connected.await() })

            // A collector cancelled while it waits for an event ends at once; the client goes on.
            val idle = launch(start = CoroutineStart.UNDISPATCHED) { a.events().collect { fail("an event: $it") } }
            withTimeout(10.seconds) { idle.cancelAndJoin() }
            assertTrue(idle.isCancelled)

            // A later collection sees what happens after it started, and ends with the client.
            val rest = async(start = CoroutineStart.UNDISPATCHED) { a.events().toList() }
            a.disconnect()
            a.shutdown()
            val events = withTimeout(10.seconds) { rest.await() }
            val disconnected = events.single() as SyncEvent.Disconnected
            assertEquals(relay, disconnected.relay)
            assertTrue(disconnected.reason.isNotEmpty())
        }
    }
}
