// `await using` cleanup, and processes that end without shutting their clients down.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ShutdownError, SyncClient, type Subscription } from "zerok-sync";

import { bytes, newSecret, runNode, sharedRelay } from "./harness.js";

test("await using shuts the client down at the end of the scope", async () => {
  const relay = await sharedRelay();
  let kept: SyncClient;
  let sub: Subscription;
  {
    await using c = await SyncClient.create({ relayAddresses: [relay.addr], secretBytes: newSecret() });
    await c.connect();
    await c.push(bytes("x"));
    sub = c.subscribe();
    await assert.rejects(sub.next({ signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
    kept = c;
  }
  assert.ok(!kept.isConnected());
  await assert.rejects(kept.push(bytes("y")), ShutdownError);
  assert.equal(await sub.next(), undefined, "its open subscriptions end");
  await assert.rejects(kept.subscribe().next(), ShutdownError);
});

test("await using closes a subscription, also when the scope throws", async () => {
  const relay = await sharedRelay();
  await using c = await SyncClient.create({ relayAddresses: [relay.addr], secretBytes: newSecret() });
  await c.connect();
  let outer: Subscription | undefined;
  await assert.rejects(async () => {
    await using sub = c.subscribe();
    outer = sub;
    throw new Error("inside");
  }, /inside/);
  assert.ok(outer?.closed);
});

const WITHOUT_SHUTDOWN = `
import { SyncClient } from "zerok-sync";
import { randomBytes } from "node:crypto";
const client = await SyncClient.create({ relayAddresses: [process.argv[1]], secretBytes: randomBytes(32) });
await client.connect();
await client.push(new Uint8Array([1]));
client.subscribe();  // never read: nothing is pending
console.log("done"); // no shutdown(): the process must still end
`;

test("a process that never shuts its client down exits promptly", async () => {
  const relay = await sharedRelay();
  const run = await runNode(WITHOUT_SHUTDOWN, [relay.addr]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "done\n");
  assert.ok(run.ms < 5000, `exit took ${run.ms.toFixed(0)} ms`);
});

const PENDING_READ_THEN_SHUTDOWN = `
import { SyncClient } from "zerok-sync";
import { randomBytes } from "node:crypto";
const client = await SyncClient.create({ relayAddresses: [process.argv[1]], secretBytes: randomBytes(32) });
await client.connect();
const sub = client.subscribe();
sub.next({ signal: AbortSignal.timeout(10) }).catch(() => {});  // a read stays pending...
setTimeout(() => client.shutdown(), 200);  // ...until the client shuts down
console.log("done");
`;

test("shutdown ends pending reads, and the process exits", async () => {
  const relay = await sharedRelay();
  const run = await runNode(PENDING_READ_THEN_SHUTDOWN, [relay.addr]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "done\n");
  assert.ok(run.ms < 5000, `exit took ${run.ms.toFixed(0)} ms`);
});
