package dev.zerok.sync

import java.io.ByteArrayInputStream
import java.io.File
import java.io.InputStream
import java.io.SequenceInputStream
import java.util.concurrent.locks.LockSupport
import kotlin.random.Random
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
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
import org.junit.jupiter.api.io.TempDir

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
     * A transfer is cancelled with the coroutine awaiting it, mid-transfer (after its first
     * progress): the transfer ends with Cancelled, an upload announces nothing and a download
     * leaves no file; so does a cancelled [SyncClient.pushStream] from an InputStream.
     */
    @Test
    fun cancellingTheAwaitingCoroutineCancelsTheTransfer(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val source = File(dir, "big.bin").apply { writeBytes(ByteArray(32 shl 20)) }

            /** Awaits [t] in a coroutine cancelled once [t] made progress; [t]'s outcome then. */
            suspend fun cancelledMidway(t: Transfer): SyncException.Cancelled {
                val waiting = launch { t.await() }
                t.progress.first { it.bytesDone > 0u && it.bytesDone < it.bytesTotal }
                waiting.cancelAndJoin()
                return assertFailsWith<SyncException.Cancelled> { t.await() }
            }

            a.pushFile(source.path).use { cancelledMidway(it) }
            // 1 MiB, then a read that blocks until interrupted.
            val stalled = SequenceInputStream(
                ByteArrayInputStream(ByteArray(1 shl 20)),
                object : InputStream() { override fun read(): Int = Thread.sleep(Long.MAX_VALUE).let { -1 } },
            )
            val reading = launch(Dispatchers.Default) { a.pushStream(stalled, 2uL shl 20) }
            delay(300.milliseconds)
            reading.cancelAndJoin()
            assertEquals(emptyList(), b.pull().blobs, "nothing was announced")

            a.pushFile(source.path).use { it.await() }
            val copy = File(dir, "copy.bin")
            b.download(b.pull().blobs.single().remoteObject!!, copy.path).use { cancelledMidway(it) }
            assertFalse(copy.exists(), "a cancelled download leaves no file")
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
