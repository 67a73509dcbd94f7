// AbortSignal on long calls: the caller stops waiting at once, the client stays usable, and a
// subscription never loses a blob to an aborted next().
import assert from "node:assert/strict";
import { test } from "node:test";

import { SyncClient, deriveSecret } from "zerok-sync";

import { Relay, bytes, client, newSecret, pair, sharedRelay, text } from "./harness.js";

test("aborted next() calls leave the subscription open; the next call gets the blob", async () => {
  const [a, b] = await pair(await sharedRelay());
  const sub = b.subscribe();
  for (let i = 0; i < 3; i++) {
    await assert.rejects(sub.next({ signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
  }
  assert.ok(!sub.closed);
  await a.push(bytes("after the timeouts"));
  assert.equal(text((await sub.next())!.payload), "after the timeouts");
  sub.close();
  await b.push(bytes("b still works"));
  assert.deepEqual((await a.pull()).map((x) => text(x.payload)), ["b still works"]);
});

test("no blob is lost or repeated when next() is aborted at any moment", async () => {
  const [a, b] = await pair(await sharedRelay());
  const sent = Array.from({ length: 150 }, (_, i) => `blob ${i}`);
  const pushing = (async () => {
    for (const p of sent) await a.push(bytes(p));
  })();
  await using sub = b.subscribe();
  const got: string[] = [];
  let aborted = 0;
  const deadline = performance.now() + 30_000; // a lost blob would otherwise wait forever
  while (got.length < sent.length && performance.now() < deadline) {
    try {
      // 0–2 ms: many calls abort while a blob is on its way or already delivered.
      const blob = await sub.next({ signal: AbortSignal.timeout(got.length % 3) });
      got.push(text(blob!.payload));
    } catch (error) {
      assert.equal((error as Error).name, "TimeoutError");
      aborted++;
    }
  }
  await pushing;
  assert.deepEqual(got, sent);
  assert.ok(aborted > 0, "some calls were aborted");
});

test("an already aborted signal starts nothing", async () => {
  const [a, b] = await pair(await sharedRelay());
  const reason = new Error("changed my mind");
  const signal = AbortSignal.abort(reason);
  await assert.rejects(a.push(bytes("never sent"), { signal }), (e) => e === reason);
  await assert.rejects(a.pull({ signal }), (e) => e === reason);
  await assert.rejects(b.subscribe().next({ signal }), (e) => e === reason);
  await assert.rejects(SyncClient.create({ relayAddresses: ["x"] }, { signal }), (e) => e === reason);
  await assert.rejects(deriveSecret("pw", { signal }), (e) => e === reason);
  assert.deepEqual(await b.pull(), [], "the push never happened");
});

test("aborted push and pull leave the client usable", async () => {
  const [a, b] = await pair(await sharedRelay());
  const big = new Uint8Array(1 << 20); // sealing, sending and storing 1 MiB takes over 1 ms
  await assert.rejects(a.push(big, { signal: AbortSignal.timeout(1) }), { name: "TimeoutError" });
  const acks = [await a.push(big), await a.push(big)]; // a backlog b needs a while to fetch
  await assert.rejects(b.pull({ signal: AbortSignal.timeout(1) }), { name: "TimeoutError" });

  assert.ok(a.isConnected() && b.isConnected());
  // Aborting stops the waiting, not the push: it may have been stored too.
  const pulled = (await b.pullAfter(0)).map((x) => x.cursor);
  for (const ack of acks) assert.ok(pulled.includes(ack.cursor), `${ack.cursor} in ${pulled}`);
  assert.ok(pulled.length <= 3);
  const small = await a.push(bytes("small"));
  assert.deepEqual((await b.pull()).map((x) => text(x.payload)).slice(-1), ["small"]);
  assert.equal(b.currentCursor(), small.cursor);
});

test("connect to a dead relay: abort stops waiting at once", async () => {
  const dead = await Relay.start();
  await dead.kill();
  const c = await client({ relayAddresses: [dead.addr], secretBytes: newSecret() }, false);
  const started = performance.now();
  await assert.rejects(c.connect({ signal: AbortSignal.timeout(100) }), { name: "TimeoutError" });
  const waited = performance.now() - started;
  assert.ok(waited < 1000, `waited ${waited.toFixed(0)} ms`);
});

test("aborting subscribe's signal ends a for await loop with the reason", async () => {
  const [a, b] = await pair(await sharedRelay());
  const controller = new AbortController();
  const sub = b.subscribe({ signal: controller.signal });
  const seen: string[] = [];
  const loop = assert.rejects(async () => {
    for await (const blob of sub) {
      seen.push(text(blob.payload));
      controller.abort(new Error("enough"));
    }
  }, /enough/);
  await a.push(bytes("one"));
  await loop;
  assert.deepEqual(seen, ["one"]);
  assert.ok(sub.closed);
  await a.push(bytes("two"));
  assert.deepEqual((await b.pull()).map((x) => text(x.payload)), ["two"], "b's cursor moved past 'one'");
});

test("a subscription of an aborted signal is closed from the start", async () => {
  const [, b] = await pair(await sharedRelay());
  const reason = new Error("no");
  const sub = b.subscribe({ signal: AbortSignal.abort(reason) });
  assert.ok(sub.closed);
  await assert.rejects(sub.next(), (e) => e === reason);
});
