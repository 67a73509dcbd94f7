package dev.zerok.sync

import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class CancellationTest {
    @Test
    fun cancellingACollectorLeavesTheClientUsable() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            assertThrows<TimeoutCancellationException> { withTimeout(50.milliseconds) { b.subscribe().collect() } }
            a.push("after".encodeToByteArray())
            assertEquals("after", withTimeout(10.seconds) { b.subscribe().first() }.text)
        }
    }

    @Test
    fun cancelledPushAndPullLeaveTheClientUsable() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val big = ByteArray(1 shl 20)
            withTimeoutOrNull(1.milliseconds) { a.push(big) }
            val acks = List(2) { a.push(big) }
            withTimeoutOrNull(1.milliseconds) { b.pull() }
            // A cancelled push may have reached the relay before the cancel.
            val cursors = b.pullAfter(0u).map { it.cursor }
            assertTrue(cursors.containsAll(acks.map { it.cursor }) && cursors.size <= 3, "$cursors")
            val small = a.push("small".encodeToByteArray())
            assertEquals("small", b.pull().last().text)
            assertEquals(small.cursor, b.currentCursor)
        }
    }

    /** A collector cancelled at any moment never costs a blob: the next collection gets it. */
    @Test
    fun noBlobLostWhenCollectorsAreCancelledAtAnyMoment() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val sent = (0 until 150).map { "blob $it" }
            val pushing = launch(Dispatchers.Default) { sent.forEach { a.push(it.encodeToByteArray()) } }
            val got = mutableListOf<String>()
            var cancelled = 0
            val deadline = System.nanoTime() + 30_000_000_000 // a lost blob would wait forever
            var attempt = 0
            while (got.size < sent.size && System.nanoTime() < deadline) {
                val finished = withTimeoutOrNull((attempt++ % 4 + 1).milliseconds) {
                    b.subscribe().collect { got += it.text }
                }
                if (finished == null) cancelled++
            }
            pushing.join()
            assertEquals(sent, got)
            assertTrue(cancelled > 0)
        }
    }
}
