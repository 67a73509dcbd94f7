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
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { SyncClient, version } from "zerok-sync";

import { BATCHES, PAYLOAD, PUSH_MIN_BATCH, PUSH_WARMUP, TRIVIAL_MIN_BATCH, TRIVIAL_WARMUP, batches, median, startRelay, writeFigures } from "./measure.mjs";

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
writeFigures("overhead-node", report);
console.log(
  `node: trivial async call ${(report.trivial_async_ns / 1e3).toFixed(2)} µs, ` +
    `64 KiB push ${(report.push_64k_ns / 1e3).toFixed(1)} µs (median of ${BATCHES} batches)`,
);
