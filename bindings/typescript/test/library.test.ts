// Finding the native library: explicit path, environment override, the package's prebuilds;
// a missing or wrong library gives one clear error naming what was looked at.
import assert from "node:assert/strict";
import { cpSync, existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { LIBRARY_ENV, LibraryLoadError, loadLibrary, version } from "zerok-sync";

import { REPO, runNode, tempDir } from "./harness.js";

const installed = dirname(dirname(fileURLToPath(import.meta.resolve("zerok-sync"))));
const prebuilt = join(installed, "prebuilds", `${process.platform}-${process.arch}`, "libzerok_sync_ffi.so");
const workspaceBuild = join(REPO, "target", "release", "libzerok_sync_ffi.so");

/** Prints what loadLibrary() returns, or the error's class, message and searched list. */
const PROBE = (specifier: string, call: string) => `
import * as zs from ${JSON.stringify(specifier)};
try {
  console.log(JSON.stringify({ path: ${call}, version: zs.version().ffi }));
} catch (e) {
  console.log(JSON.stringify({ error: e.constructor.name, message: e.message, searched: e.searched }));
}
`;

type Probe = { path?: string; version?: string; error?: string; message?: string; searched?: string[] };

async function probe(env: Record<string, string | undefined>, call = "zs.loadLibrary()", specifier = "zerok-sync"): Promise<Probe> {
  const run = await runNode(PROBE(specifier, call), [], { [LIBRARY_ENV]: undefined, ...env });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Probe;
}

test("the installed package loads its own prebuilt library", () => {
  assert.ok(installed.includes("node_modules"), installed);
  assert.ok(existsSync(prebuilt));
  assert.equal(loadLibrary(), prebuilt);
  assert.equal(version().ffi, "0.1.0");
});

test("another path after loading is refused", () => {
  loadLibrary();
  assert.throws(() => loadLibrary(workspaceBuild), LibraryLoadError);
  assert.equal(loadLibrary(prebuilt), prebuilt, "the same path again is fine");
});

test("the environment variable overrides the prebuilds", async () => {
  const got = await probe({ [LIBRARY_ENV]: workspaceBuild });
  assert.equal(got.path, workspaceBuild);
  assert.equal(got.version, "0.1.0");
});

test("an explicit path wins over everything", async () => {
  const copy = join(tempDir(), "libzerok_sync_ffi.so");
  cpSync(workspaceBuild, copy);
  const got = await probe({ [LIBRARY_ENV]: "/nonexistent.so" }, `zs.loadLibrary(${JSON.stringify(copy)})`);
  assert.equal(got.path, copy);
});

test("an override pointing nowhere is an error, not a fallback", async () => {
  const got = await probe({ [LIBRARY_ENV]: "/nonexistent/libzerok_sync_ffi.so" });
  assert.equal(got.error, "LibraryLoadError");
  assert.match(got.message!, /not found/);
  assert.deepEqual(got.searched, [`/nonexistent/libzerok_sync_ffi.so ($${LIBRARY_ENV})`]);
});

test("a library that is not ours is refused with the reason", async () => {
  const libc = realpathSync("/lib/x86_64-linux-gnu/libc.so.6");
  const got = await probe({ [LIBRARY_ENV]: libc });
  assert.equal(got.error, "LibraryLoadError");
  assert.ok(got.message!.startsWith(`cannot load the zerok-sync library ${libc}`), got.message);
});

test("a package without prebuilds, outside the workspace, lists where it looked", async () => {
  // A copy of the installed package without its prebuilds, beside it in node_modules.
  const bare = join(dirname(installed), "zerok-sync-bare");
  cpSync(installed, bare, { recursive: true, filter: (src) => !src.includes("prebuilds") });
  const got = await probe({}, "zs.loadLibrary()", join(bare, "dist", "index.js"));
  assert.equal(got.error, "LibraryLoadError");
  assert.deepEqual(got.searched, [
    `${join(bare, "prebuilds", `${process.platform}-${process.arch}`, "libzerok_sync_ffi.so")} (the package's prebuilds)`,
  ]);
  assert.match(got.message!, new RegExp(`set ${LIBRARY_ENV} to its path or call loadLibrary\\(path\\)`));
});
