package dev.zerok.sync

import java.io.File
import java.nio.file.Files
import java.security.SecureRandom
import java.util.concurrent.TimeUnit
import kotlin.time.Duration

/** The repository (tests/vectors, tests/tools, target/release); set by the build. */
val repo = File(System.getenv("ZEROK_REPO") ?: "../..").canonicalFile

/**
 * A real `zerok relay` process on 127.0.0.1 with its SQLite file in a temp dir. [restart]
 * starts it again on the same database, key and address.
 */
class Relay(private vararg val flags: String) : AutoCloseable {
    private val dir: File = Files.createTempDirectory("zerok-kt-").toFile()
    val db = File(dir, "relay.db")
    private var process: Process = start("127.0.0.1:0", flags)
    val addr: String = process.inputStream.bufferedReader().readLine().orEmpty().trim()

    init {
        check("@" in addr) { "relay printed '$addr'; log: ${log()}" }
    }

    private fun start(listen: String, flags: Array<out String>): Process {
        val bin = System.getenv("ZEROK_BIN") ?: File(repo, "target/release/zerok").path
        return ProcessBuilder(bin, "relay", "--db", db.path, "--listen", listen, *flags)
            .redirectError(ProcessBuilder.Redirect.appendTo(File(dir, "relay.log")))
            .redirectInput(ProcessBuilder.Redirect.from(File("/dev/null")))
            .start()
    }

    private fun log() = File(dir, "relay.log").readText().takeLast(2000)

    /** SIGKILL and wait: the relay is dead when this returns. */
    fun kill() {
        process.destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)
    }

    /** Whether the process ended by itself within [timeout]. */
    fun exitedWithin(timeout: Duration): Boolean = process.waitFor(timeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)

    /** Kills the relay if it runs, then starts it again (with [flags], else its own). */
    fun restart(flags: Array<out String> = this.flags) {
        kill()
        process = start(addr.substringAfter("@"), flags)
        val again = process.inputStream.bufferedReader().readLine().orEmpty().trim()
        check(again == addr) { "restarted relay printed '$again', not '$addr'; log: ${log()}" }
    }

    override fun close() {
        kill()
        dir.deleteRecursively()
    }

    companion object {
        /** One relay with default limits for the whole test run. */
        val shared: Relay by lazy { Relay().also { Runtime.getRuntime().addShutdownHook(Thread(it::close)) } }
    }
}

/** A fresh group: tests never see each other's blobs. */
fun newSecret(): ByteArray = ByteArray(32).also { SecureRandom().nextBytes(it) }

/** Flips a bit of a stored envelope (tests/tools/tamper_blob.py, shared by every language). */
fun tamper(relay: Relay, groupId: String, cursor: ULong) = tool(relay, "tamper_blob.py", groupId, cursor.toString())

/** Runs tests/tools/[name] on [relay]'s database with [args]. */
private fun tool(relay: Relay, name: String, vararg args: String) {
    val process = ProcessBuilder("python3", File(repo, "tests/tools/$name").path, relay.db.path, *args)
        .redirectErrorStream(true).start()
    val output = process.inputStream.bufferedReader().readText()
    check(process.waitFor() == 0) { "$name: $output" }
}

/** Flips a bit of a stored chunk envelope (tests/tools/tamper_chunk.py, shared by every language). */
fun tamperChunk(relay: Relay, groupId: String, objectId: String, index: Long) =
    tool(relay, "tamper_chunk.py", groupId, objectId, "flip", index.toString())

/** Clients made by a test, closed at its end. */
class Clients : AutoCloseable {
    private val made = mutableListOf<SyncClient>()

    suspend fun create(config: SyncConfig, connect: Boolean = true): SyncClient =
        SyncClient.create(config).also {
            made += it
            if (connect) it.connect()
        }

    /** Two connected clients of one new group. */
    suspend fun pair(relay: Relay = Relay.shared): Pair<SyncClient, SyncClient> {
        val config = SyncConfig(listOf(relay.addr), secretBytes = newSecret())
        return create(config) to create(config)
    }

    override fun close() = made.forEach { it.close() }
}

val SyncBlob.text: String get() = payload.decodeToString()

fun String.unhex(): ByteArray = chunked(2).map { it.toInt(16).toByte() }.toByteArray()

fun ByteArray.hex(): String = joinToString("") { "%02x".format(it) }
