package dev.zerok.sync

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.junit.jupiter.api.Test

/**
 * Pairing by code through the facade, against a relay of this class's own (the relay limits
 * joins per minute and source IP; the shared relay's budget stays for the other tests). The
 * errors are in ErrorsTest.
 */
class PairingTest {
    private val codeFormat = Regex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")

    /** A connected device of a new group on [relay]. */
    private suspend fun Clients.shower(relay: Relay) =
        create(SyncConfig(listOf(relay.addr), secretBytes = newSecret(), deviceName = "phone"))

    @Test
    fun aDeviceJoinsByTheCodeAnotherShowsAndConcurrentWaitersGetOneVerifier(): Unit = runBlocking {
        Relay().use { relay ->
            Clients().use { clients ->
                val phone = clients.shower(relay)
                phone.push("before pairing".encodeToByteArray())
                phone.createPairingCode().use { pairing ->
                    assertTrue(codeFormat.matches(pairing.code), pairing.code)
                    // The default lifetime, 10 minutes (the relay's clock is this machine's).
                    val left = pairing.expiresAtMs.toLong() - System.currentTimeMillis()
                    assertTrue(left in 590_000..600_000, "expires in $left ms")

                    // Waiters on one handle from several threads, started before anyone typed.
                    val waiters = List(4) { async(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { pairing.wait() } }
                    val joined = joinWithCode(pairing.code, listOf(relay.addr))
                    assertTrue(Regex("^[0-9]{3} [0-9]{3}$").matches(joined.verifier), joined.verifier)
                    assertEquals(List(4) { joined.verifier }, waiters.awaitAll())
                    assertEquals(joined.verifier, pairing.wait(), "a wait after the outcome gets it too")

                    // The invite is the group's: the new device reads what the phone pushed, and back.
                    assertEquals(listOf(relay.addr), joined.invite.relayAddresses)
                    val laptop = clients.create(SyncConfig.fromInvite(joined.invite, deviceName = "laptop"))
                    assertEquals(phone.groupId, laptop.groupId)
                    assertEquals(listOf("before pairing"), laptop.pull().blobs.map { it.text })
                    laptop.push("from the laptop".encodeToByteArray())
                    assertEquals(listOf("from the laptop"), phone.pull().blobs.map { it.text })

                    // A code works once.
                    assertFailsWith<SyncException.PairingFailed> { joinWithCode(pairing.code, listOf(relay.addr)) }
                }
            }
        }
    }

    @Test
    fun aCancelledWaiterLeavesThePairingOpenAndClosingEndsIt(): Unit = runBlocking {
        Relay().use { relay ->
            Clients().use { clients ->
                val phone = clients.shower(relay)
                // Nobody typed the code yet: the wait cannot finish, and its cancellation is
                // the caller's alone.
                val pairing = phone.createPairingCode(2.minutes)
                val left = pairing.expiresAtMs.toLong() - System.currentTimeMillis()
                assertTrue(left in 110_000..120_000, "a 2-minute code expires in $left ms")
                assertNull(withTimeoutOrNull(200.milliseconds) { pairing.wait() })
                val waiting = async(start = CoroutineStart.UNDISPATCHED) { pairing.wait() }
                val joined = joinWithCode(pairing.code, listOf(relay.addr))
                assertEquals(joined.verifier, waiting.await())
                pairing.close()
                pairing.close() // idempotent
                assertFailsWith<IllegalStateException> { pairing.code }

                // use { } left early (here: the screen showing the code threw) cancels the code.
                var code = ""
                val left2 = runCatching {
                    phone.createPairingCode().use {
                        code = it.code
                        error("the user left the screen")
                    }
                }
                assertEquals("the user left the screen", left2.exceptionOrNull()?.message)
                assertFailsWith<SyncException.PairingFailed> { joinWithCode(code, listOf(relay.addr)) }

                // close() while a caller waits: the waiter gets PairingFailed.
                val shown = phone.createPairingCode()
                val waiter = async(start = CoroutineStart.UNDISPATCHED) { runCatching { shown.wait() } }
                shown.close()
                assertTrue(waiter.await().exceptionOrNull() is SyncException.PairingFailed, "${waiter.await()}")
            }
        }
    }
}
