// Files through the facade's idioms: progress as `for await`, `done`, AbortSignal as real
// cancellation (CancelledError with the signal's reason as its cause, no file left behind),
// uploads from a ReadableStream, a Node stream or a failing generator, and `await using`.
// (The conformance scenarios cover the contract's side: results, errors, resumable bytes.)
import assert from "node:assert/strict";
import { createReadStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { blake3 } from "@noble/hashes/blake3.js";
import { bytesToHex } from "@noble/hashes/utils.js";

import { CancelledError, type SyncClient, type Transfer, type TransferProgress } from "zerok-sync";

import { NOTHING, bytes, pair, sharedRelay, tempDir } from "./harness.js";

const blake3Hex = (data: Uint8Array) => bytesToHex(blake3(data));

/** A file of `size` bytes (byte i is i % 251) in a fresh directory. */
function dataFile(size: number): [string, Uint8Array] {
  const data = Buffer.alloc(size, Uint8Array.from({ length: 251 }, (_, i) => i));
  const path = join(tempDir(), "data.bin");
  writeFileSync(path, data);
  return [path, data];
}

/** The object of the one blob `receiver` has not pulled yet. */
async function onlyObject(receiver: SyncClient) {
  const { blobs } = await receiver.pull();
  assert.equal(blobs.length, 1);
  assert.ok(blobs[0]!.object !== undefined, "the blob is an object");
  return blobs[0]!.object;
}

/** Rejects with CancelledError whose cause is `reason`. */
async function cancelledBy(transfer: Transfer, reason: unknown): Promise<void> {
  await assert.rejects(transfer.done, (e) => e instanceof CancelledError && e.cause === reason);
}

test("a file pushed with progress, downloaded by another device", async () => {
  const [a, b] = await pair(await sharedRelay());
  const [path, data] = dataFile(3 << 20);
  const up = await a.pushFile(path);
  const seen: TransferProgress[] = [];
  for await (const p of up.progress()) seen.push(p);
  assert.ok(seen.length > 0);
  for (const [i, p] of seen.entries()) assert.ok(i === 0 || p.bytesDone >= seen[i - 1]!.bytesDone);
  assert.deepEqual(seen.at(-1), up.currentProgress());
  assert.equal(seen.at(-1)!.bytesDone, data.length);
  const pushed = await up.done;
  assert.equal(await up.outcome(), pushed);
  assert.equal(pushed.blake3, blake3Hex(data));
  assert.equal(typeof pushed.cursor, "bigint");

  const object = await onlyObject(b);
  assert.equal(object.objectId, up.objectId);
  assert.equal(object.name, "data.bin");
  const copy = join(tempDir(), "copy.bin");
  const down = await b.download(object, copy);
  const saved = await down.done;
  assert.deepEqual([saved.path, saved.cursor, saved.size], [copy, undefined, data.length]);
  assert.equal(blake3Hex(readFileSync(copy)), pushed.blake3);
});

test("aborting a download's signal mid-transfer cancels it: CancelledError, no file", async () => {
  const [a, b] = await pair(await sharedRelay());
  const [path] = dataFile(24 << 20);
  await (await a.pushFile(path)).done;
  const object = await onlyObject(b);
  const copy = join(tempDir(), "copy.bin");
  const stop = new AbortController();
  const reason = new Error("the user closed the window");
  const down = await b.download(object, copy, { signal: stop.signal });
  let last: TransferProgress | undefined;
  for await (const p of down.progress()) {
    last = p;
    if (p.bytesDone > 0) stop.abort(reason);
  }
  assert.ok(last !== undefined && last.bytesDone < last.bytesTotal, "stopped midway");
  await cancelledBy(down, reason);
  assert.ok(!existsSync(copy), "no file");
  // The client goes on: the same object downloads in full.
  assert.equal((await (await b.download(object, copy)).done).size, 24 << 20);
});

test("aborting an upload's signal cancels it: nothing reaches the group", async () => {
  const [a, b] = await pair(await sharedRelay());
  const stop = new AbortController();
  const upload = await a.pushStream(4 << 20, { name: "partial", signal: stop.signal });
  await upload.write(new Uint8Array(1 << 20));
  stop.abort(); // an AbortError as the reason
  await cancelledBy(upload.transfer, stop.signal.reason);
  await assert.rejects(upload.finish(), CancelledError);
  assert.deepEqual(await b.pull(), NOTHING);
});

test("an already aborted signal starts no transfer", async () => {
  const [a, b] = await pair(await sharedRelay());
  const [path] = dataFile(10);
  const reason = new Error("no");
  const signal = AbortSignal.abort(reason);
  await assert.rejects(a.pushFile(path, { signal }), (e) => e === reason);
  await assert.rejects(a.pushStream(10, { signal }), (e) => e === reason);
  await (await a.pushFile(path)).done;
  const object = await onlyObject(b);
  const copy = join(tempDir(), "copy.bin");
  await assert.rejects(b.download(object, copy, { signal }), (e) => e === reason);
  assert.ok(!existsSync(copy));
  assert.deepEqual(await b.pull(), NOTHING, "one push only");
});

test("pipeFrom: a ReadableStream and a Node stream", async () => {
  const [a, b] = await pair(await sharedRelay());
  const [path, data] = dataFile((1 << 20) + 5);
  const web = await a.pushStream(data.length, { name: "web" });
  const fromWeb = await web.pipeFrom(new Blob([data]).stream());
  const node = await a.pushStream(data.length);
  const fromNode = await node.pipeFrom(createReadStream(path, { highWaterMark: 100_000 }));
  for (const result of [fromWeb, fromNode]) assert.equal(result.blake3, blake3Hex(data));
  const { blobs } = await b.pull();
  assert.deepEqual(blobs.map((blob) => blob.object?.name), ["web", undefined]);
});

test("pipeFrom: a failing source cancels the upload and rejects with its error", async () => {
  const [a, b] = await pair(await sharedRelay());
  const broken = new Error("disk unplugged");
  async function* source() {
    yield bytes("the first part");
    throw broken;
  }
  const upload = await a.pushStream(1000);
  await assert.rejects(upload.pipeFrom(source()), (e) => e === broken);
  await assert.rejects(upload.transfer.done, CancelledError);
  assert.deepEqual(await b.pull(), NOTHING);
});

test("await using: cancels an unfinished transfer at the end of the scope, not a finished one", async () => {
  const [a, b] = await pair(await sharedRelay());
  let unfinished: Transfer;
  {
    await using upload = await a.pushStream(10);
    await upload.write(bytes("12345"));
    unfinished = upload.transfer;
  }
  await assert.rejects(unfinished.done, CancelledError);
  let finished: Transfer;
  {
    await using upload = await a.pushStream(10);
    await upload.pipeFrom([bytes("12345"), bytes("67890")]);
    finished = upload.transfer;
  }
  assert.equal((await finished.done).size, 10);
  const { blobs } = await b.pull();
  assert.equal(blobs.length, 1);
  // A cancelled Transfer rejects every later outcome() the same way.
  await assert.rejects(unfinished.outcome(), CancelledError);
});
