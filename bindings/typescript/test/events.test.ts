// A client's event stream: typed events, and the native stream closed whenever the consumer
// stops (break, close(), the signal, the end of an `await using` scope, shutdown).
import assert from "node:assert/strict";
import { test } from "node:test";

import { type SyncEvent } from "zerok-sync";

import { client, newSecret, runNode, sharedRelay, within } from "./harness.js";

/** A client not connected yet (so nothing has happened to it), and its relay's address. */
async function unconnected() {
  const relay = await sharedRelay();
  return [await client({ relayAddresses: [relay.addr], secretBytes: newSecret() }, false), relay.addr] as const;
}

test("break ends the loop and closes the stream", async () => {
  const [c, relay] = await unconnected();
  const events = c.events();
  await c.connect();
  let first: SyncEvent | undefined;
  for await (const event of events) {
    first = event;
    break;
  }
  assert.deepEqual(first, { kind: "connected", relay });
  assert.ok(events.closed);
  await c.disconnect(); // an event the closed stream must not show
  assert.equal(await events.next(), undefined);
});

test("close() ends a pending read of the native stream", async () => {
  const [c] = await unconnected();
  const events = c.events();
  const pending = events.next(); // nothing happens to an idle client
  events.close();
  assert.equal(await within(5000, "the pending read ends", pending), undefined);
  assert.ok(events.closed);
});

test("aborting the stream's signal ends a for await loop with the reason", async () => {
  const [c] = await unconnected();
  const controller = new AbortController();
  const events = c.events({ signal: controller.signal });
  const seen: string[] = [];
  const loop = assert.rejects(async () => {
    for await (const event of events) {
      seen.push(event.kind);
      controller.abort(new Error("enough"));
    }
  }, /enough/);
  await c.connect();
  await within(5000, "the loop ends", loop);
  assert.deepEqual(seen, ["connected"]);
  assert.ok(events.closed);
  const reason = new Error("no");
  const aborted = c.events({ signal: AbortSignal.abort(reason) });
  assert.ok(aborted.closed);
  await assert.rejects(aborted.next(), (e) => e === reason);
});

test("shutdown ends the stream after the events before it", async () => {
  const [c, relay] = await unconnected();
  const events = c.events();
  await c.connect();
  await c.shutdown();
  const seen: SyncEvent[] = [];
  await within(5000, "the stream ends", (async () => {
    for await (const event of events) seen.push(event);
  })());
  // The session's end may or may not be reported: shutdown races the session's goodbye.
  const [connected, ...rest] = seen;
  assert.deepEqual(connected, { kind: "connected", relay });
  assert.ok(rest.length <= 1, JSON.stringify(rest));
  for (const event of rest) assert.deepEqual(event, { kind: "disconnected", relay, reason: "the client shut down" });
  assert.ok(events.closed);
});

// A read left pending when the scope ends: only closing the native stream ends it, and a
// pending native call keeps Node running.
const SCOPE_ENDS_WITH_A_READ_PENDING = `
import { SyncClient } from "zerok-sync";
import { randomBytes } from "node:crypto";
const client = await SyncClient.create({ relayAddresses: [process.argv[1]], secretBytes: randomBytes(32) });
await client.connect();
const events = client.events();
try { // what \`await using events = client.events()\` compiles to (Node 20 lacks the syntax)
  events.next().then((event) => console.log("read:", event));
} finally {
  await events[Symbol.asyncDispose]();
}
console.log("scope ended"); // no shutdown(): the process must still end
`;

test("the end of an await using scope closes the stream; the process exits", async () => {
  const relay = await sharedRelay();
  const run = await runNode(SCOPE_ENDS_WITH_A_READ_PENDING, [relay.addr]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "scope ended\nread: undefined\n");
  assert.ok(run.ms < 5000, `exit took ${run.ms.toFixed(0)} ms`);
});
