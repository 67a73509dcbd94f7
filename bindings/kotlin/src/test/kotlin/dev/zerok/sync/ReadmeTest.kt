package dev.zerok.sync

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import kotlin.test.assertEquals
import kotlin.time.Duration.Companion.minutes
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

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

/** The README's quickstart is the function above, which runs and prints what it says. */
class ReadmeTest {
    private val readme = File(repo, "bindings/kotlin/README.md").readText()

    @Test
    fun readmeShowsTheTestedCode() {
        val source = File(repo, "bindings/kotlin/src/test/kotlin/dev/zerok/sync/ReadmeTest.kt").readText()
        val tested = source.substringAfter("// README-BEGIN quickstart\n").substringBefore("// README-END")
        assertEquals(tested, readme.substringAfter("```kotlin\n").substringBefore("```"))
    }

    @Test
    fun quickstartPrintsWhatTheReadmeSays() = runBlocking {
        val expected = readme.substringAfter("prints\n\n```text\n").substringBefore("```")
        val captured = ByteArrayOutputStream()
        val original = System.out
        System.setOut(PrintStream(captured, true))
        try {
            quickstart(Relay.shared.addr)
        } finally {
            System.setOut(original)
        }
        assertEquals(expected, captured.toString())
    }
}
