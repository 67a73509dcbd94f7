// Garbage collection forced again and again while a client and a live subscription are alive
// and in use, and while library objects are dropped and finalized. Under Bun these are the
// tests behind the Bun ≥ 1.4 requirement: before 1.4, Bun's Node-API panicked
// (`napi_reference_unref`) when a koffi object's finalizer ran, so an app crashed at its first
// collection after koffi let go of an object; under Node and Deno they check the same on V8.
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { test } from "node:test";

import { SyncClient } from "zerok-sync";

import { RUNTIME, bytes, newSecret, pair, runNode, sharedRelay, text, within } from "./harness.js";

/**
 * A full, synchronous collection: `Bun.gc(true)` under Bun, V8's `gc()` under Node
 * (`--expose-gc`) and Deno (`--v8-flags=--expose-gc`); scripts/test-typescript passes them.
 */
function forceGc(): void {
  const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
  if (bun) return bun.gc(true);
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, `${RUNTIME} runs without an exposed gc(): pass --expose-gc`);
  gc();
}

/** Library objects made and dropped without shutdown: only their finalizers free them. */
async function litter(relayAddress: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await SyncClient.create({ relayAddresses: [relayAddress], secretBytes: newSecret() });
  }
}

test("forced collections while a client and a live subscription are in use", async () => {
  const relay = await sharedRelay();
  const [sender, receiver] = await pair(relay);
  await using live = receiver.subscribe();
  await using events = sender.events();
  for (let i = 0; i < 30; i++) {
    const next = live.next(); // a pending read: a future and its callback in the library
    forceGc();
    await litter(relay.addr);
    forceGc();
    await sender.push(bytes(`blob ${i}`));
    forceGc();
    const blob = await within(10_000, `blob ${i}`, next);
    assert.equal(text(blob!.payload), `blob ${i}`);
    forceGc();
  }
  assert.ok(sender.isConnected() && receiver.isConnected());
  assert.ok(!events.closed);
});

test("forced collections while pairing codes are made and dropped", async () => {
  const relay = await sharedRelay();
  const [phone] = await pair(relay);
  for (let i = 0; i < 5; i++) {
    const pairing = await phone.createPairingCode(); // dropped: garbage collection cancels it
    assert.match(pairing.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    forceGc();
  }
  await phone.push(bytes("still working"));
  forceGc();
});

/** Refuses a library that is not ours (koffi loads it, then lets it go), then collects. */
const REFUSED_THEN_COLLECTED = `
import { loadLibrary } from "zerok-sync";
try {
  loadLibrary(process.argv[1]);
} catch (e) {
  console.log(e.name);
}
const collect = globalThis.Bun ? () => Bun.gc(true) : globalThis.gc;
for (let i = 0; i < 3; i++) collect();
console.log("collected");
`;

test("a refused library is collected without harm (Bun before 1.4 crashed here)", async () => {
  const libc = realpathSync("/lib/x86_64-linux-gnu/libc.so.6");
  const run = await runNode(REFUSED_THEN_COLLECTED, [libc]);
  assert.equal(run.stdout, "LibraryLoadError\ncollected\n", run.stderr);
  assert.equal(run.status, 0, run.stderr);
});
