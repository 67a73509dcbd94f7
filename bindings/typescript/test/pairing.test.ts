// Pairing by short code through the facade against real relays: one device shows a code
// (SyncClient.createPairingCode), another types it (joinWithCode) and joins the group. The
// errors (typo, cancelled, expired, unknown) are in errors.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PairingFailedError, SyncConfig, joinWithCode, type Pairing } from "zerok-sync";

import { bytes, client, newSecret, payloads, sharedRelay } from "./harness.js";

/** Crockford base32 without U, four groups of four. */
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const VERIFIER = /^\d{3} \d{3}$/;

/** A connected client of a new group on the shared relay: the device that shows codes. */
async function shower() {
  const relay = await sharedRelay();
  return [await client({ relayAddresses: [relay.addr], secretBytes: newSecret() }), relay.addr] as const;
}

test("a device that types the code joins the group; both sides have the same verifier", async () => {
  const [a, relay] = await shower();
  await a.push(bytes("before pairing"));
  await using pairing = await a.createPairingCode();
  assert.match(pairing.code, CODE);
  const lifetime = Number(pairing.expiresAtMs) - Date.now(); // the relay's clock is this host's
  assert.ok(lifetime > 590_000 && lifetime <= 600_000, `the default is 600 s; expires in ${lifetime} ms`);

  // The exchange runs in the library from the moment the code exists: join, then wait.
  const joined = await joinWithCode(pairing.code, [relay]);
  assert.match(joined.verifier, VERIFIER);
  assert.equal(await pairing.wait(), joined.verifier);
  assert.deepEqual(joined.invite.relayAddresses, [relay]);

  const b = await client(SyncConfig.fromInvite(joined.invite, { deviceName: "typed the code" }));
  assert.equal(b.groupId(), a.groupId());
  assert.deepEqual(payloads(await b.pull()), ["before pairing"]);
  await b.push(bytes("after pairing"));
  assert.equal(payloads(await a.pull()).at(-1), "after pairing");

  // A code works once.
  await assert.rejects(joinWithCode(pairing.code, [relay]), PairingFailedError);
});

test("concurrent waits on one pairing, and waits after it finished, all get the one verifier", async () => {
  const [a, relay] = await shower();
  const pairing = await a.createPairingCode();
  const waits = Array.from({ length: 8 }, () => pairing.wait());
  const [joined, ...more] = await Promise.all([joinWithCode(pairing.code, [relay]), pairing.wait()]);
  assert.deepEqual(more, [joined.verifier]);
  assert.deepEqual(await Promise.all(waits), Array(8).fill(joined.verifier));
  assert.equal(await pairing.wait(), joined.verifier, "a wait after the outcome");
  pairing.cancel(); // after the outcome it changes nothing
  assert.equal(await pairing.wait(), joined.verifier);
});

test("two pairings of one client at once, each joined by its own device", async () => {
  const [a, relay] = await shower();
  const pairings = await Promise.all([a.createPairingCode(), a.createPairingCode()]);
  assert.notEqual(pairings[0].code, pairings[1].code);
  const results = await Promise.all(
    pairings.map(async (p) => {
      const [joined, verifier] = await Promise.all([joinWithCode(p.code, [relay]), p.wait()]);
      return { joined, verifier };
    }),
  );
  for (const { joined, verifier } of results) {
    assert.equal(verifier, joined.verifier);
    const b = await client(SyncConfig.fromInvite(joined.invite));
    assert.equal(b.groupId(), a.groupId());
  }
});

test("await using cancels a pairing nobody finished when the scope ends", async () => {
  const [a, relay] = await shower();
  let code: string;
  let waiting: Promise<unknown>;
  let kept: Pairing;
  {
    await using pairing = await a.createPairingCode();
    code = pairing.code;
    kept = pairing;
    waiting = assert.rejects(pairing.wait(), PairingFailedError);
  }
  await waiting;
  await assert.rejects(kept.wait(), PairingFailedError);
  await assert.rejects(joinWithCode(code, [relay]), PairingFailedError);
});

test("an aborted wait leaves the pairing going; aborted calls reject with the reason", async () => {
  const [a, relay] = await shower();
  await using pairing = await a.createPairingCode();
  await assert.rejects(pairing.wait({ signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
  const joined = await joinWithCode(pairing.code, [relay]);
  assert.equal(await pairing.wait({ signal: AbortSignal.timeout(30_000) }), joined.verifier);

  const reason = new Error("changed my mind");
  const signal = AbortSignal.abort(reason);
  await assert.rejects(a.createPairingCode({ signal }), (e) => e === reason);
  await assert.rejects(pairing.wait({ signal }), (e) => e === reason);
  await assert.rejects(joinWithCode(pairing.code, [relay], { signal }), (e) => e === reason);
});

test("joinWithCode dials the first relay that answers; one address is a TypeError", async () => {
  const [a, relay] = await shower();
  await using pairing = await a.createPairingCode();
  // Another endpoint id at the relay's socket: its handshake fails at once.
  const wrong = `${"0".repeat(64)}@${relay.split("@")[1]}`;
  const joined = await joinWithCode(pairing.code, [wrong, relay]);
  assert.equal(await pairing.wait(), joined.verifier);
  await assert.rejects(joinWithCode(pairing.code, relay as unknown as string[]), TypeError);
});
