/** A real `zerok relay` on 127.0.0.1 with its SQLite file in a temp dir, stopped after the file's tests. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after } from "node:test";

export const dir = mkdtempSync(join(tmpdir(), "zerok-tauri-"));

export async function startRelay(): Promise<string> {
  const relay = spawn(process.env.ZEROK_BIN!, ["relay", "--listen", "127.0.0.1:0", "--db", join(dir, "relay.db")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, RUST_LOG: "warn" },
  });
  after(() => {
    relay.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  const lines = createInterface({ input: relay.stdout });
  for await (const line of lines) return line.trim();
  throw new Error("the relay printed no address");
}
