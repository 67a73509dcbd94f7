package dev.zerok.sync.livesync

import dev.zerok.sync.SyncBlob
import dev.zerok.sync.SyncClient
import dev.zerok.sync.SyncConfig
import dev.zerok.sync.Transfer
import dev.zerok.sync.TransferResult
import dev.zerok.sync.joinWithCode
import dev.zerok.sync.remoteObject
import java.io.File
import kotlin.system.exitProcess
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.firstOrNull
import kotlinx.coroutines.flow.produceIn
import kotlinx.coroutines.flow.receiveAsFlow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.json.JSONObject

/*
 * The Kotlin device of the cross-language live-sync test: tests/live-sync/README.md defines
 * its arguments (modes `push`, `enqueue`, `deliver`, `show`, `type` and `file` included), the
 * payloads, the checks and the JSON line it prints. A plain main in the test sources (surefire
 * never runs it: not a *Test class), started by scripts/test-live-sync in a JVM of its own with
 * -Djna.library.path; it uses only the public facade.
 */

/** Reading on after the last expected blob: a late one is a duplicate. */
private const val SETTLE_MS = 500L

/** A failed check; its message is the result's `error`. */
private class Failed(message: String) : Exception(message)

private fun fnv1a32(data: ByteArray): UInt {
    var h = 0x811c9dc5u
    for (byte in data) h = (h xor byte.toUByte().toUInt()) * 0x01000193u
    return h
}

/** Blob [index] of device [language]: its header, then xorshift32 bytes seeded by it. */
private fun payload(language: String, index: Int, bodySizes: List<Int>): ByteArray {
    val header = "$language:$index:".encodeToByteArray()
    val body = ByteArray(bodySizes[index % bodySizes.size])
    var x = fnv1a32(header).takeIf { it != 0u } ?: 1u
    for (offset in body.indices step 4) {
        x = x xor (x shl 13)
        x = x xor (x shr 17)
        x = x xor (x shl 5)
        for (k in 0 until minOf(4, body.size - offset)) body[offset + k] = (x shr (8 * k)).toByte()
    }
    return header + body
}

/**
 * What this device sends as blob [index]: the rule's payload, unless the test-only hook asks
 * this device to corrupt blob 1.
 */
private fun ownPayload(me: String, index: Int, bodySizes: List<Int>): ByteArray {
    val blob = payload(me, index, bodySizes)
    if (index == 1 && System.getenv("ZEROK_LIVE_SYNC_CORRUPT") == me) {
        blob[blob.size - 1] = (blob[blob.size - 1].toInt() xor 1).toByte()
    }
    return blob
}

private fun checkVectors(table: JSONObject, bodySizes: List<Int>) {
    val vectors = table.getJSONArray("vectors")
    for (i in 0 until vectors.length()) {
        val v = vectors.getJSONObject(i)
        val got = payload(v.getString("language"), v.getInt("index"), bodySizes)
        if (got.size != v.getInt("length") || fnv1a32(got).toLong() != v.getLong("fnv1a32")) {
            throw Failed("payload rule disagrees with vector ${v.getString("language")}:${v.getInt("index")}: " +
                "length ${got.size}, fnv1a32 ${fnv1a32(got)}")
        }
    }
}

private fun firstDifference(expected: ByteArray, got: ByteArray): String {
    for (offset in 0 until minOf(expected.size, got.size)) {
        if (expected[offset] != got[offset]) {
            return "byte $offset differs: expected 0x%02x, got 0x%02x".format(expected[offset], got[offset])
        }
    }
    return "${got.size} bytes, expected ${expected.size}"
}

/** What this device has received: the next index due from each other sender. */
private class Checker(val me: String, languages: List<String>, val n: Int, val bodySizes: List<Int>) {
    val due = languages.filter { it != me }.associateWith { 0 }.toMutableMap()
    var received = 0

    val complete get() = due.values.all { it == n }

    fun progress() = due.entries.joinToString(", ") { (language, i) -> "$language $i/$n" }

    fun accept(got: ByteArray) {
        val start = JSONObject.quote(got.copyOf(minOf(got.size, 24)).toString(Charsets.ISO_8859_1))
        if (complete) throw Failed("a blob after all were received (${got.size} bytes, starting $start): a duplicate or a stray")
        val first = got.indexOf(':'.code.toByte())
        val second = if (first < 0) -1 else (first + 1 until got.size).firstOrNull { got[it] == ':'.code.toByte() } ?: -1
        val digits = if (second < 0) "" else got.copyOfRange(first + 1, second).decodeToString()
        if (digits.isEmpty() || !digits.all { it in '0'..'9' }) {
            throw Failed("a blob without a header (${got.size} bytes, starting $start)")
        }
        val sender = got.copyOf(first).decodeToString()
        val index = digits.toIntOrNull() ?: throw Failed("a blob with index $digits from $sender")
        if (sender == me) throw Failed("received its own blob $sender:$index")
        val next = due[sender] ?: throw Failed("a blob from an unknown sender ${JSONObject.quote(sender)}")
        if (index != next) throw Failed("$sender:$index arrived when $sender:$next was due")
        val expected = payload(sender, index, bodySizes)
        if (!got.contentEquals(expected)) throw Failed("$sender:$index: ${firstDifference(expected, got)}")
        due[sender] = next + 1
        received++
    }
}

/** What a device prints as its one result line, whatever its mode. */
private interface Outcome {
    var ok: Boolean
    var error: String?
    fun toJson(): String
}

private class Result(val language: String) : Outcome {
    override var ok = false
    var pushed = 0
    var received = 0
    var seconds = 0.0
    override var error: String? = null

    override fun toJson() = "{\"language\": ${JSONObject.quote(language)}, \"ok\": $ok, \"pushed\": $pushed, " +
        "\"received\": $received, \"seconds\": $seconds" + (error?.let { ", \"error\": ${JSONObject.quote(it)}" } ?: "") + "}"
}

/** Mode `enqueue`: no connection; after `enqueued all` it waits to be killed. */
private suspend fun enqueueAll(config: SyncConfig, me: String, n: Int, bodySizes: List<Int>): Nothing {
    val client = SyncClient.create(config)
    for (index in 0 until n) {
        client.enqueue(ownPayload(me, index, bodySizes))
        println("enqueued $index")
    }
    println("enqueued all")
    awaitCancellation()
}

private suspend fun run(args: Array<String>, result: Result) = coroutineScope {
    val (relay, secret, me, languages) = args
    val n = args[4].toInt()
    val timeoutMs = (args[6].toDouble() * 1000).toLong()
    val offline = args.drop(7)
    val mode = offline.firstOrNull() ?: "push"
    val statePath = offline.getOrNull(1)
    if (mode !in listOf("push", "enqueue", "deliver") || offline.size > 2 || (mode != "push" && statePath == null)) {
        throw Failed("expected [push|enqueue|deliver <state path>] after the timeout, got $offline")
    }
    val table = JSONObject(File(args[5]).readText())
    val bodySizes = table.getJSONArray("body_sizes").let { a -> List(a.length()) { a.getInt(it) } }
    checkVectors(table, bodySizes)
    val checker = Checker(me, languages.split(","), n, bodySizes)
    val secretBytes = secret.chunked(2).map { it.toInt(16).toByte() }.toByteArray()
    val config = SyncConfig(listOf(relay), secretBytes = secretBytes, deviceName = me, statePath = statePath)
    if (mode == "enqueue") enqueueAll(config, me, n, bodySizes)
    SyncClient.create(config).use { client ->
        client.connect()
        val blobs = client.subscribe().produceIn(this)
        try {
            readyThenGo()
            val start = System.nanoTime()
            val pushing = async {
                if (mode == "deliver") {
                    client.flush() // the outbox holds this device's N blobs from its `enqueue` run
                    result.pushed = n
                } else {
                    for (index in 0 until n) {
                        client.push(ownPayload(me, index, bodySizes))
                        result.pushed++
                    }
                }
            }
            val deadline = start + timeoutMs * 1_000_000
            var settleAt: Long? = null
            while (true) {
                val leftMs = ((settleAt ?: deadline) - System.nanoTime()) / 1_000_000
                // A blob, Unit once the pushes are done, or null: settled, or timed out.
                val event = withTimeoutOrNull(leftMs.coerceAtLeast(1)) {
                    select<Any> {
                        blobs.onReceiveCatching { it.getOrNull() ?: throw it.exceptionOrNull() ?: Failed("the subscription ended") }
                        if (!pushing.isCompleted) pushing.onAwait { }
                    }
                } ?: break
                if (event is SyncBlob) {
                    checker.accept(event.payload)
                    result.received = checker.received
                }
                if (settleAt == null && checker.complete && pushing.isCompleted) {
                    result.seconds = Math.round((System.nanoTime() - start) / 1e6) / 1000.0
                    settleAt = System.nanoTime() + SETTLE_MS * 1_000_000
                }
            }
            if (settleAt == null) {
                pushing.cancel()
                throw Failed("timed out after ${args[6]} s: received ${checker.progress()}; pushed ${result.pushed}/$n")
            }
        } finally {
            blobs.cancel()
        }
    }
    result.ok = true
}

/** The result line of modes `show` and `type` (pairing by code). */
private class PairResult(val language: String) : Outcome {
    override var ok = false
    var verifier: String? = null
    var pairedWith: String? = null
    override var error: String? = null

    override fun toJson() = "{\"language\": ${JSONObject.quote(language)}, \"ok\": $ok" +
        (verifier?.let { ", \"verifier\": ${JSONObject.quote(it)}" } ?: "") +
        (pairedWith?.let { ", \"paired_with\": ${JSONObject.quote(it)}" } ?: "") +
        (error?.let { ", \"error\": ${JSONObject.quote(it)}" } ?: "") + "}"
}

/**
 * Modes `show` (push the payload of index 0, show a code, wait for the pairing) and `type
 * <code>` (join with the code, pull from the group joined: exactly the shower's payload of
 * index 0). Everything within the timeout.
 */
private suspend fun pair(args: Array<String>, result: PairResult) {
    val (relay, secret, me, languages) = args
    val mode = args[7]
    val timeoutMs = (args[6].toDouble() * 1000).toLong()
    if (mode == "type" && args.size != 9) throw Failed("expected type <code> after the timeout, got ${args.drop(7)}")
    val table = JSONObject(File(args[5]).readText())
    val bodySizes = table.getJSONArray("body_sizes").let { a -> List(a.length()) { a.getInt(it) } }
    checkVectors(table, bodySizes)
    val timedOut = "timed out after ${args[6]} s"
    if (mode == "show") {
        val secretBytes = secret.chunked(2).map { it.toInt(16).toByte() }.toByteArray()
        SyncClient.create(SyncConfig(listOf(relay), secretBytes = secretBytes, deviceName = me)).use { client ->
            var shown = false
            withTimeoutOrNull(timeoutMs) {
                client.connect()
                client.push(payload(me, 0, bodySizes))
                client.createPairingCode().use { pairing ->
                    println("code ${pairing.code}")
                    shown = true
                    result.verifier = pairing.wait()
                }
            } ?: throw Failed(if (shown) "$timedOut: no device finished pairing" else "$timedOut before a code was shown")
        }
    } else {
        withTimeoutOrNull(timeoutMs) {
            val joined = joinWithCode(args[8], listOf(relay))
            result.verifier = joined.verifier
            SyncClient.create(SyncConfig.fromInvite(joined.invite, deviceName = me)).use { client ->
                client.connect()
                val pulled = client.pull()
                if (pulled.tampered.isNotEmpty()) throw Failed("the pull reported tampered blobs: ${pulled.tampered}")
                val got = pulled.blobs.singleOrNull()?.payload
                    ?: throw Failed("the pull held ${pulled.blobs.size} blobs, expected exactly one")
                val colon = got.indexOf(':'.code.toByte())
                val sender = if (colon < 0) "" else got.copyOf(colon).decodeToString()
                if (sender == me || sender !in languages.split(",")) {
                    throw Failed("the blob's header names ${JSONObject.quote(sender)}, not another language of the list")
                }
                val expected = payload(sender, 0, bodySizes)
                if (!got.contentEquals(expected)) throw Failed("$sender:0: ${firstDifference(expected, got)}")
                result.pairedWith = sender
            }
        } ?: throw Failed(timedOut)
    }
    result.ok = true
}

/** The result line of mode `file`. */
private class FileResult(val language: String) : Outcome {
    override var ok = false
    var pushedBlake3: String? = null
    var receivedFrom: String? = null
    var receivedBlake3: String? = null
    var seconds = 0.0
    override var error: String? = null

    override fun toJson() = "{\"language\": ${JSONObject.quote(language)}, \"ok\": $ok" +
        (pushedBlake3?.let { ", \"pushed_blake3\": ${JSONObject.quote(it)}" } ?: "") +
        (receivedFrom?.let { ", \"received_from\": ${JSONObject.quote(it)}" } ?: "") +
        (receivedBlake3?.let { ", \"received_blake3\": ${JSONObject.quote(it)}" } ?: "") +
        ", \"seconds\": $seconds" + (error?.let { ", \"error\": ${JSONObject.quote(it)}" } ?: "") + "}"
}

/** Prints [transfer]'s progress as `<tag> <bytes_done> <bytes_total>` to its end, checks it, and awaits it. */
private suspend fun follow(transfer: Transfer, tag: String, size: ULong): TransferResult {
    var last: String? = null
    transfer.progress.collect {
        last = "${it.bytesDone} ${it.bytesTotal}"
        println("$tag $last")
    }
    val result = transfer.await()
    if (last != "$size $size") throw Failed("$tag: the progress ended at ${last ?: "nothing"}, expected $size $size")
    return result
}

/**
 * Mode `file <dir> <size>`: writes `<dir>/<me>.bin`, pushes it and downloads the file of the
 * language before it in the ring to `<dir>/<me>.from-<before>.bin`, both within the timeout.
 */
private suspend fun files(args: Array<String>, result: FileResult) = coroutineScope {
    val (relay, secret, me, list) = args
    if (args.size != 10) throw Failed("expected file <dir> <size> after the timeout, got ${args.drop(7)}")
    val dir = File(args[8])
    val size = args[9].toLong()
    val table = JSONObject(File(args[5]).readText())
    checkVectors(table, table.getJSONArray("body_sizes").let { a -> List(a.length()) { a.getInt(it) } })
    val languages = list.split(",")
    val position = languages.indexOf(me)
    if (position < 0) throw Failed("$me is not in the list $list")
    val before = languages[(position + languages.size - 1) % languages.size]
    val mine = File(dir, "$me.bin")
    mine.outputStream().use { out ->
        val piece = ByteArray(1 shl 20)
        for (offset in 0 until size step piece.size.toLong()) {
            val length = minOf(piece.size.toLong(), size - offset).toInt()
            val first = ((offset + position) % 251).toInt()
            for (k in 0 until length) piece[k] = ((first + k) % 251).toByte()
            out.write(piece, 0, length)
        }
    }
    val secretBytes = secret.chunked(2).map { it.toInt(16).toByte() }.toByteArray()
    SyncClient.create(SyncConfig(listOf(relay), secretBytes = secretBytes, deviceName = me)).use { client ->
        client.connect()
        val blobs = client.subscribe().produceIn(this)
        try {
            readyThenGo()
            val start = System.nanoTime()
            withTimeoutOrNull((args[6].toDouble() * 1000).toLong()) {
                val pushing = async { client.pushFile(mine.path).use { follow(it, "up", size.toULong()) } }
                val remote = blobs.receiveAsFlow().firstOrNull { it.remoteObject?.name == "$before.bin" }?.remoteObject
                    ?: throw Failed("the subscription ended before $before.bin arrived")
                val copy = File(dir, "$me.from-$before.bin")
                result.receivedBlake3 = client.download(remote, copy.path).use { follow(it, "down", size.toULong()) }.blake3
                result.receivedFrom = before
                result.pushedBlake3 = pushing.await().blake3
            } ?: throw Failed("timed out after ${args[6]} s: " +
                (if (result.receivedFrom == null) "no complete download of $before.bin" else "the push did not end"))
            result.seconds = Math.round((System.nanoTime() - start) / 1e6) / 1000.0
        } finally {
            blobs.cancel()
        }
    }
    result.ok = true
}

fun main(args: Array<String>) {
    if (args.getOrNull(7) == "file") {
        val result = FileResult(args[2])
        report(result) { files(args, result) }
    }
    if (args.getOrNull(7) in listOf("show", "type")) {
        val result = PairResult(args[2])
        report(result) { pair(args, result) }
    }
    val result = Result(args[2])
    report(result) { run(args, result) }
}

/** Runs a mode, prints its result line and exits: 0 when it succeeded. */
private fun report(result: Outcome, mode: suspend () -> Unit): Nothing {
    try {
        runBlocking { mode() }
    } catch (e: Failed) {
        result.error = e.message
    } catch (e: Exception) {
        result.error = "${e::class.simpleName}: ${e.message}"
    }
    println(result.toJson())
    System.out.flush()
    exitProcess(if (result.ok) 0 else 1)
}

/** Says `ready`, then waits for the script's `go` on stdin. */
private suspend fun readyThenGo() {
    println("ready")
    val line = withContext(Dispatchers.IO) { readlnOrNull() }
    if (line?.trim() != "go") throw Failed("expected 'go' on stdin, got ${line?.let(JSONObject::quote)}")
}
