/**
 * Test fixtures: real `zerok relay` processes on 127.0.0.1 (SQLite in temp dirs) and clients
 * of the INSTALLED zerok-sync package. scripts/test-typescript sets ZEROK_BIN (the relay
 * binary) and ZEROK_REPO (the repository, for tests/vectors and the README).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { createInterface } from "node:readline";

import { SyncClient, type SyncConfig } from "zerok-sync";

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

/** A `zerok relay` child process; `addr` is the address it printed on its first line. */
export class Relay {
  readonly db: string;
  readonly addr: string;
  readonly #process: ChildProcess;

  private constructor(db: string, addr: string, process: ChildProcess) {
    this.db = db;
    this.addr = addr;
    this.#process = process;
  }

  static async start(...flags: string[]): Promise<Relay> {
    const dir = tempDir();
    const db = join(dir, "relay.db");
    const log = openSync(join(dir, "relay.log"), "w");
    const child = spawn(ZEROK_BIN, ["relay", "--db", db, "--listen", "127.0.0.1:0", ...flags], {
      stdio: ["ignore", "pipe", log],
      env: { ...process.env, RUST_LOG: "info" },
    });
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
      const text = readFileSync(join(dir, "relay.log"), "utf8");
      throw new Error(`relay printed ${JSON.stringify(first)}; log: ${text.slice(-2000)}`);
    }
    const relay = new Relay(db, first.trim(), child);
    relays.push(relay);
    return relay;
  }

  /** SIGKILL and wait: the relay is dead when this resolves. */
  async kill(): Promise<void> {
    if (this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#process.once("exit", resolve));
    this.#process.kill("SIGKILL");
    await exited;
  }
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

/** Reads a shared test vector file (tests/vectors/<name>.json). */
export function vectors<T>(name: string): T {
  return JSON.parse(readFileSync(join(REPO, "tests", "vectors", `${name}.json`), "utf8")) as T;
}

/** Flips one bit of a stored envelope in a relay's SQLite file (tests/tools/tamper_blob.py). */
export function tamper(relay: Relay, groupId: string, cursor: bigint): void {
  const tool = join(REPO, "tests", "tools", "tamper_blob.py");
  const done = spawnSync("python3", [tool, relay.db, groupId, String(cursor)], {
    encoding: "utf8",
  });
  if (done.status !== 0) throw new Error(`tamper_blob.py failed: ${done.stderr}`);
}

/** Runs a Node program (ESM, plain JavaScript) in a fresh process from the test project. */
export function runNode(
  code: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code, ...args], {
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
      reject(new Error(`node program ran longer than ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}
