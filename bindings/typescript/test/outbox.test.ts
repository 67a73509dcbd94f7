// The durable outbox through the facade: enqueue without network, pending, flush, delivery
// in enqueue order exactly once (also after the app process was killed), and its events.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import { NotConnectedError, type EventStream, type SyncEvent } from "zerok-sync";

import { Relay, bytes, client, newSecret, payloads, runNode, sharedRelay, tempDir } from "./harness.js";

/** The next `count` events (the stream stays open), failing after `ms` instead of hanging. */
async function take(events: EventStream, count: number, ms = 20_000): Promise<SyncEvent[]> {
  const got: SyncEvent[] = [];
  const timer = setTimeout(() => events.close(), ms); // ends the pending read
  for (let event; got.length < count && (event = await events.next()) !== undefined; ) got.push(event);
  clearTimeout(timer);
  assert.equal(got.length, count, `events: ${JSON.stringify(got, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`);
  return got;
}

test("enqueued offline, delivered once in enqueue order after connect, with events", async () => {
  const relay = await sharedRelay();
  const secretBytes = newSecret();
  const a = await client({ relayAddresses: [relay.addr], secretBytes }, false);
  const b = await client({ relayAddresses: [relay.addr], secretBytes });
  const events = a.events();
  const sent = Array.from({ length: 20 }, (_, i) => `queued ${i}`);
  const ids: string[] = [];
  for (const p of sent) ids.push(await a.enqueue(bytes(p)));
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);

  const pending = a.pending();
  assert.equal(pending.count, 20);
  assert.deepEqual(pending.blobIds, ids);
  assert.ok(pending.bytes > sent.join("").length, `${pending.bytes} sealed bytes`);
  await assert.rejects(a.flush(), NotConnectedError, "nothing sends it while not connected");
  assert.deepEqual((await b.pull()).blobs, [], "enqueue sent nothing");

  await a.connect();
  await a.flush({ timeoutMs: 30_000 });
  assert.deepEqual(a.pending(), { count: 0, bytes: 0, blobIds: [] });
  const pulled = await b.pull();
  assert.deepEqual(payloads(pulled), sent);
  assert.deepEqual(pulled.blobs.map((blob) => blob.blobId), ids);

  const [connected, ...progress] = await take(events, 21);
  assert.deepEqual(connected, { kind: "connected", relay: relay.addr });
  assert.deepEqual(
    progress.map((e) => (e.kind === "outboxSent" ? [e.blobId, e.cursor, e.pending] : e)),
    pulled.blobs.map((blob, i) => [blob.blobId, blob.cursor, 19 - i]),
  );
  await a.disconnect();
  const [disconnected] = await take(events, 1);
  assert.equal(disconnected?.kind, "disconnected");
  assert.ok(disconnected.kind === "disconnected" && disconnected.relay === relay.addr && disconnected.reason);
});

// Enqueues with a state file, prints the ids, then kills its own process: no shutdown, no
// flush, nothing but what enqueue made durable before it resolved.
const ENQUEUE_THEN_DIE = `
import { SyncClient } from "zerok-sync";
const [relay, secret, statePath] = process.argv.slice(1);
const client = await SyncClient.create({ relayAddresses: [relay], secretBytes: Buffer.from(secret, "hex"), statePath });
const ids = [];
for (let i = 0; i < 50; i++) ids.push(await client.enqueue(Buffer.from("durable " + i)));
process.stdout.write(JSON.stringify(ids) + "\\n", () => process.kill(process.pid, "SIGKILL"));
`;

test("what enqueue returned survives kill -9 of the app; a new client sends it, once", async () => {
  const relay = await sharedRelay();
  const secretBytes = newSecret();
  const statePath = join(tempDir(), "device.json");
  const secret = Buffer.from(secretBytes).toString("hex");
  const run = await runNode(ENQUEUE_THEN_DIE, [relay.addr, secret, statePath]);
  assert.equal(run.status, null, `killed by its signal; stderr: ${run.stderr}`);
  const ids = JSON.parse(run.stdout) as string[];
  assert.equal(ids.length, 50);

  const again = await client({ relayAddresses: [relay.addr], secretBytes, statePath }, false);
  assert.deepEqual(again.pending().blobIds, ids);
  await again.connect();
  await again.flush({ timeoutMs: 30_000 });
  const b = await client({ relayAddresses: [relay.addr], secretBytes });
  const pulled = await b.pull();
  assert.deepEqual(payloads(pulled), ids.map((_, i) => `durable ${i}`));
  assert.deepEqual(pulled.blobs.map((blob) => blob.blobId), ids);
});

test("an aborted flush stops waiting; delivery goes on once the relay is back", async () => {
  const relay = await Relay.start();
  const secretBytes = newSecret();
  // A killed relay says nothing: short liveness settings notice it within 2 s, not 10.
  const a = await client({ relayAddresses: [relay.addr], secretBytes, keepAliveMs: 500, idleTimeoutMs: 2000 });
  await relay.kill();
  const id = await a.enqueue(bytes("while the relay was down"));
  const started = performance.now();
  await assert.rejects(a.flush({ signal: AbortSignal.timeout(100) }), { name: "TimeoutError" });
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(a.pending().blobIds, [id]);

  await relay.restart();
  await a.flush({ timeoutMs: 30_000 });
  const b = await client({ relayAddresses: [relay.addr], secretBytes });
  const pulled = await b.pull();
  assert.deepEqual(payloads(pulled), ["while the relay was down"]);
  assert.equal(pulled.blobs[0]?.blobId, id);
});
