// Finding the native library: explicit path, environment override, the platform package that
// npm installed beside zerok-sync; a missing or wrong library gives one clear error naming
// what was looked at.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { LIBRARY_ENV, LibraryLoadError, loadLibrary, platformPackage, version } from "zerok-sync";

import { runNode, tempDir } from "./harness.js";

const PLATFORM_PACKAGE = "zerok-sync-linux-x64-gnu"; // the one scripts/package builds
const installed = dirname(dirname(fileURLToPath(import.meta.resolve("zerok-sync"))));
const project = realpathSync(process.cwd()); // the temp project the artifacts went into
const platformLibrary = join(project, "node_modules", PLATFORM_PACKAGE, "libzerok_sync_ffi.so");

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

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

test("the platform package is the one npm installed for this machine", () => {
  assert.equal(platformPackage(), PLATFORM_PACKAGE);
  const manifest = createRequire(join(project, "package.json")).resolve(`${PLATFORM_PACKAGE}/package.json`);
  assert.equal(manifest, join(project, "node_modules", PLATFORM_PACKAGE, "package.json"));
});

test("the installed package loads the platform package's library: the artifact's copy", () => {
  assert.ok(installed.startsWith(join(project, "node_modules")), installed);
  assert.equal(loadLibrary(), platformLibrary);
  assert.equal(version().ffi, "0.1.0");
  // Byte for byte the library scripts/package shipped (scripts/test-typescript sets this).
  const artifacts = process.env["ZEROK_ARTIFACTS"];
  assert.ok(artifacts, "ZEROK_ARTIFACTS is set");
  assert.equal(sha256(platformLibrary), sha256(join(artifacts, "native", "libzerok_sync_ffi.so")));
});

test("another path after loading is refused", () => {
  loadLibrary();
  assert.throws(() => loadLibrary(join(tempDir(), "libzerok_sync_ffi.so")), LibraryLoadError);
  assert.equal(loadLibrary(platformLibrary), platformLibrary, "the same path again is fine");
});

test("the environment variable overrides the platform package", async () => {
  const copy = join(tempDir(), "libzerok_sync_ffi.so");
  cpSync(platformLibrary, copy);
  const got = await probe({ [LIBRARY_ENV]: copy });
  assert.equal(got.path, copy);
  assert.equal(got.version, "0.1.0");
});

test("an explicit path wins over everything", async () => {
  const copy = join(tempDir(), "libzerok_sync_ffi.so");
  cpSync(platformLibrary, copy);
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

test("without the platform package, outside the workspace, the error names the package", async () => {
  // zerok-sync installed where its optional dependency is not (as after --omit=optional):
  // a copy in a node_modules of its own, with koffi linked from the project.
  const modules = join(tempDir(), "node_modules");
  mkdirSync(modules);
  const bare = join(modules, "zerok-sync");
  cpSync(installed, bare, { recursive: true });
  symlinkSync(join(project, "node_modules", "koffi"), join(modules, "koffi"));
  const got = await probe({}, "zs.loadLibrary()", join(bare, "dist", "index.js"));
  assert.equal(got.error, "LibraryLoadError");
  assert.deepEqual(got.searched, [`the platform package ${PLATFORM_PACKAGE}: not installed`]);
  assert.match(got.message!, new RegExp(`install ${PLATFORM_PACKAGE} \\(npm installs it with zerok-sync`));
  assert.match(got.message!, new RegExp(`set ${LIBRARY_ENV} to the library's path or call loadLibrary\\(path\\)`));
});
