package dev.zerok.sync

import java.util.concurrent.locks.LockSupport
import kotlin.random.Random
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Cancellation is the coroutine's own: a cancelled call cancels the Rust work, and a
 * subscription read is a ticket exchange, so a blob moves this device's cursor only when it
 * reaches a collector. These tests cancel at every kind of moment and compare what arrived
 * with what was sent, exactly.
 */
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
            val cursors = b.pullAfter(0u).blobs.map { it.cursor }
            assertTrue(cursors.containsAll(acks.map { it.cursor }) && cursors.size <= 3, "$cursors")
            val small = a.push("small".encodeToByteArray())
            assertEquals("small", b.pull().blobs.last().text)
            assertEquals(small.cursor, b.currentCursor)
        }
    }

    /** A collection that stops after some blobs leaves the cursor right after the last one it got. */
    @Test
    fun eachCollectionGoesOnWhereTheLastStopped() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val sent = (0 until 12).map { "blob $it" }
            sent.forEach { a.push(it.encodeToByteArray()) }
            val got = withTimeout(20.seconds) { List(4) { b.subscribe().take(3).map { it.text }.toList() }.flatten() }
            assertEquals(sent, got)
            assertEquals(emptyList(), b.pull().blobs)
        }
    }

    /**
     * Collectors cancelled from another thread at random moments (before a read, while Rust
     * waits for a blob, as it hands out a ticket, while the collector holds a blob) while
     * blobs stream in: every collection is a subscription of its own, and between them they
     * get every blob once, in order.
     */
    @Test
    fun readsCancelledAtRandomMomentsLoseNothingAndRepeatNothing() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val sent = (0 until 300).map { "blob $it" }
            val pushing = launch(Dispatchers.Default) { sent.forEach { a.push(it.encodeToByteArray()) } }
            val got = mutableListOf<String>() // written by one collector at a time, read after its join
            val seed = System.nanoTime()
            val random = Random(seed)
            var collections = 0
            val deadline = System.nanoTime() + 60.seconds.inWholeNanoseconds // a lost blob would wait forever
            while (got.size < sent.size && System.nanoTime() < deadline) {
                val reading = launch(Dispatchers.Default) { b.subscribe().collect { got += it.text } }
                LockSupport.parkNanos(random.nextLong(3_000_000)) // the moment of the cancel, 0 to 3 ms
                reading.cancelAndJoin()
                collections++
            }
            pushing.join()
            assertEquals(sent, got, "seed $seed, $collections collections")
            assertTrue(collections > 10, "only $collections collections")
        }
    }
}
