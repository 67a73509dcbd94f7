/**
 * What a request through `zerok daemon` costs against the same call in-process: the two
 * measurements of scripts/bench-overhead (a trivial async call, `disconnect()` on a client
 * never connected; a 64 KiB push to a relay on 127.0.0.1), once through this package's
 * facade and once as smartrust commands to a daemon it spawned on stdio, in the same run and
 * to the same relay. The difference is the daemon's per-request overhead: JSON and base64
 * both ways, a pipe each way, and the daemon's dispatch.
 *
 * Run like overhead.mjs (scripts/bench-overhead daemon). Writes target/bench/daemon-node.json
 * and prints a one-line summary.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { RustBridge } from "@push.rocks/smartrust";
import { SyncClient } from "zerok-sync";

import { PAYLOAD, PUSH_MIN_BATCH, PUSH_WARMUP, TRIVIAL_MIN_BATCH, TRIVIAL_WARMUP, ZEROK_BIN, batches, median, startRelay, writeFigures } from "./measure.mjs";

const dir = mkdtempSync(join(tmpdir(), "zerok-daemon-bench-"));
const relay = await startRelay(dir);
const bridge = new RustBridge({ binaryName: "zerok", binaryPath: ZEROK_BIN });
let raw;
try {
  if (!(await bridge.spawn())) throw new Error(`${ZEROK_BIN} --management did not start`);
  const config = () => ({ relayAddresses: [relay.addr], secretBytes: new Uint8Array(randomBytes(32)) });
  const wire = ({ relayAddresses, secretBytes }) => ({
    relay_addresses: relayAddresses,
    secret_bytes: Buffer.from(secretBytes).toString("base64"),
  });
  const idle = await SyncClient.create(config());
  const pusher = await SyncClient.create(config());
  const { client: idleD } = await bridge.sendCommand("create_client", { config: wire(config()) });
  const { client: pusherD } = await bridge.sendCommand("create_client", { config: wire(config()) });
  try {
    const trivial = await batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH, () => idle.disconnect());
    const trivialD = await batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH, () =>
      bridge.sendCommand("disconnect", { client: idleD }),
    );
    await pusher.connect();
    await bridge.sendCommand("connect", { client: pusherD });
    const payload = new Uint8Array(randomBytes(PAYLOAD));
    const push = await batches(PUSH_WARMUP, PUSH_MIN_BATCH, () => pusher.push(payload));
    // The app's bytes become base64 per push, as an app does.
    const pushD = await batches(PUSH_WARMUP, PUSH_MIN_BATCH, () =>
      bridge.sendCommand("push", { client: pusherD, payload: Buffer.from(payload).toString("base64") }),
    );
    raw = { trivial_async: trivial, daemon_trivial_async: trivialD, push_64k: push, daemon_push_64k: pushD };
  } finally {
    await idle.shutdown();
    await pusher.shutdown();
  }
} finally {
  bridge.kill();
  relay.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}

const medians = Object.fromEntries(Object.entries(raw).map(([key, { ns }]) => [`${key}_ns`, median(ns)]));
writeFigures("daemon-node", {
  ...medians,
  batches: Object.fromEntries(Object.entries(raw).map(([key, { ns }]) => [`${key}_ns`, ns.map((v) => Math.round(v))])),
  calls_per_batch: Object.fromEntries(Object.entries(raw).map(([key, { calls }]) => [key, calls])),
  runtime: `node ${process.version}, @push.rocks/smartrust 1.3 over stdio`,
});
const us = (ns) => (ns / 1e3).toFixed(1);
console.log(
  `daemon: trivial call ${us(medians.daemon_trivial_async_ns)} µs (in-process ${us(medians.trivial_async_ns)}), ` +
    `64 KiB push ${us(medians.daemon_push_64k_ns)} µs (in-process ${us(medians.push_64k_ns)})`,
);
