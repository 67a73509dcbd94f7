/**
 * Test fixtures: real `zerok relay` processes on 127.0.0.1 (SQLite in temp dirs) and clients
 * of the INSTALLED zerok-sync package. scripts/test-typescript sets ZEROK_BIN (the relay
 * binary) and ZEROK_REPO (the repository, for tests/vectors and the README).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { createInterface } from "node:readline";

import { SyncClient, type PullResult, type SyncConfig } from "zerok-sync";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/test-typescript`);
  return value;
}

export const ZEROK_BIN = required("ZEROK_BIN");
export const REPO = required("ZEROK_REPO");

const scratch = mkdtempSync(join(tmpdir(), "zerok-ts-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = join(scratch, String(dirs++));
  mkdirSync(dir);
  return dir;
}

/**
 * A `zerok relay` child process; `addr` is the address it printed on its first line. It can
 * be restarted on the same database, key and address (so `addr` stays valid).
 */
export class Relay {
  readonly db: string;
  readonly addr: string;
  #process: ChildProcess;

  private constructor(db: string, addr: string, process: ChildProcess) {
    this.db = db;
    this.addr = addr;
    this.#process = process;
  }

  static async start(...flags: string[]): Promise<Relay> {
    const db = join(tempDir(), "relay.db");
    const [addr, child] = await spawnRelay(db, "127.0.0.1:0", flags);
    const relay = new Relay(db, addr, child);
    relays.push(relay);
    return relay;
  }

  /** Kills it if it still runs, then starts it again with `flags` on the same address. */
  async restart(...flags: string[]): Promise<void> {
    await this.kill();
    const [addr, child] = await spawnRelay(this.db, this.addr.split("@")[1]!, flags);
    this.#process = child;
    assert.equal(addr, this.addr, "a restarted relay keeps its identity and address");
  }

  /** SIGKILL and wait: the relay is dead when this resolves. */
  async kill(): Promise<void> {
    if (!(await this.exitedWithin(0))) this.#process.kill("SIGKILL");
    await this.exitedWithin(Infinity);
  }

  /** Whether the process has ended (by itself, or killed) within `ms`. */
  exitedWithin(ms: number): Promise<boolean> {
    const child = this.#process;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => resolve(false), ms) : undefined;
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** Starts `zerok relay` on `db` and `listen`; resolves to the address it printed. */
async function spawnRelay(db: string, listen: string, flags: string[]): Promise<[string, ChildProcess]> {
  const logPath = `${db}.log`;
  const log = openSync(logPath, "a");
  const child = spawn(ZEROK_BIN, ["relay", "--db", db, "--listen", listen, ...flags], {
    stdio: ["ignore", "pipe", log],
    env: { ...process.env, RUST_LOG: "info" },
  });
  closeSync(log);
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once("line", resolve)),
    new Promise<string>((resolve) => child.once("exit", () => resolve(""))),
    new Promise<string>((resolve) => setTimeout(() => resolve(""), 30_000).unref()),
  ]);
  lines.close();
  child.stdout!.destroy(); // the relay prints only its address there
  if (!first.includes("@")) {
    child.kill("SIGKILL");
    const text = readFileSync(logPath, "utf8");
    throw new Error(`relay printed ${JSON.stringify(first)}; log: ${text.slice(-2000)}`);
  }
  return [first.trim(), child];
}

const relays: Relay[] = [];
after(async () => {
  await Promise.all(relays.map((relay) => relay.kill()));
});

let shared: Promise<Relay> | undefined;
/** One relay with default limits, shared by every test of a file. */
export function sharedRelay(): Promise<Relay> {
  shared ??= Relay.start();
  return shared;
}

/** A fresh group: every test gets its own, so tests never see each other's blobs. */
export function newSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

const clients: SyncClient[] = [];
after(async () => {
  await Promise.all(clients.map((client) => client.shutdown()));
});

/** A client, connected unless `connect` is false; shut down when the test file ends. */
export async function client(config: SyncConfig, connect = true): Promise<SyncClient> {
  const made = await SyncClient.create(config);
  clients.push(made);
  if (connect) await made.connect();
  return made;
}

/** Two connected clients of one new group on `relay`. */
export async function pair(relay: Relay): Promise<[SyncClient, SyncClient]> {
  const secretBytes = newSecret();
  const config = { relayAddresses: [relay.addr], secretBytes };
  return [await client(config), await client(config)];
}

export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
export const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

/** The payloads of a pull as text, after checking that it reported no tampered blob. */
export function payloads(pulled: PullResult): string[] {
  assert.deepEqual(pulled.tampered, [], "no tampered blob");
  return pulled.blobs.map((blob) => text(blob.payload));
}

/** `promise`, or a failure naming `what` after `ms`: a test fails instead of hanging. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A pull that read nothing. */
export const NOTHING: PullResult = { blobs: [], tampered: [] };

/** Reads a shared test vector file (tests/vectors/<name>.json). */
export function vectors<T>(name: string): T {
  return JSON.parse(readFileSync(join(REPO, "tests", "vectors", `${name}.json`), "utf8")) as T;
}

/** Runs one of tests/tools' Python programs; throws with its stderr if it fails. */
function tool(name: string, ...args: string[]): void {
  const done = spawnSync("python3", [join(REPO, "tests", "tools", name), ...args], { encoding: "utf8" });
  if (done.status !== 0) throw new Error(`${name} failed: ${done.stderr}`);
}

/** Flips one bit of a stored envelope in a relay's SQLite file. */
export function tamper(relay: Relay, groupId: string, cursor: bigint): void {
  tool("tamper_blob.py", relay.db, groupId, String(cursor));
}

/** Flips one bit of chunk `index` of a stored object in a relay's SQLite file. */
export function tamperChunk(relay: Relay, groupId: string, objectId: string, index: number): void {
  tool("tamper_chunk.py", relay.db, groupId, objectId, "flip", String(index));
}

/** The JavaScript runtime running these tests: the suite runs under Node, Bun and Deno. */
export const RUNTIME: "node" | "bun" | "deno" =
  "Deno" in globalThis ? "deno" : "bun" in process.versions ? "bun" : "node";

/**
 * How the runtime evaluates `code` as an ES module with `args` after it, so that the program
 * sees its first argument at `process.argv[1]` in each: `deno eval` (all permissions, the
 * test project's package.json and node_modules) puts its script's path there, taken out.
 * A program can force a garbage collection: `Bun.gc(true)`, else `gc()` (exposed here).
 */
function evalCommand(code: string, args: string[]): string[] {
  switch (RUNTIME) {
    case "bun":
      return ["-e", code, ...args];
    case "deno":
      return ["eval", "--v8-flags=--expose-gc", "--ext=js", `process.argv.splice(1, 1);\n${code}`, ...args];
    default:
      return ["--expose-gc", "--input-type=module", "-e", code, ...args];
  }
}

/**
 * Runs a program (ESM, plain JavaScript) in a fresh process of the runtime running the tests
 * (Node, Bun or Deno), from the test project.
 */
export function runNode(
  code: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, evalCommand(code, args), {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${RUNTIME} program ran longer than ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}
