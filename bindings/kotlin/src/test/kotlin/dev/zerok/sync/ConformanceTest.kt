package dev.zerok.sync

import java.io.File
import java.nio.file.Files
import java.security.MessageDigest
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.SendChannel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.lastOrNull
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

/**
 * The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
 * the Kotlin facade against real relays: one test per scenario, one facade call per op.
 *
 * An op missing from [call] fails its scenario, naming the op: a new scenario needs no change
 * here unless it needs an API this facade lacks.
 */
class ConformanceTest {
    @TestFactory
    fun scenarios(): List<DynamicTest> {
        val file = plain(JSONObject(File(repo, "tests/conformance/scenarios.json").readText())) as Map<*, *>
        return (file["scenarios"] as List<*>).map { it as Map<*, *> }.map { scenario ->
            DynamicTest.dynamicTest(scenario["name"] as String) { runBlocking { runScenario(scenario) } }
        }
    }

    private suspend fun CoroutineScope.runScenario(scenario: Map<*, *>) {
        val flags = scenario["relay_flags"] as List<*>?
        val own = flags?.let { Relay(*it.map { f -> f as String }.toTypedArray()) }
        val run = Run(this, own ?: Relay.shared, own != null)
        try {
            for ((name, config) in scenario["devices"] as Map<*, *>? ?: emptyMap<String, Any>()) {
                run.saved[name as String] = run.createClient(config as Map<*, *>).also { it.connect() }
            }
            for ((index, step) in (scenario["steps"] as List<*>).withIndex()) {
                try {
                    run.step(step as Map<*, *>)
                } catch (e: AssertionError) {
                    throw AssertionError("step $index $step: ${e.message}", e)
                }
            }
        } finally {
            run.close()
            own?.close()
        }
    }
}

/** org.json's tree as plain Kotlin values: maps, lists, Long, String, Boolean, null. */
private fun plain(x: Any?): Any? = when (x) {
    is JSONObject -> x.keySet().associateWith { plain(x.get(it)) }
    is JSONArray -> (0 until x.length()).map { plain(x.get(it)) }
    JSONObject.NULL -> null
    is Int -> x.toLong()
    else -> x
}

/**
 * A result as the scenarios write it: records as maps of the contract's field names, payloads
 * as text, other bytes as hex, integers as Long.
 */
private fun canonical(v: Any?): Any? = when (v) {
    is SyncBlob -> mapOf(
        "blob_id" to v.blobId, "payload" to v.payload.decodeToString(),
        "cursor" to v.cursor.toLong(), "timestamp_ms" to v.timestampMs.toLong(), "object" to canonical(v.remoteObject),
    )
    is RemoteObject -> mapOf(
        "object_id" to v.objectId, "size" to v.size.toLong(), "blake3" to v.blake3, "chunk_size" to v.chunkSize.toLong(),
        "chunk_count" to v.chunkCount.toLong(), "name" to v.name, "inline_bytes" to v.inlineBytes.hex(),
    )
    is TransferProgress -> mapOf(
        "bytes_done" to v.bytesDone.toLong(), "bytes_total" to v.bytesTotal.toLong(), "bytes_sent" to v.bytesSent.toLong(),
        "chunks_done" to v.chunksDone.toLong(), "chunks_total" to v.chunksTotal.toLong(),
    )
    is TransferResult -> mapOf(
        "object_id" to v.objectId, "size" to v.size.toLong(), "blake3" to v.blake3, "cursor" to v.cursor?.toLong(),
        "path" to v.path,
    )
    is PushResult -> mapOf("blob_id" to v.blobId, "cursor" to v.cursor.toLong())
    is PullResult -> mapOf("blobs" to canonical(v.blobs), "tampered" to canonical(v.tampered))
    is TamperedBlob -> mapOf("blob_id" to v.blobId, "cursor" to v.cursor.toLong())
    is Pending -> mapOf("count" to v.count.toLong(), "bytes" to v.bytes.toLong(), "blob_ids" to v.blobIds)
    is SyncEvent -> canonicalEvent(v)
    is Invite -> mapOf(
        "relay_addresses" to v.relayAddresses, "secret_bytes" to v.secretBytes.hex(), "salt" to v.salt?.hex(),
        "kdf" to canonical(v.kdf), "expires_at" to v.expiresAt.toLong(),
    )
    is KdfParams -> mapOf(
        "memory_kib" to v.memoryKib.toLong(), "iterations" to v.iterations.toLong(),
        "parallelism" to v.parallelism.toLong(),
    )
    is DerivedSecret -> mapOf("secret" to v.secret.hex(), "salt" to v.salt.hex(), "kdf" to canonical(v.kdf))
    is VersionInfo -> mapOf("core" to v.core, "wire" to v.wire.toLong(), "ffi" to v.ffi)
    is PairedInvite -> mapOf("invite" to canonical(v.invite), "verifier" to v.verifier)
    is ULong -> v.toLong()
    is List<*> -> v.map(::canonical)
    else -> v
}

private fun canonicalEvent(e: SyncEvent): Map<String, Any?> = when (e) {
    is SyncEvent.Connected -> mapOf("kind" to "connected", "relay" to e.relay)
    is SyncEvent.Disconnected -> mapOf("kind" to "disconnected", "relay" to e.relay, "reason" to e.reason)
    is SyncEvent.Failover -> mapOf("kind" to "failover", "from_relay" to e.fromRelay, "to_relay" to e.toRelay)
    is SyncEvent.OutboxSent -> mapOf(
        "kind" to "outbox_sent", "blob_id" to e.blobId, "cursor" to e.cursor.toLong(), "pending" to e.pending.toLong(),
    )
    is SyncEvent.OutboxRejected -> mapOf("kind" to "outbox_rejected", "blob_id" to e.blobId, "reason" to e.reason)
    is SyncEvent.Lagged -> mapOf("kind" to "lagged", "missed" to e.missed.toLong())
}

/** [template] for the [i]-th call of a repeated step (or item of an `each`): `{i}` in its strings is [i]. */
private fun numbered(template: Any?, i: Int): Any? = when (template) {
    is String -> template.replace("{i}", i.toString())
    is List<*> -> template.map { numbered(it, i) }
    is Map<*, *> -> template.mapValues { numbered(it.value, i) }
    else -> template
}

private fun kdf(v: Any?): KdfParams = (v as Map<*, *>).let {
    KdfParams((it["memory_kib"] as Long).toUInt(), (it["iterations"] as Long).toUInt(), (it["parallelism"] as Long).toUInt())
}

/** The record `download` takes back, from its canonical form (a saved blob's `object`, or written out). */
private fun remoteObject(v: Any?): RemoteObject = (v as Map<*, *>).let {
    RemoteObject(
        it["object_id"] as String, (it["size"] as Long).toULong(), it["blake3"] as String,
        (it["chunk_size"] as Long).toUInt(), (it["chunk_count"] as Long).toULong(), it["name"] as String?,
        (it["inline_bytes"] as String).unhex(),
    )
}

private fun payload(p: Any?): ByteArray =
    if (p is String) p.encodeToByteArray() else ByteArray(((p as Map<*, *>)["size"] as Long).toInt())

/**
 * A flow collected in the background from the moment it is made (a subscription's blobs, so
 * that what is pushed after it arrives live; a client's events, from then on). Items: what
 * [body] sends, then null once the flow ended (completed or cancelled), or the exception
 * that ended it.
 */
private class Collected(scope: CoroutineScope, body: suspend (SendChannel<Any?>) -> Unit) {
    private val items = Channel<Any?>(Channel.UNLIMITED)

    /** `close` and `close_events` in Kotlin: the collector's cancellation. */
    val job: Job = scope.launch(start = CoroutineStart.UNDISPATCHED) {
        var end: Any? = null
        try {
            body(items)
        } catch (e: SyncException) {
            end = e
        } finally {
            items.trySend(end)
        }
    }

    suspend fun next(count: Int, timeoutMs: Long): List<Any?> {
        val got = mutableListOf<Any?>()
        withTimeoutOrNull(timeoutMs.milliseconds) {
            while (got.size < count) {
                val item = items.receive()
                if (item is SyncException) throw item
                got += item
                if (item == null) break
            }
        }
        return got
    }

    companion object {
        /** A subscription's blobs; {"error": "Tampered"} for a tampered one, and collecting goes on after it. */
        fun blobs(client: SyncClient, scope: CoroutineScope) = Collected(scope) { items ->
            while (true) {
                try {
                    return@Collected client.subscribe().collect { items.send(canonical(it)) }
                } catch (e: SyncException.Tampered) {
                    items.send(mapOf("error" to "Tampered"))
                }
            }
        }

        fun events(client: SyncClient, scope: CoroutineScope) = Collected(scope) { items ->
            client.events().collect { items.send(canonical(it)) }
        }
    }
}

/** One scenario's relay, references and saved results. */
private class Run(val scope: CoroutineScope, val relay: Relay, val ownRelay: Boolean) {
    val saved = mutableMapOf<String, Any?>()
    private val secrets = mutableMapOf<String, String>()
    private val dir: File = Files.createTempDirectory("zerok-kt-conformance-").toFile()
    private val clients = mutableListOf<SyncClient>()
    private val collected = mutableListOf<Collected>()
    private val pairings = mutableListOf<Pairing>()
    private val transfers = mutableListOf<AutoCloseable>()

    suspend fun step(step: Map<*, *>) {
        var result: Any? = null
        var error: String? = null
        for (i in 0 until ((step["repeat"] ?: 1L) as Long).toInt()) {
            try {
                val on = (step["on"] as String?)?.let { saved[it] }
                result = call(step["op"] as String, on, numbered(step["args"] ?: emptyMap<String, Any>(), i) as Map<*, *>)
            } catch (e: SyncException) {
                error = e::class.simpleName
                break
            }
        }
        assertEquals(step["error"], error, "error")
        if ("expect" in step) assertTrue(matches(canonical(result), step["expect"]), "got ${canonical(result)}")
        (step["save"] as String?)?.let { saved[it] = result }
    }

    private suspend fun call(op: String, on: Any?, a: Map<*, *>): Any? {
        val c = on as? SyncClient
        return when (op) {
            "create_client" -> createClient(a["config"] as Map<*, *>)
            "connect" -> c!!.connect()
            "disconnect" -> c!!.disconnect()
            "push" -> c!!.push(payload(a["payload"]))
            "pull" -> c!!.pull()
            "pull_after" -> c!!.pullAfter((value(a["cursor"]) as Long).toULong())
            "enqueue" -> c!!.enqueue(payload(a["payload"]))
            "pending" -> c!!.pending
            "flush" -> c!!.flush((a["timeout_ms"] as Long?)?.milliseconds)
            "events" -> Collected.events(c!!, scope).also { collected += it }
            "subscribe" -> Collected.blobs(c!!, scope).also { collected += it }
            "next", "next_event" -> (on as Collected).next((a["count"] as Long).toInt(), a["timeout_ms"] as Long)
            "close", "close_events" -> (on as Collected).job.cancel()
            "is_connected" -> c!!.isConnected
            "current_cursor" -> c!!.currentCursor
            "active_relay" -> c!!.activeRelay
            "group_id" -> c!!.groupId
            "create_invite" -> c!!.createInvite((a["ttl_secs"] as Long).seconds)
            "shutdown" -> c!!.shutdown()
            "invite_to_qr" -> inviteToQr(native(a["invite"]) as Invite)
            "invite_from_qr" -> inviteFromQr(value(a["qr"]) as String)
            "derive_secret" -> deriveSecret(
                a["passphrase"] as String,
                a["salt"]?.let { (value(it) as String).unhex() },
                a["kdf"]?.let { kdf(value(it)) },
            )
            "version" -> version()
            "create_pairing_code" ->
                c!!.createPairingCode((a["ttl_secs"] as Long?)?.seconds).also { pairings += it }
            "code" -> (on as Pairing).code
            "expires_at_ms" -> (on as Pairing).expiresAtMs
            "wait" -> (on as Pairing).wait()
            "cancel" -> (on as Pairing).cancel()
            "push_file" -> c!!.pushFile(value(a["path"]) as String).also { transfers += it }
            "enqueue_file" -> c!!.enqueueFile(value(a["path"]) as String)
            "push_stream" -> c!!.pushStream((a["size"] as Long).toULong(), a["name"] as String?).also { transfers += it }
            "write" -> (on as Upload).write(payload(a["data"]))
            "finish" -> (on as Upload).finish()
            "transfer" -> (on as Upload).transfer
            "download" ->
                c!!.download(remoteObject(value(a["object"])), value(a["path"]) as String).also { transfers += it }
            "object_id" -> (on as Transfer).objectId
            "progress" -> (on as Transfer).currentProgress
            "next_progress" -> (on as Transfer).progress.lastOrNull()
            "outcome" -> (on as Transfer).await()
            "cancel_transfer" -> (on as Transfer).cancel()
            "join_with_code" ->
                joinWithCode(value(a["code"]) as String, (value(a["relay_addresses"]) as List<*>).map { it as String })
            // Harness ops (no contract name).
            "sleep" -> delay(a["ms"] as Long)
            "kill_relay" -> {
                assertTrue(ownRelay, "kill_relay needs a relay of the scenario's own (relay_flags)")
                relay.kill()
            }
            "relay_exited" -> assertTrue(relay.exitedWithin((a["timeout_ms"] as Long).milliseconds), "the relay still runs")
            "start_relay" -> {
                assertTrue(ownRelay, "start_relay needs a relay of the scenario's own (relay_flags)")
                (a["flags"] as List<*>?)?.let { flags -> relay.restart(flags.map { it as String }.toTypedArray()) }
                    ?: relay.restart()
            }
            "tamper" -> tamper(relay, value(a["group_id"]) as String, (value(a["cursor"]) as Long).toULong())
            "tamper_chunk" -> tamperChunk(
                relay, value(a["group_id"]) as String, value(a["object_id"]) as String, a["index"] as Long,
            )
            "write_file" -> File(value(a["path"]) as String).let { file ->
                (a["text"] as String?)?.let { file.writeText(it) }
                    ?: file.writeBytes(ByteArray((a["size"] as Long).toInt()) { (it % 251).toByte() })
            }
            "file_sha256" -> File(value(a["path"]) as String).takeIf { it.exists() }
                ?.let { MessageDigest.getInstance("SHA-256").digest(it.readBytes()).hex() }
            else -> fail("op '$op' is not supported by the Kotlin runner")
        }
    }

    suspend fun createClient(fields: Map<*, *>): SyncClient = SyncClient.create(config(fields)).also { clients += it }

    private fun config(fields: Map<*, *>): SyncConfig {
        val base = fields["from_invite"]?.let { SyncConfig.fromInvite(native(it) as Invite) } ?: SyncConfig(emptyList())
        return (value(fields - "from_invite") as Map<*, *>).entries.fold(base) { c, (key, v) ->
            when (key) {
                "relay_addresses" -> c.copy(relayAddresses = (v as List<*>).map { it as String })
                "passphrase" -> c.copy(passphrase = v as String)
                "secret_bytes" -> c.copy(secretBytes = (v as String).unhex())
                "salt" -> c.copy(salt = (v as String).unhex())
                "kdf" -> c.copy(kdf = kdf(v))
                "device_name" -> c.copy(deviceName = v as String)
                "ttl_secs" -> c.copy(ttl = (v as Long).seconds)
                "state_path" -> c.copy(statePath = v as String)
                "keep_alive_ms" -> c.copy(keepAlive = (v as Long).milliseconds)
                "idle_timeout_ms" -> c.copy(idleTimeout = (v as Long).milliseconds)
                "connect_timeout_ms" -> c.copy(connectTimeout = (v as Long).milliseconds)
                "request_timeout_ms" -> c.copy(requestTimeout = (v as Long).milliseconds)
                "outbox_max_bytes" -> c.copy(outboxMaxBytes = (v as Long).toULong())
                else -> fail("unknown config field $key")
            }
        }
    }

    private fun resolve(ref: String): Any? {
        val (kind, name) = ref.drop(1).split(":", limit = 2).let { it[0] to it.getOrElse(1) { "" } }
        return when {
            ref == "\$relay" -> relay.addr
            kind == "wrong_id" -> name.repeat(64) + "@" + relay.addr.substringAfter("@")
            kind == "secret" -> secrets.getOrPut(name) { newSecret().hex() }
            kind == "file" -> File(dir, name).path
            // `$name.field.0.field`: each dot a field or an array index.
            else -> ref.drop(1).split(".").let { path ->
                path.drop(1).fold(canonical(native("\$${path[0]}"))) { v, key ->
                    if (v is List<*>) v[key.toInt()] else (v as Map<*, *>)[key]
                }
            }
        }
    }

    /** [x] with every reference resolved to its canonical value. */
    private fun value(x: Any?): Any? = when {
        x is String && x.startsWith("$") -> resolve(x)
        x is List<*> -> x.map(::value)
        x is Map<*, *> -> x.mapValues { value(it.value) }
        else -> x
    }

    /**
     * The saved result itself (a record the facade takes back): `$name`, or `$name.invite`
     * for the invite of a saved `join_with_code` result.
     */
    private fun native(ref: Any?): Any? {
        val (name, field) = (ref as String).drop(1).split(".", limit = 2).let { it[0] to it.getOrNull(1) }
        assertTrue(name in saved, "nothing saved as $name")
        return when (field) {
            null -> saved[name]
            "invite" -> (saved[name] as PairedInvite).invite
            else -> fail("no record at $ref")
        }
    }

    private fun matches(actual: Any?, template: Any?): Boolean = when {
        template is String && template.startsWith("$") -> actual == resolve(template)
        template is List<*> ->
            actual is List<*> && actual.size == template.size && actual.zip(template).all { (a, t) -> matches(a, t) }
        template is Map<*, *> && template.keys == setOf("matches") ->
            actual is String && Regex(template["matches"] as String).containsMatchIn(actual)
        template is Map<*, *> && template.keys == setOf("each", "count") ->
            actual is List<*> && actual.size == (template["count"] as Long).toInt() &&
                actual.withIndex().all { (i, a) -> matches(a, numbered(template["each"], i)) }
        template is Map<*, *> ->
            actual is Map<*, *> && template.all { (k, t) -> k in actual && matches(actual[k], t) }
        else -> actual == template
    }

    fun close() {
        collected.forEach { it.job.cancel() }
        pairings.forEach { it.close() }
        transfers.forEach { it.close() }
        clients.forEach { it.close() }
        dir.deleteRecursively()
    }
}
