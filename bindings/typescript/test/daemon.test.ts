// `zerok daemon` as apps use it: spawned by smartrust (`@push.rocks/smartrust` from npm) on
// stdio, or shared on a Unix socket by several app processes. The contract's operations
// themselves are daemon-conformance.test.ts; here: the transports, streams, events, errors,
// bad input, sharing, and a daemon killed mid-stream.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";

import {
  PayloadTooLargeError,
  ProtocolError,
  daemonError,
  type DaemonEvent,
  type SubscriptionChunk,
} from "zerok-sync/daemon";

import { b64, call, daemonProcess, spawnDaemon, unb64, type Bridge } from "./daemon-harness.js";
import { RUNTIME, Relay, ZEROK_BIN, bytes, client, newSecret, payloads, sharedRelay, tempDir, within } from "./harness.js";

/** A connected client of the daemon behind `bridge`. */
async function daemonClient(bridge: Bridge, config: object): Promise<string> {
  const { client } = await call(bridge, "create_client", { config: config as never });
  await call(bridge, "connect", { client });
  return client;
}

/** The chunks of a subscribe stream, without its `idle` heartbeats. */
async function* blobs(chunks: AsyncIterable<SubscriptionChunk>): AsyncGenerator<SubscriptionChunk> {
  for await (const chunk of chunks) if (chunk.kind !== "idle") yield chunk;
}

test("spawned by smartrust with its defaults: push, pull, a live stream, events, typed errors, a clean stop", async () => {
  const relay = await Relay.start("--max-blob-bytes", "4096");
  const secret = b64(newSecret());
  const bridge = await spawnDaemon(); // cliArgs: smartrust's default ["--management"]
  const events: DaemonEvent[] = [];
  bridge.on("management:connected", (e: DaemonEvent) => events.push(e));
  const a = await call(bridge, "create_client", { config: { relay_addresses: [relay.addr], secret_bytes: secret } });
  const { events: stream } = await call(bridge, "events", a);
  await call(bridge, "connect", a);
  const b = await daemonClient(bridge, { relay_addresses: [relay.addr], secret_bytes: secret });

  const live = bridge.sendCommandStreaming("subscribe", { client: b, heartbeat_ms: 0 });
  const chunks = blobs(live)[Symbol.asyncIterator]();
  const opened = (await chunks.next()).value;
  assert.equal(opened?.kind, "subscribed");

  const ack = await call(bridge, "push", { ...a, payload: b64("hello") });
  const got = (await within(10_000, "the live blob", chunks.next())).value;
  assert.ok(got?.kind === "blob");
  assert.equal(unb64(got.blob.payload), "hello");
  assert.equal(got.blob.blob_id, ack.blob_id);
  assert.equal(got.blob.cursor, ack.cursor);
  const pulled = await call(bridge, "pull", { client: b });
  assert.deepEqual(pulled, { blobs: [], tampered: [] }, "the stream moved b's cursor past it");

  assert.equal(events.length, 1);
  assert.deepEqual(events[0], { kind: "connected", relay: relay.addr, events: stream, client: a.client });

  // A typed error, the one the in-process package throws, and the client goes on.
  const refused = await call(bridge, "push", { ...a, payload: b64(new Uint8Array(8192)) }).catch((e) => e);
  assert.ok(refused instanceof PayloadTooLargeError, String(refused));
  assert.match(refused.message, /4096|too large/);
  await call(bridge, "push", { ...a, payload: b64("after") });

  await call(bridge, "close", { subscription: opened.kind === "subscribed" ? opened.subscription : "" });
  assert.equal(await live.result, null, "a closed stream ends with null");

  // smartrust's kill is SIGTERM: the daemon shuts its clients down and exits 0. (kill drops
  // every listener of the process first: this one comes after.)
  const daemon = daemonProcess(bridge);
  bridge.kill();
  assert.deepEqual(await within(10_000, "the daemon's exit", once(daemon, "exit")), [0, null]);
});

test("a quiet subscription outlives smartrust's inactivity timeout through idle chunks", async () => {
  const relay = await sharedRelay();
  const secret = b64(newSecret());
  const bridge = await spawnDaemon({ requestTimeoutMs: 1_000 });
  const a = await daemonClient(bridge, { relay_addresses: [relay.addr], secret_bytes: secret });
  const b = await daemonClient(bridge, { relay_addresses: [relay.addr], secret_bytes: secret });
  const live = bridge.sendCommandStreaming("subscribe", { client: b, heartbeat_ms: 200 });
  live.result.catch(() => {}); // the stream is left open: it fails when the daemon is killed
  let idle = 0;
  for await (const chunk of live) {
    if (chunk.kind === "idle" && ++idle === 15) await call(bridge, "push", { client: a, payload: b64("late") });
    if (chunk.kind === "blob") {
      assert.equal(unb64(chunk.blob.payload), "late");
      break;
    }
  }
  assert.ok(idle >= 15, "3 s of quiet, three times the bridge's timeout");
});

/** A daemon on stdio without smartrust, to write what smartrust never would. */
function rawDaemon(...flags: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(ZEROK_BIN, ["daemon", "--stdio", ...flags], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, lines };
}

test("bad lines get typed error answers and the daemon keeps serving", async () => {
  const { child, lines } = rawDaemon("--max-line-bytes", "1024");
  const next = async () => JSON.parse((await within(10_000, "a line", lines.next())).value);
  assert.equal((await next()).event, "ready");
  const send = (line: string | Buffer) => child.stdin!.write(Buffer.concat([Buffer.from(line), Buffer.from("\n")]));
  const cases: [string | Buffer, object][] = [
    ["not json", { id: null, success: false, code: "Protocol" }],
    [JSON.stringify({ id: "m", params: {} }), { id: "m", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "u", method: "no_such_method" }), { id: "u", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "w", method: "push", params: { client: "client-1" } }), { id: "w", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "h", method: "pull", params: { client: "client-7" } }), { id: "h", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "x", method: "version", params: { extra: 1 } }), { id: "x", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "b", method: "derive_secret", params: { passphrase: "p", salt: "%%%" } }), { id: "b", success: false, code: "Protocol" }],
    [JSON.stringify({ id: "big", method: "version", pad: "x".repeat(4096) }), { id: null, success: false, code: "PayloadTooLarge" }],
    [Buffer.from([0xff, 0xfe, 0x7b]), { id: null, success: false, code: "Protocol" }],
    [JSON.stringify({ id: "v", method: "version" }), { id: "v", success: true }],
  ];
  for (const [line, expected] of cases) {
    send(line);
    const answer = await next();
    assert.deepEqual({ ...answer, ...expected }, answer, `answer to ${String(line).slice(0, 60)}: ${JSON.stringify(answer)}`);
    if (!answer.success) assert.ok(answer.error.startsWith(`${answer.code}: `), answer.error);
  }
  child.stdin!.end();
  assert.deepEqual(await within(10_000, "the exit", once(child, "exit")), [0, null], "the end of its input ends it");
});

test("a socket daemon serves several app processes, which share one client per state file", async () => {
  const relay = await sharedRelay();
  const dir = tempDir();
  const socket = join(dir, "zerok.sock");
  const daemon = spawn(ZEROK_BIN, ["daemon", "--socket", socket], { stdio: ["ignore", "pipe", "inherit"] });
  const daemonExited = once(daemon, "exit"); // listening from the start: it may come early
  try {
    const [listening] = await within(10_000, "the socket", once(createInterface({ input: daemon.stdout! }), "line"));
    assert.equal(listening, socket);
    assert.equal(statSync(socket).mode & 0o777, 0o600, "owner-only");
    const secret = newSecret();
    const state = join(dir, "device.json");
    const app = (name: string) => {
      const script = ["dist/daemon-app.js", socket, state, relay.addr, b64(secret)];
      const child = spawn(process.execPath, RUNTIME === "deno" ? ["run", "-A", ...script] : script, {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, PATH: `${join(ZEROK_BIN, "..")}:${process.env.PATH}` },
      });
      const exited = once(child, "exit");
      const reports = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const report = async () => JSON.parse((await within(20_000, `${name}'s report`, reports.next())).value);
      return { exited, report };
    };
    const first = app("first");
    const one = await first.report();
    assert.equal(one.connected_before, false);
    const second = app("second");
    const two = await second.report();
    assert.equal(two.connected_before, true, "the second app got the first's client, already connected");
    assert.equal(two.group, one.group);
    assert.equal(two.subscribed, "subscription-2", "handles are per session: each has its own numbering");

    const other = await client({ relayAddresses: [relay.addr], secretBytes: secret });
    const ack = await other.push(bytes("to both apps"));
    for (const { report, exited } of [first, second]) {
      assert.deepEqual(await report(), { blob: "to both apps", cursor: Number(ack.cursor) });
      assert.match((await report()).foreign, /^Protocol: `subscription-999` is not a Subscription handle/);
      assert.deepEqual(await within(10_000, "the app's exit", exited), [0, null]);
    }
  } finally {
    daemon.kill("SIGTERM");
    assert.deepEqual(await within(10_000, "the daemon's exit", daemonExited), [0, null]);
  }
});

test("a socket path is never taken from a live daemon, nor from a file that is not a socket", async () => {
  const dir = tempDir();
  const run = async (path: string) => {
    const child = spawn(ZEROK_BIN, ["daemon", "--socket", path], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await within(10_000, "the refusal", once(child, "exit"));
    return { code, stderr };
  };
  const file = join(dir, "notes.txt");
  writeFileSync(file, "keep me");
  assert.deepEqual(await run(file), { code: 1, stderr: `zerok: ${file} exists and is not a socket\n` });
  assert.equal(readFileSync(file, "utf8"), "keep me");

  const socket = join(dir, "zerok.sock");
  const live = spawn(ZEROK_BIN, ["daemon", "--socket", socket], { stdio: ["ignore", "pipe", "inherit"] });
  const liveExited = once(live, "exit");
  try {
    await within(10_000, "the socket", once(createInterface({ input: live.stdout! }), "line"));
    assert.deepEqual(await run(socket), { code: 1, stderr: `zerok: a daemon already listens on ${socket}\n` });
  } finally {
    live.kill("SIGKILL"); // leaves its socket file behind: stale
    await within(10_000, "the daemon's exit", liveExited);
  }
  const again = spawn(ZEROK_BIN, ["daemon", "--socket", socket], { stdio: ["ignore", "pipe", "inherit"] });
  const againExited = once(again, "exit");
  const [listening] = await within(10_000, "the socket", once(createInterface({ input: again.stdout! }), "line"));
  assert.equal(listening, socket, "a stale socket is replaced");
  again.kill("SIGTERM");
  assert.deepEqual(await within(10_000, "the daemon's exit", againExited), [0, null]);
  assert.ok(!existsSync(socket), "a daemon that stops removes its socket");
});

test("a daemon killed mid-stream: smartrust sees the exit, and nothing acknowledged is lost", async () => {
  const relay = await sharedRelay();
  const secret = newSecret();
  const state = join(tempDir(), "device.json");
  const config = { relay_addresses: [relay.addr], secret_bytes: b64(secret), state_path: state };
  const other = await client({ relayAddresses: [relay.addr], secretBytes: secret });

  const bridge = await spawnDaemon();
  const device = await daemonClient(bridge, config);
  const live = bridge.sendCommandStreaming("subscribe", { client: device, heartbeat_ms: 0 });
  const chunks = blobs(live)[Symbol.asyncIterator]();
  await chunks.next(); // subscribed
  const first = await other.push(bytes("before the kill"));
  const handled = (await within(10_000, "the first blob", chunks.next())).value;
  assert.ok(handled?.kind === "blob" && handled.blob.cursor === Number(first.cursor));
  const pushed = await call(bridge, "push", { client: device, payload: b64("acknowledged") });
  await call(bridge, "disconnect", { client: device });
  const queued = await call(bridge, "enqueue", { client: device, payload: b64("queued") });

  const exit = once(bridge, "exit");
  const streamEnded = live.result.then(
    () => "finished",
    (error: Error) => error.message,
  );
  daemonProcess(bridge).kill("SIGKILL");
  assert.deepEqual(await within(10_000, "smartrust's exit event", exit), [null, "SIGKILL"]);
  assert.match(await streamEnded, /exited/, "the stream fails, it does not end quietly");
  const missed = await other.push(bytes("while it was dead"));

  // The same device again: its outbox and cursor are on disk.
  const again = await spawnDaemon();
  const restarted = await daemonClient(again, config);
  await call(again, "flush", { client: restarted, timeout_ms: 10_000 });
  const caughtUp = await call(again, "pull_after", { client: restarted, cursor: handled.blob.cursor });
  assert.deepEqual(caughtUp.blobs.map((b) => [unb64(b.payload), b.cursor]), [["while it was dead", Number(missed.cursor)]]);
  const seen = await other.pull();
  assert.deepEqual(payloads(seen), ["acknowledged", "queued"]);
  assert.equal(seen.blobs[0]!.cursor, BigInt(pushed.cursor));
  assert.equal(seen.blobs[1]!.blobId, queued);
});

test("daemonError passes through what is not a daemon error", () => {
  const timeout = new Error("Command 'pull' timed out after 30000ms");
  assert.equal(daemonError(timeout), timeout);
  const unknown = new Error("Nonsense: not a variant");
  assert.equal(daemonError(unknown), unknown);
  const typed = daemonError(new Error("Protocol: unknown method `x`"));
  assert.ok(typed instanceof ProtocolError);
  assert.equal(typed.message, "unknown method `x`");
});
