/**
 * The plugin's IPC under Node: `mockIPC` from `@tauri-apps/api/mocks` answers each
 * `plugin:zerok-sync|<method>` with the same zerok-rpc method the plugin serves, from a real
 * `zerok daemon` (spawned by smartrust) on real relays. The plugin's own side (Tauri's IPC,
 * its ACL, Channels) is tested in Rust with Tauri's mock runtime (tests/mock_runtime.rs);
 * here the guest package meets the same methods with the same JSON.
 */
import { after } from "node:test";

import { RustBridge } from "@push.rocks/smartrust";
import type { Channel } from "@tauri-apps/api/core";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";

type Loose = Record<string, { params: unknown; result: unknown; chunk: unknown }>;
interface Internals {
  runCallback(id: number, data: unknown): void;
}

// The mocks keep their state on `window`, as in a webview.
Object.assign(globalThis, { window: globalThis });

/** The methods the web side invoked, in order. */
export const invoked: string[] = [];

const bridge = new RustBridge<Loose>({
  binaryName: "zerok",
  binaryPath: process.env.ZEROK_BIN!,
  requestTimeoutMs: 60_000,
});
if (!(await bridge.spawn())) throw new Error("zerok daemon did not start");
after(() => {
  clearMocks();
  bridge.kill();
});

/** smartrust's Error("<Variant>: <message>") as the plugin rejects: `{code, message}`. */
function rejection(error: unknown): unknown {
  const m = error instanceof Error ? /^(\w+): ([\s\S]*)$/.exec(error.message) : null;
  return m ? { code: m[1], message: m[2] } : error;
}

mockIPC(async (cmd, args) => {
  const method = cmd.replace(/^plugin:zerok-sync\|/, "");
  invoked.push(method);
  const { on_chunk, ...params } = (args ?? {}) as { on_chunk?: Channel<unknown> };
  try {
    if (on_chunk === undefined) return await bridge.sendCommand(method, params);
    // As the plugin sends a Channel's messages: numbered, in order.
    const internals = (globalThis as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
    const stream = bridge.sendCommandStreaming(method, params);
    stream.result.catch(() => {});
    let index = 0;
    for await (const message of stream) internals.runCallback(on_chunk.id, { message, index: index++ });
    return await stream.result;
  } catch (error) {
    throw rejection(error);
  }
});
