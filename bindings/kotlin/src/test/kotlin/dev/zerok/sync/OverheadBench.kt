package dev.zerok.sync

import java.io.File
import java.util.Locale
import kotlin.math.ceil
import kotlin.random.Random
import kotlinx.coroutines.runBlocking
import org.json.JSONObject

/*
 * Call overhead of the Kotlin binding on the JVM: the two measurements defined in
 * scripts/bench-overhead (a trivial async call, a 64 KiB push), made through the public
 * coroutine facade, so their ratios to the Rust baseline show what crossing into the JVM
 * costs. A plain main in the test sources (it reuses the tests' Relay; surefire never runs
 * it: not a *Test class), started by scripts/bench-overhead in a JVM of its own with
 * -Djna.library.path. Writes target/bench/overhead-kotlin.json (repository root) and prints
 * a one-line summary.
 */

private const val TRIVIAL_WARMUP = 2_000
private const val TRIVIAL_MIN_BATCH = 10_000
private const val PUSH_WARMUP = 50
private const val PUSH_MIN_BATCH = 100
private const val BATCHES = 7
private const val MIN_BATCH_NS = 0.2e9
/** As in every harness: JITs (C2 here) settle after many more calls than 2,000. */
private const val MIN_WARMUP_NS = 1e9
private const val PAYLOAD = 64 * 1024

/** The calls per batch of a measurement and the per-call time (ns) of each batch. */
private class Batches(val calls: Int, val ns: List<Double>)

/**
 * At least [warmup] calls and [MIN_WARMUP_NS] of them, then [BATCHES] batches of sequential
 * calls, each of at least [minCalls] calls and (by the warm-up's pace) [MIN_BATCH_NS].
 */
private suspend fun batches(warmup: Int, minCalls: Int, call: suspend () -> Unit): Batches {
    val start = System.nanoTime()
    var warmed = 0
    while (warmed < warmup || System.nanoTime() - start < MIN_WARMUP_NS) {
        call()
        warmed++
    }
    val pace = (System.nanoTime() - start).toDouble() / warmed
    val calls = maxOf(minCalls, ceil(MIN_BATCH_NS / pace).toInt())
    return Batches(calls, List(BATCHES) {
        val batchStart = System.nanoTime()
        repeat(calls) { call() }
        (System.nanoTime() - batchStart).toDouble() / calls
    })
}

private fun List<Double>.median(): Double = sorted().let { s ->
    if (s.size % 2 == 1) s[s.size / 2] else (s[s.size / 2 - 1] + s[s.size / 2]) / 2
}

fun main() {
    val raw = Relay().use { relay ->
        runBlocking {
            val config = { SyncConfig(listOf(relay.addr), secretBytes = newSecret()) }
            SyncClient.create(config()).use { idle ->
                SyncClient.create(config()).use { pusher ->
                    val trivial = batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH) { idle.disconnect() }
                    pusher.connect()
                    val payload = Random.nextBytes(PAYLOAD)
                    val push = batches(PUSH_WARMUP, PUSH_MIN_BATCH) { pusher.push(payload) }
                    mapOf("trivial_async" to trivial, "push_64k" to push)
                }
            }
        }
    }
    val report = JSONObject()
        .put("language", "kotlin")
        .put("trivial_async_ns", raw.getValue("trivial_async").ns.median())
        .put("push_64k_ns", raw.getValue("push_64k").ns.median())
        .put("batches", JSONObject(raw.entries.associate { (key, b) -> "${key}_ns" to b.ns.map { Math.round(it * 10) / 10.0 } }))
        .put("calls_per_batch", JSONObject(raw.mapValues { (_, b) -> b.calls }))
        .put(
            "runtime",
            "${System.getProperty("java.vm.name")} ${System.getProperty("java.runtime.version")}, " +
                "Kotlin ${KotlinVersion.CURRENT}, JNA ${com.sun.jna.Native.VERSION}",
        )
    val out = File(repo, "target/bench").apply { mkdirs() }
    File(out, "overhead-kotlin.json").writeText(report.toString() + "\n")
    println(
        "kotlin: trivial async call %.2f µs, 64 KiB push %.1f µs (median of $BATCHES batches)".format(
            Locale.ROOT,
            report.getDouble("trivial_async_ns") / 1e3,
            report.getDouble("push_64k_ns") / 1e3,
        ),
    )
}
