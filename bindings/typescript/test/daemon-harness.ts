/**
 * `zerok daemon` driven the way an app drives it: through smartrust (`@push.rocks/smartrust`
 * from npm), typed by the package's `ZerokCommands`, errors made typed by `daemonError`.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after } from "node:test";

import { RustBridge } from "@push.rocks/smartrust";
import { daemonError, type ZerokCommands } from "zerok-sync/daemon";

import { ZEROK_BIN } from "./harness.js";

export type Bridge = RustBridge<ZerokCommands>;
export type Method = keyof ZerokCommands & string;

const bridges: Bridge[] = [];
after(() => bridges.forEach((bridge) => bridge.kill()));

/** The bridge's options for this repository's `zerok`. */
export const DAEMON = { binaryName: "zerok", binaryPath: ZEROK_BIN, requestTimeoutMs: 60_000 } as const;

/**
 * A `zerok daemon` spawned by smartrust with its default arguments (`--management`), ready;
 * killed when the test file ends.
 */
export async function spawnDaemon(options: Partial<ConstructorParameters<typeof RustBridge>[0]> = {}): Promise<Bridge> {
  const bridge = new RustBridge<ZerokCommands>({ ...DAEMON, ...options });
  assert.ok(await bridge.spawn(), "the daemon started and sent ready");
  bridges.push(bridge);
  return bridge;
}

/** The daemon process behind a spawned bridge (smartrust keeps it private). */
export function daemonProcess(bridge: Bridge): ChildProcess {
  return (bridge as unknown as { transport: { childProcess: ChildProcess } }).transport.childProcess;
}

/** A command whose failure is the typed error the in-process package throws. */
export async function call<K extends Method>(
  bridge: Bridge,
  method: K,
  params: ZerokCommands[K]["params"],
): Promise<ZerokCommands[K]["result"]> {
  try {
    return await bridge.sendCommand(method, params);
  } catch (error) {
    throw daemonError(error);
  }
}

export const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString("base64");
export const unb64 = (base64: string): string => Buffer.from(base64, "base64").toString();
