// The guest package (as installed from its tarball) against the plugin's methods (ipc.ts).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import {
  InvalidConfigError,
  ShutdownError,
  SyncClient,
  SyncError,
  type SyncBlob,
  type SyncConfig,
  version,
} from "tauri-plugin-zerok-sync-api";

import { invoked } from "./ipc.js";
import { dir, startRelay } from "./relay.js";

const relay = await startRelay();
const group = (statePath: string): SyncConfig => ({
  relayAddresses: [relay],
  secretBytes: new TextEncoder().encode("guest-js test group secret 32 by"),
  statePath: join(dir, statePath),
});
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test("version comes from the Rust side", async () => {
  const v = await version();
  assert.match(v.core, /^\d+\.\d+\.\d+/);
});

test("a push reaches another device's live subscription and its pull", async () => {
  await using a = await SyncClient.create(group("a.state"));
  await using b = await SyncClient.create(group("b.state"));
  await Promise.all([a.connect(), b.connect()]);
  assert.equal(await b.isConnected(), true);

  const live = b.subscribe();
  const first = live.next(); // opens the stream
  const pushed = await a.push(new TextEncoder().encode("from a"));
  const blob = (await first) as SyncBlob;
  assert.equal(text(blob.payload), "from a");
  assert.equal(blob.cursor, pushed.cursor);
  assert.equal(blob.blobId, pushed.blobId);
  assert.equal(typeof blob.cursor, "bigint");

  // Concurrent calls on one client: every push acknowledged once, in the stream in order.
  const many = await Promise.all(
    Array.from({ length: 10 }, (_, i) => a.push(new TextEncoder().encode(`n${i}`))),
  );
  assert.equal(new Set(many.map((p) => p.cursor)).size, 10);
  const seen: bigint[] = [];
  for await (const next of live) {
    seen.push(next.cursor);
    if (seen.length === 10) break;
  }
  assert.deepEqual(seen, many.map((p) => p.cursor).sort((x, y) => (x < y ? -1 : 1)));
  assert.equal(live.closed, true);
  assert.ok(invoked.includes("close"), "the loop's end closed the plugin's subscription");

  const all = await b.pullAfter(0);
  assert.deepEqual(
    all.blobs.map((x) => x.cursor),
    [pushed.cursor, ...seen],
  );
  assert.deepEqual(
    all.blobs.map((x) => text(x.payload)).sort(),
    ["from a", ...many.map((_, i) => `n${i}`)].sort(),
  );
  assert.equal(typeof (await b.currentCursor()), "bigint");

  const id = await a.enqueue(new TextEncoder().encode("queued"));
  await a.flush({ timeoutMs: 10_000 });
  const pending = await a.pending();
  assert.equal(pending.count, 0, `${id} still pending`);
});

test("an aborted signal closes a subscription and rejects its reads with the reason", async () => {
  await using b = await SyncClient.create(group("c.state"));
  await b.connect();
  const stop = new AbortController();
  const live = b.subscribe({ signal: stop.signal });
  const read = live.next();
  stop.abort(new Error("left the page"));
  await assert.rejects(read, /left the page/);
  assert.equal(live.closed, true);
});

test("errors are the package's typed classes", async () => {
  await assert.rejects(
    SyncClient.create({ relayAddresses: ["not an address"], secretBytes: new Uint8Array(32) }),
    (e) => e instanceof InvalidConfigError && e instanceof SyncError && e.code === "InvalidConfig",
  );
  await assert.rejects(
    SyncClient.create({ relayAddresses: relay as unknown as string[], secretBytes: new Uint8Array(32) }),
    TypeError,
  );
  const c = await SyncClient.create(group("d.state"));
  await c.shutdown();
  await assert.rejects(c.push(new Uint8Array(1)), ShutdownError);
});
