package dev.zerok.sync

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.retry
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Every error variant the public API can provoke, provoked against real relays. Not
 * provokable through it (see the Python suite's test_errors.py): Unauthorized,
 * VersionMismatch, Protocol, Transport, Relay (calls retry transport failures within their
 * timeout), Internal; the exhaustive `when` in Errors.kt maps them.
 */
class ErrorsTest {
    @Test
    fun notConnected() = runBlocking {
        Clients().use { clients ->
            val c = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = newSecret()), connect = false)
            assertTrue(!c.isConnected && c.activeRelay == null)
            assertFailsWith<SyncException.NotConnected> { c.push(byteArrayOf(1)) }
            assertFailsWith<SyncException.NotConnected> { c.pull() }
            assertFailsWith<SyncException.NotConnected> { c.subscribe().first() }
            c.connect()
            c.disconnect()
            val e = assertFailsWith<SyncException.NotConnected> { c.pullAfter(0u) }
            assertTrue("connect()" in e.message.orEmpty())
        }
    }

    @Test
    fun deadRelay() = runBlocking {
        Relay().use { dead ->
            dead.kill()
            Clients().use { clients ->
                val c = clients.create(SyncConfig(listOf(dead.addr), secretBytes = newSecret()), connect = false)
                val e = assertFailsWith<SyncException.ConnectionFailed> { c.connect() }
                assertTrue(dead.addr in e.message.orEmpty())
            }
        }
    }

    @Test
    fun allRelaysFailed() = runBlocking {
        val host = Relay.shared.addr.substringAfter("@")
        Clients().use { clients ->
            val wrong = listOf("0".repeat(64) + "@" + host, "1".repeat(64) + "@" + host)
            val c = clients.create(SyncConfig(wrong, secretBytes = newSecret()), connect = false)
            val e = assertFailsWith<SyncException.AllRelaysFailed> { c.connect() }
            assertTrue("all 2 relays failed" in e.message.orEmpty())
        }
    }

    @Test
    fun payloadTooLargeQuotaAndRate() = runBlocking {
        Relay("--max-blob-bytes", "4096").use { small ->
            Clients().use { clients ->
                val (a, _) = clients.pair(small)
                val e = assertFailsWith<SyncException.PayloadTooLarge> { a.push(ByteArray(5000)) }
                assertTrue("5000 bytes" in e.message.orEmpty())
                a.push(ByteArray(1000)) // the client goes on
            }
        }
        Relay("--quota-bytes", "20000").use { tight ->
            Clients().use { clients ->
                val (a, _) = clients.pair(tight)
                assertFailsWith<SyncException.QuotaExceeded> { repeat(20) { a.push(ByteArray(3000)) } }
            }
        }
        Relay("--rate-per-sec", "1").use { slow ->
            Clients().use { clients ->
                // Pacing waits out the relay's rate; it throws only what cannot wait in time.
                val config = SyncConfig(listOf(slow.addr), secretBytes = newSecret(), requestTimeout = 300.milliseconds)
                val a = clients.create(config)
                val results = coroutineScope {
                    (0 until 20).map { i -> async { runCatching { a.push("$i".encodeToByteArray()) } } }.awaitAll()
                }
                val limited = results.mapNotNull { it.exceptionOrNull() }
                assertTrue(limited.isNotEmpty())
                limited.forEach {
                    assertTrue(it is SyncException.RateLimited && "retry after" in it.message.orEmpty(), "$it")
                }
            }
        }
    }

    @Test
    fun outboxFullAndPayloadTooLargeAtEnqueue() = runBlocking {
        Relay("--max-blob-bytes", "4096").use { small ->
            Clients().use { clients ->
                val config = SyncConfig(listOf(small.addr), secretBytes = newSecret(), outboxMaxBytes = 10_000u)
                val a = clients.create(config)
                assertFailsWith<SyncException.PayloadTooLarge> { a.enqueue(ByteArray(5000)) }
                a.disconnect()
                val ids = List(3) { a.enqueue(ByteArray(3000)) }
                val e = assertFailsWith<SyncException.OutboxFull> { a.enqueue(ByteArray(3000)) }
                assertTrue("outbox full" in e.message.orEmpty() && "10000" in e.message.orEmpty(), e.message)
                assertEquals(ids, a.pending.blobIds)
            }
        }
    }

    @Test
    fun flushTimeoutAndNotConnected() = runBlocking {
        Relay().use { relay ->
            Clients().use { clients ->
                val a = clients.create(SyncConfig(listOf(relay.addr), secretBytes = newSecret()))
                a.flush(0.milliseconds) // nothing waits: no deadline to miss
                relay.kill()
                a.enqueue("waiting".encodeToByteArray())
                val e = assertFailsWith<SyncException.Timeout> { a.flush(300.milliseconds) }
                assertTrue("1 blobs" in e.message.orEmpty(), e.message)
                a.disconnect()
                assertFailsWith<SyncException.NotConnected> { a.flush() }
                assertEquals(1uL, a.pending.count)
            }
        }
    }

    @Test
    fun invitesExpiredAndCorrupt() = runBlocking {
        Clients().use { clients ->
            val c = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = newSecret()), connect = false)
            val invite = c.createInvite(1.seconds)
            val qr = inviteToQr(invite)
            val corrupt = qr.substring(0, 10) + (if (qr[10] == 'A') "B" else "A") + qr.substring(11)
            assertFailsWith<SyncException.InvalidInvite> { inviteFromQr(corrupt) }
            assertFailsWith<SyncException.InvalidInvite> { inviteFromQr(qr.dropLast(4)) }
            delay(invite.expiresAt.toLong() * 1000 - System.currentTimeMillis() + 100)
            val e = assertFailsWith<SyncException.InviteExpired> { inviteFromQr(qr) }
            assertTrue(invite.expiresAt.toString() in e.message.orEmpty())
        }
    }

    @Test
    fun pairingCodesMalformedUnknownCancelledAndExpired(): Unit = runBlocking {
        // A relay of its own: the relay limits joins per minute and source IP.
        Relay().use { relay ->
            Clients().use { clients ->
                val relays = listOf(relay.addr)
                // Typos are found before any traffic: here through an address nothing listens on.
                val nowhere = listOf("0".repeat(64) + "@127.0.0.1:9")
                val typo = assertFailsWith<SyncException.InvalidPairingCode> { joinWithCode("0000-0000-0000-0001", nowhere) }
                assertTrue("check character" in typo.message.orEmpty(), typo.message)
                val short = assertFailsWith<SyncException.InvalidPairingCode> { joinWithCode("ABCD-EFGH", nowhere) }
                assertTrue("16 characters" in short.message.orEmpty(), short.message)
                // Well-formed, but no device shows it.
                val unknown = assertFailsWith<SyncException.PairingFailed> { joinWithCode("0000-0000-0000-0000", relays) }
                assertTrue("mistyped" in unknown.message.orEmpty(), unknown.message)

                val idle = clients.create(SyncConfig(relays, secretBytes = newSecret()), connect = false)
                assertFailsWith<SyncException.NotConnected> { idle.createPairingCode() }
                val phone = clients.create(SyncConfig(relays, secretBytes = newSecret()))

                phone.createPairingCode().use { pairing ->
                    pairing.cancel()
                    val cancelled = assertFailsWith<SyncException.PairingFailed> { pairing.wait() }
                    assertTrue("cancelled" in cancelled.message.orEmpty(), cancelled.message)
                    assertFailsWith<SyncException.PairingFailed> { joinWithCode(pairing.code, relays) }
                }

                phone.createPairingCode(1.seconds).use { pairing ->
                    val expired = assertFailsWith<SyncException.PairingExpired> { pairing.wait() }
                    assertTrue("expired" in expired.message.orEmpty(), expired.message)
                    assertTrue(System.currentTimeMillis() >= pairing.expiresAtMs.toLong(), "expired before its time")
                    assertFailsWith<SyncException.PairingExpired> { joinWithCode(pairing.code, relays) }
                }
            }
        }
    }

    @Test
    fun tamperedBlob() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val acks = listOf("one", "two", "three").map { a.push(it.encodeToByteArray()) }
            tamper(Relay.shared, a.groupId, acks[1].cursor)
            val e = assertFailsWith<SyncException.Tampered> { b.subscribe().take(3).toList() }
            assertTrue(acks[1].blobId in e.message.orEmpty())
            // Collecting again goes on after the tampered blob ("one" was delivered before).
            assertEquals(listOf("three"), b.subscribe().retry { it is SyncException.Tampered }.take(1).map { it.text }.toList())

            // A pull reports the tampered blob beside the good ones, the ones after it included.
            val c = clients.create(SyncConfig.fromInvite(a.createInvite(1.minutes)))
            val pulled = c.pull()
            assertEquals(listOf("one", "three"), pulled.blobs.map { it.text })
            assertEquals(listOf(TamperedBlob(acks[1].blobId, acks[1].cursor)), pulled.tampered)
            assertEquals(PullResult(emptyList(), emptyList()), c.pull())
            val again = c.pullAfter(0u)
            assertEquals(pulled.blobs.map { it.blobId }, again.blobs.map { it.blobId })
            assertEquals(pulled.tampered, again.tampered)
        }
    }

    @Test
    fun filesIoCancelledAndObjectUnavailable(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val missing = File(dir, "missing.bin").path
            val io = assertFailsWith<SyncException.Io> { a.pushFile(missing).use { it.await() } }
            assertTrue(missing in io.message.orEmpty(), io.message)
            val short = a.pushStream(10u).use { upload ->
                upload.write(ByteArray(4))
                assertFailsWith<SyncException.Io> { upload.finish() }
            }
            assertTrue("declared size" in short.message.orEmpty(), short.message)

            val big = File(dir, "big.bin").apply { writeBytes(ByteArray(8 shl 20)) }
            val cancelled = a.pushFile(big.path).use { t ->
                t.cancel()
                assertFailsWith<SyncException.Cancelled> { t.await() }
            }
            assertTrue("cancelled" in cancelled.message.orEmpty(), cancelled.message)

            val nowhere = RemoteObject("0123456789abcdef".repeat(2), 2uL shl 20, "0".repeat(64), 1u shl 20, 2u, null, ByteArray(0))
            val none = File(dir, "none.bin")
            val unavailable = assertFailsWith<SyncException.ObjectUnavailable> {
                b.download(nowhere, none.path).use { it.await() }
            }
            assertTrue(nowhere.objectId in unavailable.message.orEmpty(), unavailable.message)
            assertTrue(!none.exists())
        }
    }

    @Test
    fun invalidConfigs() = runBlocking {
        val addr = listOf(Relay.shared.addr)
        for (config in listOf(
            SyncConfig(addr),
            SyncConfig(addr, secretBytes = ByteArray(31)),
            SyncConfig(addr, passphrase = "pw"),
            SyncConfig(addr, passphrase = "pw", salt = ByteArray(15)),
            SyncConfig(addr, passphrase = "pw", secretBytes = newSecret()),
            SyncConfig(addr, secretBytes = newSecret(), ttl = 0.seconds),
            SyncConfig(addr, secretBytes = newSecret(), deviceName = "d".repeat(257)),
            SyncConfig(emptyList(), secretBytes = newSecret()),
            SyncConfig(listOf("not an address"), secretBytes = newSecret()),
        )) {
            assertFailsWith<SyncException.InvalidConfig>(config.toString()) { SyncClient.create(config) }
        }
    }

    @Test
    fun corruptStateFile(@TempDir dir: File) = runBlocking {
        val state = File(dir, "state.json").apply { writeText("not json") }
        val e = assertFailsWith<SyncException.State> {
            SyncClient.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = newSecret(), statePath = state.path))
        }
        assertTrue(state.path in e.message.orEmpty())
    }

    @Test
    fun unknownCursor() = runBlocking {
        Clients().use { clients ->
            val (a, _) = clients.pair()
            val e = assertFailsWith<SyncException.UnknownCursor> { a.pullAfter(1_000_000u) }
            assertTrue("1000000" in e.message.orEmpty())
            assertEquals(PullResult(emptyList(), emptyList()), a.pull())
        }
    }

    @Test
    fun callsAfterShutdown(): Unit = runBlocking {
        Clients().use { clients ->
            val (a, _) = clients.pair()
            a.shutdown()
            a.shutdown() // idempotent
            assertTrue(!a.isConnected)
            assertFailsWith<SyncException.Shutdown> { a.connect() }
            assertFailsWith<SyncException.Shutdown> { a.push(byteArrayOf(1)) }
            assertFailsWith<SyncException.Shutdown> { a.pull() }
            assertFailsWith<SyncException.Shutdown> { a.subscribe().first() }
            assertFailsWith<SyncException.Shutdown> { a.enqueue(byteArrayOf(1)) }
            assertFailsWith<SyncException.Shutdown> { a.flush() }
            assertEquals(emptyList(), a.events().toList(), "an event stream of a shut-down client ends")
            a.close()
            a.close() // idempotent
            assertFailsWith<IllegalStateException> { a.isConnected }
        }
    }
}
