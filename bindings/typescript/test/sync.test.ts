// Syncing through a real relay: push/pull, live subscriptions, concurrency, invites.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import {
  SyncConfig,
  Subscription,
  deriveSecret,
  inviteFromQr,
  inviteToQr,
  type KdfParams,
  type SyncBlob,
  type SyncClient,
} from "zerok-sync";

import { NOTHING, bytes, client, newSecret, pair, payloads, sharedRelay, tempDir, text } from "./harness.js";

// The smallest parameters the library accepts: fast, and the KDF is not what is tested here.
const FAST_KDF: KdfParams = { memoryKib: 19456, iterations: 2, parallelism: 1 };

test("round trip", async () => {
  const relay = await sharedRelay();
  const secretBytes = newSecret();
  const a = await client({ relayAddresses: [relay.addr], secretBytes, deviceName: "a" });
  const b = await client({ relayAddresses: [relay.addr], secretBytes, deviceName: "b" });
  assert.ok(a.isConnected());
  assert.equal(a.activeRelay(), relay.addr);
  assert.equal(a.groupId(), b.groupId());
  assert.match(a.groupId(), /^[0-9a-f]{64}$/);

  const ack = await a.push(bytes("hello"));
  assert.match(ack.blobId, /^[0-9a-f]{32}$/);
  assert.equal(typeof ack.cursor, "bigint");
  const pulled = await b.pull();
  assert.deepEqual(pulled.tampered, []);
  const [blob, ...rest] = pulled.blobs;
  assert.deepEqual(rest, []);
  assert.ok(blob?.payload instanceof Uint8Array);
  assert.equal(text(blob.payload), "hello");
  assert.equal(blob.blobId, ack.blobId);
  assert.equal(blob.cursor, ack.cursor);
  assert.ok(blob.timestampMs > 1_600_000_000_000n);
  assert.equal(b.currentCursor(), ack.cursor);
  assert.deepEqual(await b.pull(), NOTHING, "pull() advances the cursor");
  assert.deepEqual(payloads(await b.pullAfter(0)), ["hello"]);
  assert.deepEqual(await a.pull(), NOTHING, "a device never gets its own pushes back");
});

test("payloads are Uint8Array or Buffer, of any size including empty", async () => {
  const [a, b] = await pair(await sharedRelay());
  const big = new Uint8Array(3 << 20).map((_, i) => i % 251);
  const sent = [Buffer.from("a Buffer"), new Uint8Array([0, 1, 2, 255]), new Uint8Array(0), big];
  for (const payload of sent) await a.push(payload);
  const got = (await b.pull()).blobs;
  assert.deepEqual(
    got.map((x) => Buffer.from(x.payload)),
    sent.map((x) => Buffer.from(x)),
  );
  for (const wrong of ["text", 5, null, [1, 2]]) {
    await assert.rejects(a.push(wrong as unknown as Uint8Array), TypeError);
  }
});

async function receive(sub: Subscription, n: number): Promise<string[]> {
  const got: string[] = [];
  for await (const blob of sub) {
    got.push(text(blob.payload));
    if (got.length === n) break;
  }
  assert.ok(sub.closed, "break closes the subscription");
  return got;
}

test("two clients live with for await", async () => {
  const [a, b] = await pair(await sharedRelay());
  const toB = receive(b.subscribe(), 3);
  const toA = receive(a.subscribe(), 2);
  await new Promise((resolve) => setTimeout(resolve, 200)); // both streams open and idle
  for (let i = 0; i < 3; i++) await a.push(bytes(`a${i}`));
  for (let i = 0; i < 2; i++) await b.push(bytes(`b${i}`));
  assert.deepEqual(await toB, ["a0", "a1", "a2"]);
  assert.deepEqual(await toA, ["b0", "b1"]);
});

test("a subscription replays the backlog first, then ends when closed", async () => {
  const [a, b] = await pair(await sharedRelay());
  await a.push(bytes("before"));
  const sub = b.subscribe();
  assert.equal(text((await sub.next())!.payload), "before");
  sub.close();
  assert.equal(await sub.next(), undefined);
  const rest: SyncBlob[] = [];
  for await (const blob of sub) rest.push(blob);
  assert.deepEqual(rest, [], "a closed subscription iterates nothing");
});

test("an exception in the loop body closes the subscription", async () => {
  const [a, b] = await pair(await sharedRelay());
  await a.push(bytes("x"));
  const sub = b.subscribe();
  await assert.rejects(async () => {
    for await (const _ of sub) throw new Error("from the body");
  }, /from the body/);
  assert.ok(sub.closed);
});

test("Promise.all of 200 pushes on one client", async () => {
  const [a, b] = await pair(await sharedRelay());
  const sent = Array.from({ length: 200 }, (_, i) => `push ${i}`);
  const acks = await Promise.all(sent.map((p) => a.push(bytes(p))));
  const cursors = acks.map((ack) => ack.cursor);
  assert.equal(new Set(cursors).size, 200);
  assert.equal(new Set(acks.map((ack) => ack.blobId)).size, 200);
  const pulled = (await b.pull()).blobs;
  assert.deepEqual(
    pulled.map((x) => x.cursor),
    [...cursors].sort((x, y) => (x < y ? -1 : 1)),
  );
  const byCursor = new Map(cursors.map((c, i) => [c, sent[i]]));
  assert.deepEqual(
    pulled.map((x) => text(x.payload)),
    pulled.map((x) => byCursor.get(x.cursor)),
  );
});

test("groups are isolated", async () => {
  const relay = await sharedRelay();
  const secret = newSecret();
  const ours = await client({ relayAddresses: [relay.addr], secretBytes: secret });
  const other = await client({
    relayAddresses: [relay.addr],
    secretBytes: secret.map((x) => x ^ 1),
  });
  assert.notEqual(ours.groupId(), other.groupId());
  await ours.push(bytes("private"));
  assert.deepEqual(await other.pullAfter(0), NOTHING);
  const sub = other.subscribe();
  await assert.rejects(sub.next({ signal: AbortSignal.timeout(300) }), { name: "TimeoutError" });
  sub.close();
});

test("invite round trip", async () => {
  const relay = await sharedRelay();
  const secretBytes = newSecret();
  const a = await client({ relayAddresses: [relay.addr], secretBytes });
  const invite = a.createInvite(600);
  assert.deepEqual(invite.relayAddresses, [relay.addr]);
  assert.deepEqual(invite.secretBytes, secretBytes);
  assert.equal(typeof invite.expiresAt, "bigint");
  const qr = inviteToQr(invite);
  assert.ok(qr.startsWith("0k1."));
  const parsed = inviteFromQr(qr);
  assert.deepEqual(parsed, invite);

  const c = await client(SyncConfig.fromInvite(parsed, { deviceName: "c" }));
  assert.equal(c.groupId(), a.groupId());
  await a.push(bytes("welcome"));
  assert.deepEqual(payloads(await c.pull()), ["welcome"]);
  await c.push(bytes("thanks"));
  assert.deepEqual(payloads(await a.pull()), ["thanks"]);
});

test("a passphrase group and its invite", async () => {
  const relay = await sharedRelay();
  const derived = await deriveSecret("correct horse", { kdf: FAST_KDF });
  assert.equal(derived.salt.length, 16);
  assert.deepEqual(derived.kdf, FAST_KDF);
  const byPassphrase = await client({
    relayAddresses: [relay.addr],
    passphrase: "correct horse",
    salt: derived.salt,
    kdf: FAST_KDF,
  });
  const bySecret = await client({ relayAddresses: [relay.addr], secretBytes: derived.secret });
  assert.equal(byPassphrase.groupId(), bySecret.groupId());

  const invite = inviteFromQr(inviteToQr(byPassphrase.createInvite(60)));
  assert.deepEqual([invite.salt, invite.kdf], [derived.salt, FAST_KDF]);
  const joiner = await client(SyncConfig.fromInvite(invite));
  await byPassphrase.push(bytes("derived"));
  assert.deepEqual(payloads(await joiner.pull()), ["derived"]);
});

test("statePath keeps the cursor across clients", async () => {
  const relay = await sharedRelay();
  const secretBytes = newSecret();
  const a = await client({ relayAddresses: [relay.addr], secretBytes });
  const ack = await a.push(bytes("seen once"));
  const statePath = join(tempDir(), "device.json");
  const first = await client({ relayAddresses: [relay.addr], secretBytes, statePath });
  assert.deepEqual(payloads(await first.pull()), ["seen once"]);
  await first.shutdown();
  const again: SyncClient = await client({ relayAddresses: [relay.addr], secretBytes, statePath });
  assert.equal(again.currentCursor(), ack.cursor);
  assert.deepEqual(await again.pull(), NOTHING);
});
