package dev.zerok.sync

import java.io.File
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class SyncTest {
    @Test
    fun roundTrip() = runBlocking {
        Clients().use { clients ->
            val secret = newSecret()
            val a = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = secret, deviceName = "a"))
            val b = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = secret, deviceName = "b"))
            assertTrue(a.isConnected)
            assertEquals(Relay.shared.addr, a.activeRelay)
            assertEquals(a.groupId, b.groupId)
            assertTrue(Regex("[0-9a-f]{64}").matches(a.groupId))

            val ack = a.push("hello".encodeToByteArray())
            assertEquals(32, ack.blobId.length)
            val blobs = b.pull().blobs
            assertEquals(listOf("hello"), blobs.map { it.text })
            assertEquals(ack.blobId, blobs[0].blobId)
            assertEquals(ack.cursor, blobs[0].cursor)
            assertTrue(blobs[0].timestampMs > 1_600_000_000_000u)
            assertEquals(ack.cursor, b.currentCursor)
            assertEquals(emptyList(), b.pull().blobs, "pull() advances the cursor")
            assertEquals(listOf("hello"), b.pullAfter(0u).blobs.map { it.text })
            assertEquals(PullResult(emptyList(), emptyList()), a.pull(), "a device never gets its own pushes back")
        }
    }

    /** An InputStream pushed as a file arrives whole; its download's progress only grows, to the end. */
    @Test
    fun aStreamPushedAsAFileIsDownloadedWhole(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val bytes = ByteArray((2 shl 20) + 5) { (it % 251).toByte() }
            val pushed = a.pushStream(bytes.inputStream(), bytes.size.toULong(), "data.bin")
            val blob = b.pull().blobs.single()
            val remote = blob.remoteObject!!
            assertEquals(pushed.cursor, blob.cursor)
            assertEquals(0, blob.payload.size)
            assertEquals(listOf<Any?>(pushed.objectId, bytes.size.toULong(), pushed.blake3, "data.bin", 3uL),
                listOf(remote.objectId, remote.size, remote.blake3, remote.name, remote.chunkCount))
            val copy = File(dir, "copy.bin")
            b.download(remote, copy.path).use { t ->
                assertEquals(remote.objectId, t.objectId)
                val seen = t.progress.toList()
                assertTrue(seen.zipWithNext().all { (x, y) -> x.bytesDone <= y.bytesDone }, "$seen")
                assertEquals(bytes.size.toULong(), seen.last().bytesDone)
                assertEquals(seen.last(), t.currentProgress)
                assertEquals(copy.path, t.await().path)
            }
            assertContentEquals(bytes, copy.readBytes())
        }
    }

    @Test
    fun payloadsOfAnySize() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val big = ByteArray(3 shl 20) { (it % 251).toByte() }
            val sent = listOf(ByteArray(0), byteArrayOf(0, -1), big)
            sent.forEach { a.push(it) }
            val got = b.pull().blobs
            assertEquals(sent.size, got.size)
            sent.zip(got).forEach { (s, g) -> assertContentEquals(s, g.payload) }
        }
    }

    @Test
    fun twoClientsLiveViaFlow() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            withTimeout(20.seconds) {
                val toB = async { b.subscribe().take(3).map { it.text }.toList() }
                val toA = async { a.subscribe().take(2).map { it.text }.toList() }
                delay(200) // both streams open and idle: what follows arrives live
                repeat(3) { a.push("a$it".encodeToByteArray()) }
                repeat(2) { b.push("b$it".encodeToByteArray()) }
                assertEquals(listOf("a0", "a1", "a2"), toB.await())
                assertEquals(listOf("b0", "b1"), toA.await())
            }
        }
    }

    @Test
    fun twoHundredConcurrentPushesInCoroutineScope() = runBlocking {
        Clients().use { clients ->
            val (a, b) = clients.pair()
            val sent = (0 until 200).map { "push $it" }
            val acks = coroutineScope { sent.map { p -> async { a.push(p.encodeToByteArray()) } }.awaitAll() }
            assertEquals(200, acks.map { it.cursor }.toSet().size)
            val pulled = b.pull().blobs
            assertEquals(acks.map { it.cursor }.sorted(), pulled.map { it.cursor })
            val byCursor = acks.map { it.cursor }.zip(sent).toMap()
            assertEquals(pulled.map { byCursor[it.cursor] }, pulled.map { it.text })
        }
    }

    @Test
    fun inviteRoundTrip() = runBlocking {
        Clients().use { clients ->
            val secret = newSecret()
            val a = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = secret))
            val invite = a.createInvite(10.minutes)
            assertEquals(listOf(Relay.shared.addr), invite.relayAddresses)
            assertContentEquals(secret, invite.secretBytes)
            val qr = inviteToQr(invite)
            assertTrue(qr.startsWith("0k1."))
            val parsed = inviteFromQr(qr)
            assertEquals(invite.expiresAt, parsed.expiresAt)
            val c = clients.create(SyncConfig.fromInvite(parsed, deviceName = "c"))
            assertEquals(a.groupId, c.groupId)
            a.push("welcome".encodeToByteArray())
            assertEquals(listOf("welcome"), c.pull().blobs.map { it.text })
        }
    }

    @Test
    fun passphraseGroup() = runBlocking {
        Clients().use { clients ->
            val fast = KdfParams(memoryKib = 19456u, iterations = 2u, parallelism = 1u)
            val derived = deriveSecret("correct horse", kdf = fast)
            assertEquals(16, derived.salt.size)
            assertEquals(fast, derived.kdf)
            val byPassphrase = clients.create(
                SyncConfig(listOf(Relay.shared.addr), passphrase = "correct horse", salt = derived.salt, kdf = fast),
            )
            val bySecret = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = derived.secret))
            assertEquals(byPassphrase.groupId, bySecret.groupId)
        }
    }

    @Test
    fun statePathKeepsTheCursor(@TempDir dir: File) = runBlocking {
        Clients().use { clients ->
            val secret = newSecret()
            val a = clients.create(SyncConfig(listOf(Relay.shared.addr), secretBytes = secret))
            val ack = a.push("seen once".encodeToByteArray())
            val config = SyncConfig(listOf(Relay.shared.addr), secretBytes = secret, statePath = File(dir, "device.json").path)
            SyncClient.create(config).use { first ->
                first.connect()
                assertEquals(listOf("seen once"), first.pull().blobs.map { it.text })
            }
            val again = clients.create(config)
            assertEquals(ack.cursor, again.currentCursor)
        }
    }

    @Test
    fun configToStringHidesSecrets() {
        val text = SyncConfig(listOf("x"), passphrase = "hunter2", secretBytes = "s3cr3t".encodeToByteArray()).toString()
        assertTrue("hunter2" !in text && "s3cr3t" !in text && "[B@" !in text, text)
        assertNotEquals("", text)
    }
}
