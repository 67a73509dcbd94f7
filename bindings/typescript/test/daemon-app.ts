/**
 * An app of its own (a separate process) using a socket daemon, for daemon.test.ts:
 * `node daemon-app.js SOCKET STATE RELAY SECRET_BASE64`. It opens the device at STATE (shared
 * with any other app of the daemon that opened it), reports what it found, subscribes, and
 * prints the first blob it receives. Every report is one JSON line on stdout.
 */
import { RustBridge } from "@push.rocks/smartrust";
import type { ZerokCommands } from "zerok-sync/daemon";

const [socket, state, relay, secret] = process.argv.slice(2) as [string, string, string, string];
const report = (fields: object) => console.log(JSON.stringify(fields));

const bridge = new RustBridge<ZerokCommands>({ binaryName: "zerok" });
if (!(await bridge.connect(socket))) throw new Error(`no daemon on ${socket}`);
const config = { relay_addresses: [relay], secret_bytes: secret, state_path: state };
const { client } = await bridge.sendCommand("create_client", { config });
const connectedBefore = await bridge.sendCommand("is_connected", { client });
await bridge.sendCommand("connect", { client });
const stream = bridge.sendCommandStreaming("subscribe", { client });
stream.result.catch(() => {}); // left open: the bridge's kill fails it
for await (const chunk of stream) {
  if (chunk.kind === "subscribed") {
    const group = await bridge.sendCommand("group_id", { client });
    report({ subscribed: chunk.subscription, connected_before: connectedBefore, group });
  }
  if (chunk.kind === "blob") {
    report({ blob: Buffer.from(chunk.blob.payload, "base64").toString(), cursor: chunk.blob.cursor });
    break;
  }
}
// Another app's handles are not this session's to name.
const foreign = await bridge.sendCommand("close", { subscription: "subscription-999" }).catch((e: Error) => e.message);
report({ foreign });
bridge.kill();
