/**
 * What the Node benchmarks share: the warm-up and batch rules of scripts/bench-overhead, a
 * `zerok relay` child on 127.0.0.1, and where figures go. (test/harness.ts registers node:test
 * hooks when imported, so it cannot serve a plain program; this is all a benchmark needs.)
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const ZEROK_BIN = process.env["ZEROK_BIN"] ?? join(REPO, "target", "release", "zerok");

export const TRIVIAL_WARMUP = 2_000;
export const TRIVIAL_MIN_BATCH = 10_000;
export const PUSH_WARMUP = 50;
export const PUSH_MIN_BATCH = 100;
export const BATCHES = 7;
const MIN_BATCH_NS = 0.2e9;
/** As in every harness: JITs (V8's) settle after many more calls than 2,000. */
const MIN_WARMUP_NS = 1e9;
export const PAYLOAD = 64 * 1024;

/** A `zerok relay` child on 127.0.0.1 and its address. */
export async function startRelay(dir) {
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
export async function batches(warmup, minCalls, call) {
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

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Writes target/bench/<name>.json. */
export function writeFigures(name, report) {
  const out = join(REPO, "target", "bench");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), JSON.stringify(report) + "\n");
}
