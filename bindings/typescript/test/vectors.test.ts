// The known-answer vectors every language checks (tests/vectors/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { SyncError, deriveSecret, inviteFromQr, inviteToQr, type Invite } from "zerok-sync";

import { vectors } from "./harness.js";

interface Params {
  memory_kib: number;
  iterations: number;
  parallelism: number;
}
interface KdfCase {
  description: string;
  passphrase: string;
  passphrase_utf8_hex: string;
  salt: string;
  params: Params;
  secret: string;
}
interface InviteCase {
  description: string;
  invite: string;
  expected_error: string | null;
  expected: {
    relays: { text: string }[];
    secret: string;
    kdf: { salt: string; params: Params } | null;
    expires_at: number;
  } | null;
}

const hex = (value: Uint8Array) => Buffer.from(value).toString("hex");
const fromHex = (value: string) => new Uint8Array(Buffer.from(value, "hex"));
const kdfOf = (p: Params) => ({ memoryKib: p.memory_kib, iterations: p.iterations, parallelism: p.parallelism });

for (const c of vectors<{ cases: KdfCase[] }>("kdf").cases) {
  test(`kdf: ${c.description}`, async () => {
    assert.equal(hex(new TextEncoder().encode(c.passphrase)), c.passphrase_utf8_hex);
    const derived = await deriveSecret(c.passphrase, { salt: fromHex(c.salt), kdf: kdfOf(c.params) });
    assert.equal(hex(derived.secret), c.secret);
    assert.equal(hex(derived.salt), c.salt);
    assert.deepEqual(derived.kdf, kdfOf(c.params));
  });
}

function expectedInvite(expected: NonNullable<InviteCase["expected"]>, expiresAt?: bigint): Invite {
  const kdf = expected.kdf;
  return {
    relayAddresses: expected.relays.map((r) => r.text),
    secretBytes: fromHex(expected.secret),
    salt: kdf ? fromHex(kdf.salt) : undefined,
    kdf: kdf ? kdfOf(kdf.params) : undefined,
    expiresAt: expiresAt ?? BigInt(expected.expires_at),
  };
}

for (const c of vectors<{ cases: InviteCase[] }>("invites").cases) {
  test(`invite: ${c.description}`, () => {
    if (c.expected_error !== null) {
      // Fails the same way now as at its `now`: corruption and version are checked before
      // expiry, and the expired ones are even more expired today.
      assert.throws(() => inviteFromQr(c.invite), (e) => e instanceof SyncError && e.code === c.expected_error);
      return;
    }
    // inviteFromQr() checks expiry against the real clock and takes no `now`, so a vector
    // valid at its `now` (2025) is expired today: check that, that encoding the expected
    // values gives exactly the vector's string, and that the same invite with a future
    // expiry decodes to exactly the expected values.
    const expected = c.expected!;
    if (Date.now() / 1000 < expected.expires_at) {
      assert.deepEqual(inviteFromQr(c.invite), expectedInvite(expected));
    } else {
      assert.throws(() => inviteFromQr(c.invite), (e) => e instanceof SyncError && e.code === "InviteExpired");
    }
    assert.equal(inviteToQr(expectedInvite(expected)), c.invite.trim());
    const future = BigInt(Math.floor(Date.now() / 1000) + 3600);
    assert.deepEqual(inviteFromQr(inviteToQr(expectedInvite(expected, future))), expectedInvite(expected, future));
  });
}
