// The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
// the TypeScript facade against real relays: one test per scenario, one facade call per op.
//
// An op missing from OPS fails its scenario, naming the op: a new scenario needs no change
// here unless it needs an API this facade lacks.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";

import {
  SyncConfig,
  SyncError,
  TamperedError,
  deriveSecret,
  inviteFromQr,
  inviteToQr,
  joinWithCode,
  version,
  type EventStream,
  type Pairing,
  type RemoteObject,
  type SyncClient,
  type Subscription,
  type Transfer,
  type Upload,
} from "zerok-sync";

import { REPO, Relay, client, newSecret, sharedRelay, tamper, tamperChunk, tempDir } from "./harness.js";

/** The scenarios are untyped data: every value is checked by the facade or the matcher. */
type Json = any;

interface Scenario {
  name: string;
  relay_flags?: string[];
  devices?: Record<string, Json>;
  steps: Json[];
}

const scenarios: Scenario[] = JSON.parse(
  readFileSync(join(REPO, "tests", "conformance", "scenarios.json"), "utf8"),
).scenarios;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const unhex = (hex: string) => new Uint8Array(Buffer.from(hex, "hex"));
const camelKeys = (o: Json): Json => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

/**
 * A result as the scenarios write it: records with the contract's (snake_case) field names,
 * payloads as text, other bytes as hex, 64-bit integers as numbers, undefined as null, event
 * kinds in snake_case.
 */
function canonical(value: unknown, field = ""): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString(field === "payload" ? "utf8" : "hex");
  }
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), canonical(v, snake(k))]));
  }
  // An event's kind is its variant's name (camelCase here, snake_case in the contract).
  return field === "kind" && typeof value === "string" ? snake(value) : value;
}

/**
 * A stream read in the background from the moment it is made, so that what arrives after it
 * is kept (a subscription's live blobs, a client's events). `read` gives the next canonical
 * item, null once the stream ended (the last item), or throws the error that ended it.
 */
class Background {
  readonly #items: unknown[] = [];
  #wake: (() => void) | undefined;

  constructor(
    read: () => Promise<unknown>,
    readonly close: () => void,
  ) {
    void (async () => {
      for (;;) {
        let item;
        try {
          item = await read();
        } catch (error) {
          this.#put(error);
          return;
        }
        this.#put(item);
        if (item === null) return;
      }
    })();
  }

  #put(item: unknown): void {
    this.#items.push(item);
    this.#wake?.();
  }

  /** Up to `count` items within `timeoutMs` in all; stops after null. */
  async next(count: number, timeoutMs: number): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs;
    const items: unknown[] = [];
    while (items.length < count) {
      if (this.#items.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
        continue;
      }
      const item = this.#items.shift();
      if (item instanceof Error) throw item;
      items.push(item);
      if (item === null) break;
    }
    return items;
  }
}

/** A subscription's blobs; `{ error: "Tampered" }` for a blob that failed authentication. */
function live(subscription: Subscription): Background {
  const read = () =>
    subscription.next().then(
      (blob) => canonical(blob),
      (error: unknown) => {
        if (error instanceof TamperedError) return { error: "Tampered" };
        throw error;
      },
    );
  return new Background(read, () => subscription.close());
}

/** A client's events, each `{ kind, ...fields }` as the contract names them. */
function events(stream: EventStream): Background {
  return new Background(async () => canonical(await stream.next()), () => stream.close());
}

/** `template` for the `i`-th call of a repeated step (or item of an `each`): `{i}` is `i`. */
function numbered(template: Json, i: number): Json {
  if (typeof template === "string") return template.replaceAll("{i}", String(i));
  if (Array.isArray(template)) return template.map((t) => numbered(t, i));
  if (template !== null && typeof template === "object") {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, numbered(v, i)]));
  }
  return template;
}

/** One scenario's relay, references and saved results. */
class Run {
  readonly saved = new Map<string, unknown>();
  readonly #secrets = new Map<string, string>();
  readonly #dir = tempDir();

  constructor(
    readonly relay: Relay,
    /** The scenario's own relay's flags; undefined when it uses the shared relay. */
    readonly relayFlags: string[] | undefined,
  ) {}

  resolve(ref: string): unknown {
    const [kind, name = ""] = ref.slice(1).split(":", 2);
    if (ref === "$relay") return this.relay.addr;
    if (kind === "wrong_id") return `${name.repeat(64)}@${this.relay.addr.split("@")[1]}`;
    if (kind === "secret") {
      if (!this.#secrets.has(name)) this.#secrets.set(name, Buffer.from(newSecret()).toString("hex"));
      return this.#secrets.get(name);
    }
    if (kind === "file") return join(this.#dir, name);
    const [saved = "", ...path] = ref.slice(1).split(".");
    assert.ok(this.saved.has(saved), `nothing saved as ${saved}`);
    return path.reduce((value: Json, field) => value[field], canonical(this.saved.get(saved)));
  }

  /** `x` with every reference resolved to its canonical value. */
  value(x: Json): Json {
    if (typeof x === "string" && x.startsWith("$")) return this.resolve(x);
    if (Array.isArray(x)) return x.map((v) => this.value(v));
    if (x !== null && typeof x === "object") {
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, this.value(v)]));
    }
    return x;
  }

  /**
   * The saved result itself (a record the facade takes back), not its canonical form: `$name`,
   * or a field in it, `$name.field.0.field` (e.g. the `invite` of a `join_with_code` result).
   */
  native(ref: string): Json {
    const [name = "", ...path] = ref.slice(1).split(".");
    assert.ok(this.saved.has(name), `nothing saved as ${name}`);
    return path.reduce((value: Json, field) => value[Array.isArray(value) ? field : camel(field)], this.saved.get(name));
  }

  matches(actual: Json, template: Json): boolean {
    if (typeof template === "string" && template.startsWith("$")) {
      return isDeepStrictEqual(actual, this.resolve(template));
    }
    if (Array.isArray(template)) {
      return (
        Array.isArray(actual) &&
        actual.length === template.length &&
        template.every((t, i) => this.matches(actual[i], t))
      );
    }
    if (template !== null && typeof template === "object") {
      const keys = Object.keys(template);
      if (keys.length === 1 && keys[0] === "matches") {
        return typeof actual === "string" && new RegExp(template.matches).test(actual);
      }
      if (keys.length === 2 && "each" in template && "count" in template) {
        return (
          Array.isArray(actual) &&
          actual.length === template.count &&
          actual.every((a, i) => this.matches(a, numbered(template.each, i)))
        );
      }
      return (
        actual !== null &&
        typeof actual === "object" &&
        keys.every((k) => k in actual && this.matches(actual[k], template[k]))
      );
    }
    return actual === template;
  }

  config(fields: Json): SyncConfig {
    const { from_invite: invite, ...rest } = fields;
    const config: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(this.value(rest) as Record<string, Json>)) {
      config[camel(key)] = key === "secret_bytes" || key === "salt" ? unhex(v) : key === "kdf" ? camelKeys(v) : v;
    }
    return invite === undefined
      ? (config as unknown as SyncConfig)
      : SyncConfig.fromInvite(this.native(invite), config);
  }

  /** The scenario's own relay, for the harness ops that stop or start it. */
  ownRelay(op: string): Relay {
    assert.ok(this.relayFlags !== undefined, `${op} needs a relay of the scenario's own (relay_flags)`);
    return this.relay;
  }
}

const payload = (p: Json) => (typeof p === "string" ? new TextEncoder().encode(p) : new Uint8Array(p.size));

/** A RemoteObject from its canonical JSON (a reference's value, or written out in the step). */
const remoteObject = (o: Json): RemoteObject => ({
  ...camelKeys(o),
  name: o.name ?? undefined,
  inlineBytes: unhex(o.inline_bytes),
});

/** `size` bytes where byte i is i % 251: the same file in every language. */
const numberedBytes = (size: number) => Buffer.alloc(size, Uint8Array.from({ length: 251 }, (_, i) => i));

/** A transfer's progress read as the facade gives it, to its end: the last item, or null. */
async function lastProgress(t: Transfer): Promise<unknown> {
  let last = null;
  for await (const p of t.progress()) last = p;
  return last;
}

// op → call(run, receiver, args). Harness ops (no contract name) come last.
const OPS: Record<string, (run: Run, on: Json, args: Json) => unknown> = {
  create_client: (run, _, a) => client(run.config(a.config), false),
  connect: (_, c: SyncClient) => c.connect(),
  disconnect: (_, c: SyncClient) => c.disconnect(),
  push: (_, c: SyncClient, a) => c.push(payload(a.payload)),
  enqueue: (_, c: SyncClient, a) => c.enqueue(payload(a.payload)),
  pending: (_, c: SyncClient) => c.pending(),
  flush: (_, c: SyncClient, a) => c.flush({ timeoutMs: a.timeout_ms }),
  events: (_, c: SyncClient) => events(c.events()),
  next_event: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close_events: (_, stream: Background) => stream.close(),
  pull: (_, c: SyncClient) => c.pull(),
  pull_after: (run, c: SyncClient, a) => c.pullAfter(run.value(a.cursor)),
  subscribe: (_, c: SyncClient) => live(c.subscribe()),
  next: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close: (_, stream: Background) => stream.close(),
  is_connected: (_, c: SyncClient) => c.isConnected(),
  current_cursor: (_, c: SyncClient) => c.currentCursor(),
  active_relay: (_, c: SyncClient) => c.activeRelay(),
  group_id: (_, c: SyncClient) => c.groupId(),
  create_invite: (_, c: SyncClient, a) => c.createInvite(a.ttl_secs),
  shutdown: (_, c: SyncClient) => c.shutdown(),
  invite_to_qr: (run, _, a) => inviteToQr(run.native(a.invite)),
  invite_from_qr: (run, _, a) => inviteFromQr(run.value(a.qr)),
  derive_secret: (run, _, a) =>
    deriveSecret(a.passphrase, {
      salt: a.salt === undefined ? undefined : unhex(run.value(a.salt)),
      kdf: a.kdf === undefined ? undefined : camelKeys(run.value(a.kdf)),
    }),
  create_pairing_code: (_, c: SyncClient, a) => c.createPairingCode({ ttlSecs: a.ttl_secs ?? undefined }),
  code: (_, p: Pairing) => p.code,
  expires_at_ms: (_, p: Pairing) => p.expiresAtMs,
  wait: (_, p: Pairing) => p.wait(),
  cancel: (_, p: Pairing) => p.cancel(),
  join_with_code: (run, _, a) => joinWithCode(run.value(a.code), run.value(a.relay_addresses)),
  version: () => version(),
  push_file: (run, c: SyncClient, a) => c.pushFile(run.value(a.path)),
  enqueue_file: (run, c: SyncClient, a) => c.enqueueFile(run.value(a.path)),
  push_stream: (_, c: SyncClient, a) => c.pushStream(a.size, { name: a.name ?? undefined }),
  write: (_, u: Upload, a) => u.write(payload(a.data)),
  finish: (_, u: Upload) => u.finish(),
  transfer: (_, u: Upload) => u.transfer,
  download: (run, c: SyncClient, a) => c.download(remoteObject(run.value(a.object)), run.value(a.path)),
  object_id: (_, t: Transfer) => t.objectId,
  progress: (_, t: Transfer) => t.currentProgress(),
  next_progress: (_, t: Transfer) => lastProgress(t),
  outcome: (_, t: Transfer) => t.outcome(),
  cancel_transfer: (_, t: Transfer) => t.cancel(),
  sleep: (_, __, a) => new Promise((resolve) => setTimeout(resolve, a.ms)),
  kill_relay: (run) => run.ownRelay("kill_relay").kill(),
  relay_exited: async (run, _, a) => {
    const exited = await run.ownRelay("relay_exited").exitedWithin(a.timeout_ms);
    assert.ok(exited, `the relay still runs after ${a.timeout_ms} ms`);
  },
  start_relay: (run, _, a) => run.ownRelay("start_relay").restart(...(a.flags ?? run.relayFlags)),
  tamper: (run, _, a) => tamper(run.relay, run.value(a.group_id), BigInt(run.value(a.cursor))),
  tamper_chunk: (run, _, a) =>
    tamperChunk(run.relay, run.value(a.group_id), run.value(a.object_id), a.index),
  write_file: (run, _, a) => writeFileSync(run.value(a.path), "size" in a ? numberedBytes(a.size) : a.text),
  file_sha256: (run, _, a) => {
    const path = run.value(a.path);
    return existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : null;
  },
};

async function runStep(run: Run, step: Json): Promise<void> {
  const op = Object.hasOwn(OPS, step.op) ? OPS[step.op] : undefined;
  if (op === undefined) assert.fail(`op ${JSON.stringify(step.op)} is not supported by the TypeScript runner`);
  let result: unknown;
  let error: string | undefined;
  for (let i = 0; i < (step.repeat ?? 1); i++) {
    try {
      result = await op(run, run.saved.get(step.on), numbered(step.args ?? {}, i));
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      error = e.code;
      break;
    }
  }
  assert.equal(error, step.error, `error ${error}, expected ${step.error}`);
  if ("expect" in step) {
    assert.ok(run.matches(canonical(result), step.expect), `got ${JSON.stringify(canonical(result))}`);
  }
  if ("save" in step) run.saved.set(step.save, result);
}

for (const scenario of scenarios) {
  test(`conformance: ${scenario.name}`, async () => {
    const flags = scenario.relay_flags;
    const run = new Run(flags === undefined ? await sharedRelay() : await Relay.start(...flags), flags);
    for (const [name, config] of Object.entries(scenario.devices ?? {})) {
      run.saved.set(name, await client(run.config(config)));
    }
    for (const [index, step] of scenario.steps.entries()) {
      try {
        await runStep(run, step);
      } catch (e) {
        throw new Error(`step ${index} ${JSON.stringify(step)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }
  });
}
