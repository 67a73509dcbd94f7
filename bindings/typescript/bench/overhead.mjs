/**
 * Call overhead of the Node binding: the two measurements defined in scripts/bench-overhead
 * (a trivial async call, a 64 KiB push), made through the public facade, so their ratios to
 * the Rust baseline show what crossing into Node costs.
 *
 * `zerok-sync` resolves to this package itself (Node's self-reference through "exports"):
 * the built dist/, i.e. exactly the code `npm pack` ships, with the library from
 * $ZEROK_SYNC_LIBRARY or the workspace's target/release. Run `npm run build` first;
 * scripts/bench-overhead does. Plain JavaScript, so no compile step of its own. Writes
 * target/bench/overhead-node.json and prints a one-line summary.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { SyncClient, version } from "zerok-sync";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const ZEROK_BIN = process.env["ZEROK_BIN"] ?? join(REPO, "target", "release", "zerok");

const TRIVIAL_WARMUP = 2_000;
const TRIVIAL_MIN_BATCH = 10_000;
const PUSH_WARMUP = 50;
const PUSH_MIN_BATCH = 100;
const BATCHES = 7;
const MIN_BATCH_NS = 0.2e9;
/** As in every harness: JITs (V8's) settle after many more calls than 2,000. */
const MIN_WARMUP_NS = 1e9;
const PAYLOAD = 64 * 1024;

/**
 * A `zerok relay` child on 127.0.0.1 and its address. (test/harness.ts registers node:test
 * hooks when imported, so it cannot serve a plain program; this is all a benchmark needs.)
 */
async function startRelay(dir) {
  const child = spawn(ZEROK_BIN, ["relay", "--db", join(dir, "relay.db"), "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const lines = createInterface({ input: child.stdout });
  const addr = await new Promise((resolveLine) => {
    lines.once("line", resolveLine);
    child.once("exit", () => resolveLine(""));
  });
  lines.close();
  child.stdout.destroy();
  if (!addr.includes("@")) {
    child.kill("SIGKILL");
    throw new Error(`relay ${ZEROK_BIN} printed ${JSON.stringify(addr)}`);
  }
  return { child, addr: addr.trim() };
}

/**
 * At least `warmup` calls and MIN_WARMUP_NS of them, then BATCHES batches of sequential calls,
 * each of at least `minCalls` calls and (by the warm-up's pace) MIN_BATCH_NS; the calls per
 * batch and the per-call time (ns) of each batch.
 */
async function batches(warmup, minCalls, call) {
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start);
  let warmed = 0;
  for (; warmed < warmup || elapsed() < MIN_WARMUP_NS; warmed++) await call();
  const pace = elapsed() / warmed;
  const calls = Math.max(minCalls, Math.ceil(MIN_BATCH_NS / pace));
  const ns = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await call();
    ns.push(Number(process.hrtime.bigint() - start) / calls);
  }
  return { calls, ns };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const dir = mkdtempSync(join(tmpdir(), "zerok-overhead-"));
const relay = await startRelay(dir);
let raw;
try {
  const config = () => ({ relayAddresses: [relay.addr], secretBytes: new Uint8Array(randomBytes(32)) });
  const idle = await SyncClient.create(config());
  const pusher = await SyncClient.create(config());
  try {
    const trivial = await batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH, () => idle.disconnect());
    await pusher.connect();
    const payload = new Uint8Array(randomBytes(PAYLOAD));
    const push = await batches(PUSH_WARMUP, PUSH_MIN_BATCH, () => pusher.push(payload));
    raw = { trivial_async: trivial, push_64k: push };
  } finally {
    await idle.shutdown();
    await pusher.shutdown();
  }
} finally {
  relay.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}

const report = {
  language: "node",
  trivial_async_ns: median(raw.trivial_async.ns),
  push_64k_ns: median(raw.push_64k.ns),
  batches: Object.fromEntries(
    Object.entries(raw).map(([key, { ns }]) => [`${key}_ns`, ns.map((v) => Math.round(v * 10) / 10)]),
  ),
  calls_per_batch: Object.fromEntries(Object.entries(raw).map(([key, { calls }]) => [key, calls])),
  runtime: `node ${process.version} (V8 ${process.versions.v8}), zerok-sync ${version().ffi}`,
};
const out = join(REPO, "target", "bench");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "overhead-node.json"), JSON.stringify(report) + "\n");
console.log(
  `node: trivial async call ${(report.trivial_async_ns / 1e3).toFixed(2)} µs, ` +
    `64 KiB push ${(report.push_64k_ns / 1e3).toFixed(1)} µs (median of ${BATCHES} batches)`,
);
