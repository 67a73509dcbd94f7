// The conformance scenarios (tests/conformance/scenarios.json, format in its README) as a
// runner any projection of the contract plugs its calls into: the facade in-process
// (conformance.test.ts) and `zerok daemon` through smartrust (daemon-conformance.test.ts).
// References, templates, repeats, background streams and the harness ops are here, once.
//
// An op missing from a projection's table fails its scenario, naming the op: a new scenario
// needs no change here unless it needs a value form no runner knows.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";

import { REPO, Relay, newSecret, sharedRelay, tamper, tamperChunk, tempDir } from "./harness.js";

/** The scenarios are untyped data: every value is checked by the projection or the matcher. */
export type Json = any;

interface Scenario {
  name: string;
  relay_flags?: string[];
  devices?: Record<string, Json>;
  steps: Json[];
}

const scenarios: Scenario[] = JSON.parse(
  readFileSync(join(REPO, "tests", "conformance", "scenarios.json"), "utf8"),
).scenarios;

export const unhex = (hex: string) => new Uint8Array(Buffer.from(hex, "hex"));

/**
 * A stream read in the background from the moment it is made, so that what arrives after it
 * is kept (a subscription's live blobs, a client's events). `read` gives the next canonical
 * item, null once the stream ended (the last item), or throws the error that ended it.
 */
export class Background {
  readonly #items: unknown[] = [];
  #wake: (() => void) | undefined;

  constructor(
    read: () => Promise<unknown>,
    readonly close: () => unknown,
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
export class Run {
  readonly saved = new Map<string, unknown>();
  readonly #secrets = new Map<string, string>();
  readonly #dir = tempDir();

  constructor(
    readonly relay: Relay,
    /** The scenario's own relay's flags; undefined when it uses the shared relay. */
    readonly relayFlags: string[] | undefined,
    /** A result as the scenarios write it (see the README's Values). */
    readonly canonical: (value: unknown) => unknown,
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
    return path.reduce((value: Json, field) => value[field], this.canonical(this.saved.get(saved)));
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
   * The saved result itself (a record the projection takes back), not its canonical form:
   * `$name`, or a field in it, `$name.field.0.field` (e.g. the `invite` of a `join_with_code`
   * result); `field` names a record's field as the projection does.
   */
  native(ref: string, field = (name: string) => name): Json {
    const [name = "", ...path] = ref.slice(1).split(".");
    assert.ok(this.saved.has(name), `nothing saved as ${name}`);
    return path.reduce((value: Json, f) => value[Array.isArray(value) ? f : field(f)], this.saved.get(name));
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

  /** The scenario's own relay, for the harness ops that stop or start it. */
  ownRelay(op: string): Relay {
    assert.ok(this.relayFlags !== undefined, `${op} needs a relay of the scenario's own (relay_flags)`);
    return this.relay;
  }
}

/** `size` bytes where byte i is i % 251: the same file in every language. */
const numberedBytes = (size: number) => Buffer.alloc(size, Uint8Array.from({ length: 251 }, (_, i) => i));

/** op → call(run, receiver, args): a projection's way of performing each contract op. */
export type Ops<R extends Run> = Record<string, (run: R, on: Json, args: Json) => unknown>;

/** The harness ops (no contract name): the same for every projection. */
const HARNESS: Ops<Run> = {
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

/** How one projection performs the scenarios. */
export interface Projection<R extends Run> {
  /** The test names' prefix. */
  label: string;
  /** One scenario's run on its relay; `end` is called when the scenario is over. */
  begin(relay: Relay, relayFlags: string[] | undefined): Promise<R>;
  end?(run: R): Promise<void>;
  /** A connected client from a scenario's device config. */
  device(run: R, config: Json): Promise<unknown>;
  ops: Ops<R>;
  /** The contract's variant name of a thrown error, or undefined if it is not the contract's. */
  errorCode(error: unknown): string | undefined;
}

async function runStep<R extends Run>(p: Projection<R>, run: R, step: Json): Promise<void> {
  const ops = { ...(HARNESS as Ops<R>), ...p.ops };
  const op = Object.hasOwn(ops, step.op) ? ops[step.op] : undefined;
  if (op === undefined) assert.fail(`op ${JSON.stringify(step.op)} is not supported by the ${p.label} runner`);
  let result: unknown;
  let error: string | undefined;
  for (let i = 0; i < (step.repeat ?? 1); i++) {
    try {
      result = await op(run, run.saved.get(step.on), numbered(step.args ?? {}, i));
    } catch (e) {
      error = p.errorCode(e);
      if (error === undefined) throw e;
      break;
    }
  }
  assert.equal(error, step.error, `error ${error}, expected ${step.error}`);
  if ("expect" in step) {
    const got = run.canonical(result);
    assert.ok(run.matches(got, step.expect), `got ${JSON.stringify(got)}`);
  }
  if ("save" in step) run.saved.set(step.save, result);
}

/** One test per scenario. */
export function runScenarios<R extends Run>(p: Projection<R>): void {
  for (const scenario of scenarios) {
    test(`${p.label}: ${scenario.name}`, async () => {
      const flags = scenario.relay_flags;
      const run = await p.begin(flags === undefined ? await sharedRelay() : await Relay.start(...flags), flags);
      try {
        for (const [name, config] of Object.entries(scenario.devices ?? {})) {
          run.saved.set(name, await p.device(run, config));
        }
        for (const [index, step] of scenario.steps.entries()) {
          try {
            await runStep(p, run, step);
          } catch (e) {
            throw new Error(`step ${index} ${JSON.stringify(step)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          }
        }
      } finally {
        await p.end?.(run);
      }
    });
  }
}
