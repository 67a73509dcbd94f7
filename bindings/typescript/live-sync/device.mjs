/**
 * The Node device of the cross-language live-sync test: tests/live-sync/README.md defines its
 * arguments (the optional mode `push`, `enqueue` or `deliver` and the state path, the mode
 * `show` or `type` and the code typed, or the mode `file`, the shared directory and SIZE), the payloads, the checks and the JSON line it
 * prints. Started by scripts/test-live-sync.
 *
 * `zerok-sync` resolves to this package itself (Node's self-reference through "exports"):
 * the built dist/, i.e. exactly the code `npm pack` ships, with the library from
 * $ZEROK_SYNC_LIBRARY. Plain JavaScript, so no compile step of its own.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { SyncClient, SyncConfig, joinWithCode } from "zerok-sync";

/** Reading on after the last expected blob: a late one is a duplicate. */
const SETTLE_MS = 500;

const MODES = ["push", "enqueue", "deliver", "show", "type", "file"];

/** A failed check; its message is the result's `error`. */
class Failed extends Error {}

function fnv1a32(bytes) {
  let h = 0x811c9dc5;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** Blob `index` of device `language`: its header, then xorshift32 bytes seeded by it. */
function payload(language, index, bodySizes) {
  const header = Buffer.from(`${language}:${index}:`);
  const size = bodySizes[index % bodySizes.length];
  const body = Buffer.alloc(Math.ceil(size / 4) * 4);
  let x = fnv1a32(header) || 1;
  for (let offset = 0; offset < size; offset += 4) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    body.writeUInt32LE(x, offset);
  }
  return Buffer.concat([header, body.subarray(0, size)]);
}

function checkVectors(table) {
  for (const v of table.vectors) {
    const got = payload(v.language, v.index, table.body_sizes);
    if (got.length !== v.length || fnv1a32(got) !== v.fnv1a32) {
      throw new Failed(`payload rule disagrees with vector ${v.language}:${v.index}: ` +
        `length ${got.length}, fnv1a32 ${fnv1a32(got)}`);
    }
  }
}

function firstDifference(expected, got) {
  for (let offset = 0; offset < Math.min(expected.length, got.length); offset++) {
    if (expected[offset] !== got[offset]) {
      const hex = (b) => `0x${b.toString(16).padStart(2, "0")}`;
      return `byte ${offset} differs: expected ${hex(expected[offset])}, got ${hex(got[offset])}`;
    }
  }
  return `${got.length} bytes, expected ${expected.length}`;
}

/** What this device has received: the next index due from each other sender. */
class Checker {
  received = 0;

  constructor(me, languages, n, bodySizes) {
    Object.assign(this, { me, n, bodySizes });
    this.due = new Map(languages.filter((l) => l !== me).map((l) => [l, 0]));
  }

  get complete() {
    return [...this.due.values()].every((i) => i === this.n);
  }

  progress() {
    return [...this.due].map(([l, i]) => `${l} ${i}/${this.n}`).join(", ");
  }

  /** Checks one received blob; returns its sender. */
  accept(bytes) {
    const got = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = JSON.stringify(got.subarray(0, 24).toString("latin1"));
    if (this.complete) {
      throw new Failed(`a blob after all were received (${got.length} bytes, starting ${start}): ` +
        "a duplicate or a stray");
    }
    const first = got.indexOf(0x3a);
    const second = first < 0 ? -1 : got.indexOf(0x3a, first + 1);
    const digits = got.subarray(first + 1, second).toString("latin1");
    if (second < 0 || !/^[0-9]+$/.test(digits)) {
      throw new Failed(`a blob without a header (${got.length} bytes, starting ${start})`);
    }
    const sender = got.subarray(0, first).toString();
    const index = Number(digits);
    if (sender === this.me) throw new Failed(`received its own blob ${sender}:${index}`);
    if (!this.due.has(sender)) throw new Failed(`a blob from an unknown sender ${JSON.stringify(sender)}`);
    const due = this.due.get(sender);
    if (index !== due) throw new Failed(`${sender}:${index} arrived when ${sender}:${due} was due`);
    const expected = payload(sender, index, this.bodySizes);
    if (!got.equals(expected)) throw new Failed(`${sender}:${index}: ${firstDifference(expected, got)}`);
    this.due.set(sender, due + 1);
    this.received++;
    return sender;
  }
}

/** The payload this device sends as blob `index`: the rule's, or corrupted by the test hook. */
function outgoing(me, index, bodySizes) {
  const blob = payload(me, index, bodySizes);
  if (index === 1 && process.env["ZEROK_LIVE_SYNC_CORRUPT"] === me) blob[blob.length - 1] ^= 1; // test-only hook
  return blob;
}

async function pushAll(client, me, n, bodySizes, result) {
  for (let index = 0; index < n; index++) {
    await client.push(outgoing(me, index, bodySizes));
    result.pushed++;
  }
}

/** Mode `deliver`: the outbox of an earlier `enqueue` run holds the N payloads. */
async function deliverAll(client, n, result) {
  await client.flush(); // no deadline: the run's timeout bounds it
  result.pushed = n;
}

/** Mode `enqueue`: no connection; each payload in the outbox, then waits to be killed. */
async function enqueueAll(client, me, n, bodySizes) {
  for (let index = 0; index < n; index++) {
    await client.enqueue(outgoing(me, index, bodySizes));
    console.log(`enqueued ${index}`);
  }
  console.log("enqueued all");
  setInterval(() => {}, 1 << 30); // never exits by itself: the script kills it (-9)
  await new Promise(() => {});
}

/** The first line of stdin; then stdin is closed (held open, it would keep Node running). */
function readLine() {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) => {
    lines.once("line", (line) => { resolve(line); lines.close(); process.stdin.destroy(); });
    lines.once("close", () => resolve(null));
  });
}

/** Resolves to "timeout" after `ms`; `clear()` it when done. */
function timer(ms) {
  let handle;
  const promise = new Promise((resolve) => { handle = setTimeout(resolve, Math.max(ms, 0), "timeout"); });
  return { promise, clear: () => clearTimeout(handle) };
}

/**
 * Mode `show`: pushes its payload of index 0, shows a pairing code (printed as `code <code>`)
 * and waits at most `timeout` seconds for the device that types it.
 */
async function showCode(client, me, bodySizes, timeout, result) {
  await client.push(payload(me, 0, bodySizes));
  const pairing = await client.createPairingCode();
  try {
    console.log(`code ${pairing.code}`);
    result.verifier = await pairing.wait({ signal: AbortSignal.timeout(timeout * 1000) });
  } catch (e) {
    if (e?.name === "TimeoutError") throw new Failed(`nobody typed the code within ${timeout} s`);
    throw e;
  } finally {
    pairing.cancel(); // (no `await using` in plain JavaScript on Node 20); a no-op once done
  }
  result.ok = true;
}

/**
 * Mode `type`: joins with the code through `relay` alone, then pulls from the group it joined:
 * exactly one blob, the payload of index 0 of the language that showed the code.
 */
async function typeCode(relay, code, me, languages, bodySizes, result) {
  const joined = await joinWithCode(code, [relay]);
  result.verifier = joined.verifier;
  const client = await SyncClient.create(SyncConfig.fromInvite(joined.invite, { deviceName: me }));
  try {
    await client.connect();
    const pulled = await client.pull();
    if (pulled.tampered.length > 0) throw new Failed(`the pull reported ${pulled.tampered.length} tampered blobs`);
    if (pulled.blobs.length !== 1) throw new Failed(`the pull held ${pulled.blobs.length} blobs, expected 1`);
    // Blob 0 of a language of the list other than this one, byte for byte.
    result.paired_with = new Checker(me, languages, 1, bodySizes).accept(pulled.blobs[0].payload);
  } finally {
    await client.shutdown();
  }
  result.ok = true;
}

/** Mode `file`: SIZE bytes, byte `i` being `(i + p) % 251`, written in pieces of 1 MiB. */
function writeRingFile(path, size, p) {
  const piece = 1 << 20;
  const pattern = Buffer.alloc(piece + 251);
  for (let i = 0; i < pattern.length; i++) pattern[i] = i % 251;
  const fd = openSync(path, "w");
  try {
    for (let offset = 0; offset < size; offset += piece) {
      writeSync(fd, pattern, (offset + p) % 251, Math.min(piece, size - offset));
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads `transfer`'s progress to its end, printing `<label> <bytes_done> <bytes_total>`; its outcome. */
async function follow(transfer, label, size) {
  let last;
  for await (const p of transfer.progress()) {
    console.log(`${label} ${p.bytesDone} ${p.bytesTotal}`);
    last = p;
  }
  const outcome = await transfer.done;
  if (last?.bytesDone !== size || last?.bytesTotal !== size) {
    throw new Failed(`${label}: progress ended at ${last?.bytesDone}/${last?.bytesTotal}, expected ${size}/${size}`);
  }
  return outcome;
}

/**
 * Mode `file`, steps 1 (from opening the subscription) to 3: pushes `<dir>/<me>.bin` while it
 * waits for the blob named `<before>.bin`, then downloads that file to `<me>.from-<before>.bin`.
 */
async function fileRing(client, me, before, dir, size, timeout, result) {
  const deadline = new AbortController(); // after `go`: the timeout, or the push's failure
  const { signal } = deadline;
  const blobs = client.subscribe({ signal });
  let reading = blobs.next();
  reading.catch(() => {}); // its failure is awaited below; never an unhandled rejection
  console.log("ready");
  const line = await readLine();
  if (line?.trim() !== "go") throw new Failed(`expected 'go' on stdin, got ${JSON.stringify(line)}`);

  const start = performance.now();
  let waiting = `no blob named ${before}.bin`;
  const handle = setTimeout(() => deadline.abort(new Failed(`timed out after ${timeout} s: ${waiting}`)), timeout * 1000);
  try {
    const pushing = client.pushFile(join(dir, `${me}.bin`), { signal }).then((t) => follow(t, "up", size));
    pushing.catch((e) => deadline.abort(e)); // ends the wait below too
    let blob;
    while ((blob = await reading)?.object?.name !== `${before}.bin`) { // other blobs are passed over
      if (blob === undefined) throw new Failed("the subscription ended");
      reading = blobs.next();
    }
    waiting = `downloading ${before}.bin`;
    const download = await client.download(blob.object, join(dir, `${me}.from-${before}.bin`), { signal });
    const received = await follow(download, "down", size);
    waiting = `pushing ${me}.bin`;
    result.pushed_blake3 = (await pushing).blake3;
    Object.assign(result, { received_from: before, received_blake3: received.blake3 });
    result.seconds = Math.round(performance.now() - start) / 1000;
  } catch (e) {
    throw signal.aborted ? signal.reason : e; // the timeout or the push's error, not the cancellation
  } finally {
    clearTimeout(handle);
    blobs.close();
  }
  result.ok = true;
}

async function run(args, result) {
  const [relay, secret, me, languages, nArg, payloadsJson, timeout, mode = "push", extra, sizeArg] = args;
  if (!MODES.includes(mode)) throw new Failed(`unknown mode ${JSON.stringify(mode)}`);
  const n = Number(nArg);
  const table = JSON.parse(readFileSync(payloadsJson, "utf8"));
  checkVectors(table);
  if (mode === "type") return await typeCode(relay, extra, me, languages.split(","), table.body_sizes, result);
  const ring = languages.split(",");
  if (mode === "file") {
    if (!ring.includes(me)) throw new Failed(`${me} is not in the list ${languages}`);
    writeRingFile(join(extra, `${me}.bin`), Number(sizeArg), ring.indexOf(me));
  }
  const checker = new Checker(me, ring, n, table.body_sizes);
  const client = await SyncClient.create({
    relayAddresses: [relay],
    secretBytes: Buffer.from(secret, "hex"),
    deviceName: me,
    statePath: ["show", "file"].includes(mode) ? undefined : extra, // the 10th argument: a state path, or not
  });
  try {
    if (mode === "enqueue") return await enqueueAll(client, me, n, table.body_sizes);
    await client.connect();
    if (mode === "show") return await showCode(client, me, table.body_sizes, Number(timeout), result);
    if (mode === "file") {
      const before = ring.at(ring.indexOf(me) - 1); // the first's is the last
      return await fileRing(client, me, before, extra, Number(sizeArg), Number(timeout), result);
    }
    const send = mode === "deliver"
      ? () => deliverAll(client, n, result)
      : () => pushAll(client, me, n, table.body_sizes, result);
    await sync(client, send, Number(timeout), checker, result);
  } finally {
    await client.shutdown(); // (no `await using` in plain JavaScript on Node 20)
  }
}

/**
 * Steps 1 (from opening the subscription) to 4 of a device, as README.md numbers them;
 * `send` pushes (or delivers) this device's N blobs.
 */
async function sync(client, send, timeout, checker, result) {
  const blobs = client.subscribe();
  const read = () => {
    const blob = blobs.next();
    blob.catch(() => {}); // its failure is raced below; never an unhandled rejection
    return blob;
  };
  let reading = read();
  console.log("ready");
  const line = await readLine();
  if (line?.trim() !== "go") throw new Failed(`expected 'go' on stdin, got ${JSON.stringify(line)}`);

  const start = performance.now();
  const deadline = start + timeout * 1000;
  let settledAt;
  let pushing = send().then(() => "pushed");
  pushing.catch(() => {}); // (likewise)
  for (;;) {
    const wait = timer((settledAt ?? deadline) - performance.now());
    const next = await Promise.race([reading, pushing, wait.promise].filter(Boolean)).finally(wait.clear);
    if (next === "timeout") break; // settled, or timed out
    if (next === "pushed") {
      pushing = undefined;
    } else {
      if (next === undefined) throw new Failed("the subscription ended");
      checker.accept(next.payload);
      result.received = checker.received;
      reading = read();
    }
    if (settledAt === undefined && checker.complete && pushing === undefined) {
      result.seconds = Math.round(performance.now() - start) / 1000;
      settledAt = performance.now() + SETTLE_MS;
    }
  }
  blobs.close();
  if (settledAt === undefined) {
    throw new Failed(`timed out after ${timeout} s: received ${checker.progress()}; pushed ${result.pushed}/${checker.n}`);
  }
  result.ok = true;
}

const ownResult = ["show", "type", "file"].includes(process.argv[9]); // the lines of those modes
const result = ownResult
  ? { language: process.argv[4], ok: false }
  : { language: process.argv[4], ok: false, pushed: 0, received: 0, seconds: 0 };
try {
  await run(process.argv.slice(2), result);
} catch (e) {
  result.error = e instanceof Failed ? e.message : `${e.name}: ${e.message}`;
}
console.log(JSON.stringify(result));
process.exitCode = result.ok ? 0 : 1;
