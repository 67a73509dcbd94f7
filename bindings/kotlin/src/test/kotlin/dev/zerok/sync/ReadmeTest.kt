package dev.zerok.sync

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import kotlin.test.assertEquals
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

// README-BEGIN quickstart
suspend fun quickstart(relay: String) {
    // A new group. Its secret leaves this device only inside an invite.
    val secret = ByteArray(32).also { java.security.SecureRandom().nextBytes(it) }
    SyncClient.create(SyncConfig(listOf(relay), secretBytes = secret, deviceName = "phone")).use { phone ->
        phone.connect()
        val qr = inviteToQr(phone.createInvite(10.minutes)) // show it as a QR code
        SyncClient.create(SyncConfig.fromInvite(inviteFromQr(qr), deviceName = "laptop")).use { laptop ->
            laptop.connect()
            val ack = phone.push("hello from the phone".encodeToByteArray())
            println("pushed at cursor ${ack.cursor}")

            val blob = laptop.subscribe().first() // the backlog first, then live blobs
            println("laptop got ${blob.payload.decodeToString()}")

            try {
                laptop.pullAfter(1_000_000u)
            } catch (e: SyncException.UnknownCursor) { // or any: catch (e: SyncException)
                println("caught ${e::class.simpleName} - ${e.message}")
            }
        }
    }
}
// README-END

// README-BEGIN pairing
suspend fun pairByCode(relay: String) {
    val secret = ByteArray(32).also { java.security.SecureRandom().nextBytes(it) }
    SyncClient.create(SyncConfig(listOf(relay), secretBytes = secret, deviceName = "phone")).use { phone ->
        phone.connect() // a code names a mailbox on the relay the phone is connected to
        phone.push("pushed before pairing".encodeToByteArray())
        phone.createPairingCode().use { pairing -> // leaving use { } early cancels the code
            println("phone shows ${pairing.code}")

            // On the laptop: its user types the code; the app knows the relay's address.
            val joined = joinWithCode(pairing.code, listOf(relay))
            println("laptop shows ${joined.verifier}")
            SyncClient.create(SyncConfig.fromInvite(joined.invite, deviceName = "laptop")).use { laptop ->
                laptop.connect()
                println("laptop pulled ${laptop.pull().blobs.single().payload.decodeToString()}")
            }

            // Back on the phone (a real app waits while it shows the code): the users check
            // that both screens show the same digits.
            println("phone shows ${pairing.wait()}")
        }
    }
}
// README-END

// README-BEGIN offline
suspend fun offlineFirst(relay: String, secret: ByteArray, statePath: String) = coroutineScope {
    // A phone's liveness setting, the longest allowed (defaults: 3 s and 10 s).
    val config = SyncConfig(
        listOf(relay), secretBytes = secret, statePath = statePath,
        keepAlive = 4500.milliseconds, idleTimeout = 15.seconds,
    )
    SyncClient.create(config).use { phone ->
        // Collecting opens the event stream; first() ends the collection, which closes it.
        val sent = async(start = CoroutineStart.UNDISPATCHED) {
            phone.events().filterIsInstance<SyncEvent.OutboxSent>().first()
        }
        val id = phone.enqueue("written offline".encodeToByteArray()) // durable, no network
        println("pending ${phone.pending.count}, ours: ${phone.pending.blobIds == listOf(id)}")

        phone.connect() // from now on the client sends the outbox, and reconnects by itself
        phone.flush(timeout = 30.seconds)
        println("pending ${phone.pending.count}; sent at cursor ${sent.await().cursor}")
    }
}
// README-END

// README-BEGIN files
suspend fun sendAFile(relay: String, dir: File) {
    val secret = ByteArray(32).also { java.security.SecureRandom().nextBytes(it) }
    val photo = File(dir, "photo.jpg").apply { writeBytes(ByteArray(3 shl 20) { it.toByte() }) }
    SyncClient.create(SyncConfig(listOf(relay), secretBytes = secret, deviceName = "phone")).use { phone ->
        phone.connect()
        phone.pushFile(photo.path).use { upload -> // leaving use { } before the end cancels it
            // The progress flow completes when the transfer ends.
            upload.progress.collect { print("\rphone sent ${it.bytesDone * 100u / it.bytesTotal}%") }
            println()
            println("pushed at cursor ${upload.await().cursor}")
        }
    }

    // Another device of the group: the file arrives as a blob that describes it.
    SyncClient.create(SyncConfig(listOf(relay), secretBytes = secret, deviceName = "laptop")).use { laptop ->
        laptop.connect()
        val remote = laptop.pull().blobs.single().remoteObject ?: error("not a file")
        println("laptop sees ${remote.name}, ${remote.size} bytes")
        val copy = File(dir, "copy.jpg")
        laptop.download(remote, copy.path).use { it.await() } // the file appears once verified
        println("laptop saved a copy; same bytes: ${copy.readBytes().contentEquals(photo.readBytes())}")
    }
}
// README-END

/** The README's Kotlin blocks are the functions above, which run and print what it says. */
class ReadmeTest {
    private val readme = File(repo, "bindings/kotlin/README.md").readText()

    /** The README's blocks of [language] after [before], in order. */
    private fun blocks(language: String, before: String = "") =
        readme.split("$before```$language\n").drop(1).map { it.substringBefore("```") }

    @Test
    fun readmeShowsTheTestedCode() {
        val source = File(repo, "bindings/kotlin/src/test/kotlin/dev/zerok/sync/ReadmeTest.kt").readText()
        val tested = source.split(Regex("// README-BEGIN \\w+\n")).drop(1).map { it.substringBefore("// README-END") }
        assertEquals(tested, blocks("kotlin"))
    }

    @Test
    fun examplesPrintWhatTheReadmeSays(@TempDir dir: File) = runBlocking {
        val outputs = listOf(
            printed { quickstart(Relay.shared.addr) },
            examplesOf(printed { pairByCode(Relay.shared.addr) }),
            printed { offlineFirst(Relay.shared.addr, newSecret(), File(dir, "phone.json").path) },
            asTerminalShows(printed { sendAFile(Relay.shared.addr, dir) }),
        )
        assertEquals(blocks("text", before = "prints\n\n"), outputs)
    }

    /**
     * [output] with the code and the verifier it printed (random) replaced by the README's
     * examples: every occurrence of the first code and of the first verifier, so a second
     * verifier that differs stays and fails the comparison.
     */
    private fun examplesOf(output: String): String {
        var result = output
        for ((format, example) in listOf(
            "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}" to "7K2M-4Q9D-XR3T-8HWB",
            "[0-9]{3} [0-9]{3}" to "123 456",
        )) {
            Regex("(?<=shows )$format$", RegexOption.MULTILINE).find(result)?.let { result = result.replace(it.value, example) }
        }
        return result
    }

    /** [output] as a terminal shows it: each line from its last carriage return (the progress's last). */
    private fun asTerminalShows(output: String) = output.split("\n").joinToString("\n") { it.substringAfterLast('\r') }

    private suspend fun printed(example: suspend () -> Unit): String {
        val captured = ByteArrayOutputStream()
        val original = System.out
        System.setOut(PrintStream(captured, true))
        try {
            example()
        } finally {
            System.setOut(original)
        }
        return captured.toString()
    }
}
