// Every error variant has its own class under SyncError; each one the public API can provoke
// is provoked here against real relays.
//
// Not provokable through the public API, so covered by the mapping test only: Unauthorized
// (needs a forged membership proof; another secret is simply another group), VersionMismatch
// and Protocol (need a relay of another protocol), Transport and Relay (need a network or
// storage failure mid-request, which calls retry within their timeout) and Internal (a
// library bug).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import * as zs from "zerok-sync";
import {
  AllRelaysFailedError,
  CancelledError,
  ConnectionFailedError,
  InvalidConfigError,
  InvalidInviteError,
  InvalidPairingCodeError,
  InviteExpiredError,
  IoError,
  NotConnectedError,
  ObjectUnavailableError,
  OutboxFullError,
  PairingExpiredError,
  PairingFailedError,
  PayloadTooLargeError,
  QuotaExceededError,
  RateLimitedError,
  ShutdownError,
  StateError,
  SyncClient,
  SyncError,
  SyncTimeoutError,
  TamperedError,
  UnknownCursorError,
  inviteFromQr,
  inviteToQr,
  joinWithCode,
  type SyncConfig,
} from "zerok-sync";

import { NOTHING, Relay, bytes, client, newSecret, pair, sharedRelay, tamper, tempDir, text } from "./harness.js";

type ErrorClass = abstract new (...args: never[]) => SyncError;

/** Rejects through the base class SyncError, then demands exactly `cls`. */
async function rejectsWith(call: Promise<unknown>, cls: ErrorClass): Promise<SyncError> {
  const error = await call.then(
    () => assert.fail(`expected ${cls.name}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SyncError, String(error));
  assert.equal(error.constructor, cls, `${String(error)}`);
  assert.ok(error instanceof Error);
  return error;
}

function throwsWith(call: () => unknown, cls: ErrorClass): SyncError {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof SyncError, String(error));
    assert.equal(error.constructor, cls, String(error));
    return error;
  }
  assert.fail(`expected ${cls.name}`);
}

test("every generated variant has its own public class, named and coded", async () => {
  // The installed package's generated layer (private: not in its exports).
  const generated = (await import(
    new URL("../generated/zerok_sync.js", import.meta.resolve("zerok-sync")).href
  )) as Record<string, unknown>;
  const variants = Object.entries(generated)
    .filter(([name, value]) => name.startsWith("SyncError") && name !== "SyncError" && value)
    .map(([name]) => name.slice("SyncError".length));
  assert.equal(variants.length, 28);
  const classes = new Set<unknown>();
  for (const variant of variants) {
    const cls = (zs as Record<string, unknown>)[
      variant === "Timeout" ? "SyncTimeoutError" : `${variant}Error`
    ] as new (message: string) => SyncError;
    assert.equal(typeof cls, "function", `no public class for ${variant}`);
    const error = new cls(`the ${variant} message`);
    assert.ok(error instanceof SyncError && error instanceof Error);
    assert.equal(error.code, variant);
    assert.equal(error.name, cls.name);
    assert.equal(error.message, `the ${variant} message`);
    classes.add(cls);
  }
  assert.equal(classes.size, variants.length);
});

test("not connected", async () => {
  const relay = await sharedRelay();
  const c = await client({ relayAddresses: [relay.addr], secretBytes: newSecret() }, false);
  assert.ok(!c.isConnected());
  assert.equal(c.activeRelay(), undefined);
  await rejectsWith(c.push(bytes("x")), NotConnectedError);
  await rejectsWith(c.pull(), NotConnectedError);
  await rejectsWith(c.subscribe().next(), NotConnectedError);
  await rejectsWith(c.createPairingCode(), NotConnectedError);
  await c.connect();
  await c.disconnect();
  const error = await rejectsWith(c.pullAfter(0), NotConnectedError);
  assert.equal(error.code, "NotConnected");
  assert.match(error.message, /connect\(\)/);
});

test("a dead relay", async () => {
  const dead = await Relay.start();
  await dead.kill();
  const c = await client({ relayAddresses: [dead.addr], secretBytes: newSecret() }, false);
  const error = await rejectsWith(c.connect(), ConnectionFailedError);
  assert.ok(error.message.includes(dead.addr));
});

test("all relays failed", async () => {
  // Wrong endpoint ids at a live relay's socket: each handshake fails at once.
  const host = (await sharedRelay()).addr.split("@")[1];
  const wrong = ["0", "1"].map((c) => `${c.repeat(64)}@${host}`);
  const c = await client({ relayAddresses: wrong, secretBytes: newSecret() }, false);
  const error = await rejectsWith(c.connect(), AllRelaysFailedError);
  assert.match(error.message, /all 2 relays failed/);
});

test("payload too large", async () => {
  const small = await Relay.start("--max-blob-bytes", "4096");
  const [a] = await pair(small);
  const error = await rejectsWith(a.push(new Uint8Array(5000)), PayloadTooLargeError);
  assert.match(error.message, /5000 bytes/);
  await a.push(new Uint8Array(1000)); // the client goes on
});

test("quota exceeded", async () => {
  const tight = await Relay.start("--quota-bytes", "20000");
  const [a] = await pair(tight);
  await rejectsWith(
    (async () => {
      for (let i = 0; i < 20; i++) await a.push(new Uint8Array(3000));
    })(),
    QuotaExceededError,
  );
});

test("rate limited: only when pacing cannot finish within the request timeout", async () => {
  const slow = await Relay.start("--rate-per-sec", "3");
  const config = { relayAddresses: [slow.addr], secretBytes: newSecret() };
  const patient = await client(config);
  const pushes = Array.from({ length: 10 }, (_, i) => patient.push(bytes(String(i))));
  assert.equal((await Promise.all(pushes)).length, 10, "paced, not thrown");
  const hasty = await client({ ...config, requestTimeoutMs: 300 });
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => hasty.push(bytes(String(i)))),
  );
  const limited = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  assert.ok(limited.length > 0);
  for (const error of limited) assert.ok(error instanceof RateLimitedError, String(error));
  assert.match(String((limited[0] as Error).message), /retry after/);
});

test("outbox full: enqueue fails at once", async () => {
  const relay = await sharedRelay();
  const c = await client({ relayAddresses: [relay.addr], secretBytes: newSecret(), outboxMaxBytes: 10_000 }, false);
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await c.enqueue(new Uint8Array(3000)));
  const error = await rejectsWith(c.enqueue(new Uint8Array(3000)), OutboxFullError);
  assert.equal(error.code, "OutboxFull");
  assert.match(error.message, /10000/);
  assert.deepEqual(c.pending().blobIds, ids, "the refused payload is not in the outbox");
});

test("payload too large at enqueue, once the relay's limit is known", async () => {
  const small = await Relay.start("--max-blob-bytes", "4096");
  const [a] = await pair(small);
  await rejectsWith(a.enqueue(new Uint8Array(5000)), PayloadTooLargeError);
  assert.equal(a.pending().count, 0);
});

test("flush timeout while the relay is down", async () => {
  const relay = await Relay.start();
  const [a] = await pair(relay);
  await relay.kill();
  await a.enqueue(bytes("waiting"));
  const error = await rejectsWith(a.flush({ timeoutMs: 300 }), SyncTimeoutError);
  assert.equal(error.code, "Timeout");
  assert.equal(a.pending().count, 1);
});

test("invites: expired and corrupt", async () => {
  const relay = await sharedRelay();
  const c = await client({ relayAddresses: [relay.addr], secretBytes: newSecret() }, false);
  const invite = c.createInvite(1);
  const qr = inviteToQr(invite);
  const corrupt = qr.slice(0, 10) + (qr[10] === "A" ? "B" : "A") + qr.slice(11);
  throwsWith(() => inviteFromQr(corrupt), InvalidInviteError);
  throwsWith(() => inviteFromQr(qr.slice(0, -4)), InvalidInviteError);
  const wait = Number(invite.expiresAt) * 1000 - Date.now() + 100;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  const error = throwsWith(() => inviteFromQr(qr), InviteExpiredError);
  assert.ok(error.message.includes(String(invite.expiresAt)));
});

test("a tampered blob: reported, and the stream goes on", async () => {
  const relay = await sharedRelay();
  const [a, b] = await pair(relay);
  const acks = [];
  for (const p of ["one", "two", "three"]) acks.push(await a.push(bytes(p)));
  tamper(relay, a.groupId(), acks[1]!.cursor);

  const live = b.subscribe();
  assert.equal(text((await live.next())!.payload), "one");
  const error = await rejectsWith(live.next(), TamperedError);
  assert.ok(error.message.includes(acks[1]!.blobId));
  assert.equal(text((await live.next())!.payload), "three");
  live.close();

  // pull(): the good blobs and, beside them, the tampered one; nothing left after it.
  const c = await client({ relayAddresses: [relay.addr], secretBytes: await secretOf(a) });
  const pulled = await c.pull();
  assert.deepEqual(pulled.blobs.map((x) => text(x.payload)), ["one", "three"]);
  assert.deepEqual(pulled.tampered, [{ blobId: acks[1]!.blobId, cursor: acks[1]!.cursor }]);
  assert.deepEqual(await c.pull(), NOTHING);
  assert.deepEqual((await c.pullAfter(0)).tampered, pulled.tampered, "pullAfter reports it too");
});

test("pairing codes: a typo is caught before any traffic, an unknown code fails", async () => {
  const relay = await sharedRelay();
  // A dead relay: a code that is no code must fail without dialing it.
  const dead = await Relay.start();
  await dead.kill();
  for (const [typed, message] of [
    ["0000-0000-0000-0001", /check character/], // the last character of 0000-0000-0000-0000
    ["ABCD-EFGH", /16 characters, this one 8/],
    ["UUUU-UUUU-UUUU-UUUU", /'U' is not a code character/],
  ] as const) {
    const error = await rejectsWith(joinWithCode(typed, [dead.addr]), InvalidPairingCodeError);
    assert.equal(error.code, "InvalidPairingCode");
    assert.match(error.message, message);
  }
  // Well formed, but no device shows it: the relay has no such mailbox.
  await rejectsWith(joinWithCode("0000-0000-0000-0000", [relay.addr]), PairingFailedError);
});

test("pairing codes: a cancelled code fails on both sides", async () => {
  const relay = await sharedRelay();
  const [a] = await pair(relay);
  const pairing = await a.createPairingCode();
  const waiting = rejectsWith(pairing.wait(), PairingFailedError); // waits from before the cancel
  pairing.cancel();
  pairing.cancel(); // idempotent
  const error = await waiting;
  assert.equal(error.code, "PairingFailed");
  assert.match(error.message, /cancelled/);
  await rejectsWith(pairing.wait(), PairingFailedError);
  await rejectsWith(joinWithCode(pairing.code, [relay.addr]), PairingFailedError);
});

test("pairing codes: an expired code fails on both sides", async () => {
  const relay = await sharedRelay();
  const [a] = await pair(relay);
  const pairing = await a.createPairingCode({ ttlSecs: 1 });
  const lifetime = Number(pairing.expiresAtMs) - Date.now(); // the relay's clock is this host's
  assert.ok(lifetime > 0 && lifetime <= 1_000, `expires in ${lifetime} ms`);
  // wait() resolves or rejects only with the pairing's outcome: here, its expiry.
  const error = await rejectsWith(pairing.wait(), PairingExpiredError);
  assert.equal(error.code, "PairingExpired");
  await rejectsWith(joinWithCode(pairing.code, [relay.addr]), PairingExpiredError);
});

test("pairing codes: a lifetime under a second is an invalid config", async () => {
  const [a] = await pair(await sharedRelay());
  await rejectsWith(a.createPairingCode({ ttlSecs: 0 }), InvalidConfigError);
});

/** The group secret of a client, through the public API (an invite carries it). */
async function secretOf(c: SyncClient): Promise<Uint8Array> {
  return c.createInvite(60).secretBytes;
}

const invalidConfigs: [string, Partial<SyncConfig>][] = [
  ["no secret", { secretBytes: undefined }],
  ["short secret", { secretBytes: new Uint8Array(31) }],
  ["passphrase without salt", { passphrase: "pw", secretBytes: undefined }],
  ["short salt", { passphrase: "pw", secretBytes: undefined, salt: new Uint8Array(15) }],
  ["passphrase and secret", { passphrase: "pw" }],
  ["zero ttl", { ttlSecs: 0 }],
  ["long device name", { deviceName: "d".repeat(257) }],
  ["no relay", { relayAddresses: [] }],
  ["bad relay address", { relayAddresses: ["not an address"] }],
];

for (const [name, fields] of invalidConfigs) {
  test(`invalid config: ${name}`, async () => {
    const relay = await sharedRelay();
    const config = { relayAddresses: [relay.addr], secretBytes: newSecret(), ...fields };
    await rejectsWith(SyncClient.create(config), InvalidConfigError);
  });
}

test("one address instead of a list is a TypeError", async () => {
  const relay = await sharedRelay();
  const config = { relayAddresses: relay.addr, secretBytes: newSecret() };
  await assert.rejects(SyncClient.create(config as unknown as SyncConfig), TypeError);
});

test("a corrupt state file", async () => {
  const relay = await sharedRelay();
  const statePath = join(tempDir(), "state.json");
  writeFileSync(statePath, "not json");
  const config = { relayAddresses: [relay.addr], secretBytes: newSecret(), statePath };
  const error = await rejectsWith(SyncClient.create(config), StateError);
  assert.ok(error.message.includes(statePath));
});

test("files: a missing file, a directory and a short stream are Io errors", async () => {
  const [a] = await pair(await sharedRelay());
  const missing = join(tempDir(), "missing.bin");
  const error = await rejectsWith(a.pushFile(missing), IoError); // opened before it starts
  assert.equal(error.code, "Io");
  assert.ok(error.message.includes(missing), error.message);
  await rejectsWith((await a.pushFile(tempDir())).done, IoError);
  const short = await a.pushStream(10);
  await short.write(bytes("1234"));
  assert.match((await rejectsWith(short.finish(), IoError)).message, /declared size/);
});

test("files: a cancelled transfer is Cancelled, every time it is asked", async () => {
  const [a] = await pair(await sharedRelay());
  const upload = await a.pushStream(1000);
  upload.transfer.cancel();
  upload.transfer.cancel(); // idempotent
  const error = await rejectsWith(upload.transfer.done, CancelledError);
  assert.equal(error.code, "Cancelled");
  assert.equal(error.cause, undefined, "cancel(), not a signal");
  await rejectsWith(upload.finish(), CancelledError);
  await rejectsWith(upload.write(bytes("late")), IoError); // the upload ended: finish() says why
});

test("files: an object no relay holds is ObjectUnavailable", async () => {
  const [, b] = await pair(await sharedRelay());
  const object = {
    objectId: "0123456789abcdef0123456789abcdef",
    size: 2 << 20,
    blake3: "00".repeat(32),
    chunkSize: 1 << 20,
    chunkCount: 2,
    name: undefined,
    inlineBytes: new Uint8Array(),
  };
  const path = join(tempDir(), "none.bin");
  const error = await rejectsWith((await b.download(object, path)).done, ObjectUnavailableError);
  assert.equal(error.code, "ObjectUnavailable");
  await rejectsWith(b.download({ ...object, objectId: "not hex" }, path), InvalidConfigError);
});

test("unknown cursor; the client stays usable", async () => {
  const [a] = await pair(await sharedRelay());
  const error = await rejectsWith(a.pullAfter(10n ** 6n), UnknownCursorError);
  assert.match(error.message, /1000000/);
  assert.deepEqual(await a.pull(), NOTHING);
});

test("calls after shutdown", async () => {
  const [a] = await pair(await sharedRelay());
  const sub = a.subscribe();
  await assert.rejects(sub.next({ signal: AbortSignal.timeout(50) }), { name: "TimeoutError" });
  await a.shutdown();
  assert.ok(!a.isConnected());
  await a.shutdown(); // idempotent
  assert.equal(await sub.next(), undefined, "an open subscription just ends");
  for (const call of [
    () => a.connect(),
    () => a.push(bytes("x")),
    () => a.pull(),
    () => a.pullAfter(0),
    () => a.subscribe().next(),
    () => a.enqueue(bytes("x")),
    () => a.flush(),
    () => a.createPairingCode(),
  ]) {
    await rejectsWith(call(), ShutdownError);
  }
  assert.equal(await a.events().next(), undefined, "an event stream of a shut-down client ends");
});
