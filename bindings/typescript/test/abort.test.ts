// AbortSignal on long calls: the caller stops waiting at once and the client stays usable.
// Subscription reads are tickets taken in Rust, so an aborted next() loses nothing and
// delivers nothing twice: checked with reads aborted at random moments while blobs stream
// in, across new subscriptions, and with concurrent readers of one subscription.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SyncClient, deriveSecret, type Subscription } from "zerok-sync";

import { NOTHING, Relay, bytes, client, newSecret, pair, payloads, sharedRelay, text, within } from "./harness.js";

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
  assert.deepEqual(payloads(await a.pull()), ["b still works"]);
});

/** Pushes `count` numbered payloads from `sender` one after another; resolves to them. */
async function pushNumbered(sender: SyncClient, count: number): Promise<string[]> {
  const sent = Array.from({ length: count }, (_, i) => `blob ${i}`);
  for (const p of sent) await sender.push(bytes(p));
  return sent;
}

const ABORTED = Symbol("aborted");
let reads = 0;

/**
 * One read aborted at a random moment: the blob's text, ABORTED, or null once closed. Every
 * fifth read is aborted right after it started, while its ticket is surely still on its way
 * (so every run aborts some reads, however fast blobs arrive); the others after 0, 1 or 2 ms,
 * often after the ticket was handed out.
 */
async function readOrAbort(sub: Subscription): Promise<string | typeof ABORTED | null> {
  const controller = new AbortController();
  const read = sub.next({ signal: AbortSignal.any([controller.signal, AbortSignal.timeout(Math.floor(Math.random() * 3))]) });
  if (++reads % 5 === 0) controller.abort();
  try {
    const blob = await read;
    return blob === undefined ? null : text(blob.payload);
  } catch (error) {
    assert.ok(["TimeoutError", "AbortError"].includes((error as Error).name), String(error));
    return ABORTED;
  }
}

test("no blob is lost or repeated when reads abort at random moments, across subscriptions", async () => {
  const [a, b] = await pair(await sharedRelay());
  const pushing = pushNumbered(a, 150);
  const got: string[] = [];
  let aborted = 0;
  let subscriptions = 1;
  let sub = b.subscribe();
  const deadline = performance.now() + 60_000; // a lost blob would otherwise wait forever
  while (got.length < 150 && performance.now() < deadline) {
    const blob = await readOrAbort(sub);
    assert.notEqual(blob, null, "the subscription ended");
    if (blob === ABORTED) aborted++;
    else got.push(blob!);
    // Now and then a new subscription, often right after an aborted read left a ticket.
    if (blob === ABORTED ? aborted % 40 === 0 : got.length % 50 === 0) {
      sub.close();
      sub = b.subscribe();
      subscriptions++;
    }
  }
  const sent = await pushing;
  assert.deepEqual(got, sent);
  assert.ok(aborted > 0, "some reads were aborted");
  assert.ok(subscriptions > 3, `${subscriptions} subscriptions`);
  await assert.rejects(sub.next({ signal: AbortSignal.timeout(300) }), { name: "TimeoutError" }, "nothing more");
  sub.close();
  assert.deepEqual(await b.pull(), NOTHING, "the cursor is past every blob taken");
});

test("concurrent reads of one subscription get each blob exactly once between them", async () => {
  const [a, b] = await pair(await sharedRelay());
  const sub = b.subscribe();
  const got: string[][] = [[], [], [], []];
  const total = () => got.reduce((n, mine) => n + mine.length, 0);
  const readers = got.map(async (mine, reader) => {
    while (!sub.closed) {
      // Reader 0 never aborts; the others abort at random moments.
      const blob = reader === 0 ? await sub.next().then((x) => x && text(x.payload)) : await readOrAbort(sub);
      if (blob === undefined || blob === null || blob === ABORTED) continue;
      mine.push(blob);
      if (total() === 200) sub.close(); // the other readers' pending reads end
    }
  });
  const sent = await pushNumbered(a, 200);
  await within(60_000, "every blob read", Promise.all(readers));
  const index = (p: string) => Number(p.split(" ")[1]);
  const all = got.flat().sort((x, y) => index(x) - index(y));
  assert.deepEqual(all, sent, "every blob once, none twice");
  assert.ok(got.filter((mine) => mine.length > 0).length > 1, "the reads were shared");
  assert.deepEqual(await b.pull(), NOTHING);
});

test("an already aborted signal starts nothing", async () => {
  const [a, b] = await pair(await sharedRelay());
  const reason = new Error("changed my mind");
  const signal = AbortSignal.abort(reason);
  await assert.rejects(a.push(bytes("never sent"), { signal }), (e) => e === reason);
  await assert.rejects(a.pull({ signal }), (e) => e === reason);
  await assert.rejects(a.flush({ signal }), (e) => e === reason);
  await assert.rejects(b.subscribe().next({ signal }), (e) => e === reason);
  await assert.rejects(SyncClient.create({ relayAddresses: ["x"] }, { signal }), (e) => e === reason);
  await assert.rejects(deriveSecret("pw", { signal }), (e) => e === reason);
  assert.deepEqual(await b.pull(), NOTHING, "the push never happened");
});

test("aborted push and pull leave the client usable", async () => {
  const [a, b] = await pair(await sharedRelay());
  const big = new Uint8Array(1 << 20); // sealing, sending and storing 1 MiB takes over 1 ms
  await assert.rejects(a.push(big, { signal: AbortSignal.timeout(1) }), { name: "TimeoutError" });
  const acks = [await a.push(big), await a.push(big)]; // a backlog b needs a while to fetch
  await assert.rejects(b.pull({ signal: AbortSignal.timeout(1) }), { name: "TimeoutError" });

  assert.ok(a.isConnected() && b.isConnected());
  // Aborting stops the waiting, not the push: it may have been stored too.
  const pulled = (await b.pullAfter(0)).blobs.map((x) => x.cursor);
  for (const ack of acks) assert.ok(pulled.includes(ack.cursor), `${ack.cursor} in ${pulled}`);
  assert.ok(pulled.length <= 3);
  const small = await a.push(bytes("small"));
  assert.deepEqual(payloads(await b.pull()).slice(-1), ["small"]);
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
  assert.deepEqual(payloads(await b.pull()), ["two"], "b's cursor moved past 'one'");
});

test("a subscription of an aborted signal is closed from the start", async () => {
  const [, b] = await pair(await sharedRelay());
  const reason = new Error("no");
  const sub = b.subscribe({ signal: AbortSignal.abort(reason) });
  assert.ok(sub.closed);
  await assert.rejects(sub.next(), (e) => e === reason);
});
