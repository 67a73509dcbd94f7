/**
 * Finding and loading the Rust library (`libzerok_sync_ffi`), the way a package with a native
 * part is expected to: an explicit path, an environment override, the platform package that
 * npm installs beside this one (an optional dependency per platform, like esbuild's or
 * swc's), and for development the workspace's cargo output.
 *
 * The generated layer (`../generated`, made with `--manual-load`) checks the UniFFI contract
 * version and every function checksum when it loads; a library of another build is refused
 * there, and reported here with the place it came from.
 *
 * Runs unchanged under Node, Bun (1.4 or newer: see `checkRuntime`) and Deno (`--allow-ffi`,
 * koffi being a Node-API addon).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as ffi from "../generated/zerok_sync-ffi.js";

/** The environment variable naming the library file, overriding every other place. */
export const LIBRARY_ENV = "ZEROK_SYNC_LIBRARY";

/** The library could not be found or loaded; `message` lists every place looked at. */
export class LibraryLoadError extends Error {
  /** The paths looked at, in order. */
  readonly searched: readonly string[];

  constructor(message: string, searched: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.name = "LibraryLoadError";
    this.searched = searched;
  }
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function libraryFileName(): string {
  switch (process.platform) {
    case "win32":
      return "zerok_sync_ffi.dll";
    case "darwin":
      return "libzerok_sync_ffi.dylib";
    default:
      return "libzerok_sync_ffi.so";
  }
}

/**
 * Whether this Linux process runs on musl rather than glibc. Node (and Bun, and Deno's Node
 * layer) report the glibc version they run on; a report without one means musl. Deno without
 * `--allow-sys` refuses the report, and a runtime may lack it: glibc, by far the commonest,
 * is assumed then.
 */
function isMusl(): boolean {
  try {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return report?.header !== undefined && !report.header.glibcVersionRuntime;
  } catch {
    return false;
  }
}

/**
 * The npm package holding the library for this platform, named the way npm's `os`, `cpu` and
 * `libc` fields select it: `zerok-sync-<platform>-<arch>`, plus `-gnu` or `-musl` on Linux.
 */
export function platformPackage(): string {
  if (platformName === undefined) {
    const libc = process.platform === "linux" ? (isMusl() ? "-musl" : "-gnu") : "";
    platformName = `zerok-sync-${process.platform}-${process.arch}${libc}`;
  }
  return platformName;
}
let platformName: string | undefined;

/** The platform package's library, if that package can be resolved from this one. */
function fromPlatformPackage(name: string): string | undefined {
  try {
    // Its package.json is the one file it exports: the library lies beside it.
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return join(dirname(manifest), libraryFileName());
  } catch {
    return undefined; // not installed (another platform, or optional dependencies omitted)
  }
}

/** A place the library may be; `path` is undefined where a package is not installed. */
type Candidate = { path: string | undefined; from: string; required: boolean };

/** Where the library may be, in the order it is looked for, each with where it came from. */
function candidates(): Candidate[] {
  const fromEnv = process.env[LIBRARY_ENV];
  if (fromEnv) {
    // An override that points nowhere is an error, not a reason to load something else.
    return [{ path: resolve(fromEnv), from: `$${LIBRARY_ENV}`, required: true }];
  }
  const name = platformPackage();
  const found: Candidate[] = [
    { path: fromPlatformPackage(name), from: `the platform package ${name}`, required: false },
  ];
  // Inside the repository (bindings/typescript): what `cargo build --release` produced.
  const workspace = resolve(packageRoot, "..", "..");
  if (existsSync(join(workspace, "Cargo.toml"))) {
    const target = process.env["CARGO_TARGET_DIR"] ?? join(workspace, "target");
    found.push({
      path: join(resolve(workspace, target), "release", libraryFileName()),
      from: "the workspace build (cargo build --release -p zerok-sync-ffi)",
      required: false,
    });
  }
  return found;
}

/**
 * Bun before 1.4 crashes at the first garbage collection that finalizes a koffi object (its
 * Node-API panics, `napi_reference_unref`, when a finalizer deletes a reference; fixed in
 * 1.4), which here is any refused library and would otherwise come at a random moment: refuse
 * such a Bun up front, with a message that says why.
 */
function checkRuntime(): void {
  const bun = (process.versions as Record<string, string | undefined>)["bun"];
  if (bun === undefined) return;
  const [major = 0, minor = 0] = bun.split(".").map(Number);
  if (major < 1 || (major === 1 && minor < 4)) {
    throw new LibraryLoadError(
      `zerok-sync needs Bun 1.4 or newer (this is Bun ${bun}, whose Node-API crashes koffi at garbage collection)`,
      [],
    );
  }
}

let loadedFrom: string | undefined;

/**
 * Loads the library now, from `path` if given, else from the first place that has it:
 * `$ZEROK_SYNC_LIBRARY`, then the platform package (`zerok-sync-linux-x64-gnu` on Linux x64
 * with glibc, see `platformPackage()`), then the workspace's `target/release/`. Returns the
 * path loaded. Every other function loads the library on first use, so calling this is needed
 * only to choose the path; calling it again with another path after loading throws.
 */
export function loadLibrary(path?: string): string {
  checkRuntime();
  const wanted: Candidate[] =
    path === undefined
      ? candidates()
      : [{ path: resolve(path), from: "loadLibrary(path)", required: true }];
  if (loadedFrom !== undefined) {
    if (path === undefined || resolve(path) === loadedFrom) return loadedFrom;
    throw new LibraryLoadError(
      `the zerok-sync library is already loaded from ${loadedFrom}; cannot load ${path}`,
      [loadedFrom],
    );
  }
  const searched: string[] = [];
  for (const candidate of wanted) {
    if (candidate.path === undefined) {
      searched.push(`${candidate.from}: not installed`);
      continue;
    }
    searched.push(`${candidate.path} (${candidate.from})`);
    if (!existsSync(candidate.path)) {
      if (candidate.required) break;
      continue;
    }
    try {
      ffi.load(candidate.path);
    } catch (error) {
      // Found but unusable (another build, another architecture): say so, don't look further.
      throw new LibraryLoadError(
        `cannot load the zerok-sync library ${candidate.path} (${candidate.from}): ` +
          `${error instanceof Error ? error.message : String(error)}`,
        searched,
        { cause: error },
      );
    }
    loadedFrom = candidate.path;
    return loadedFrom;
  }
  throw new LibraryLoadError(
    `the zerok-sync library (${libraryFileName()}) was not found; looked at:\n` +
      searched.map((place) => `  ${place}`).join("\n") +
      `\ninstall ${platformPackage()} (npm installs it with zerok-sync unless optional ` +
      `dependencies are omitted), set ${LIBRARY_ENV} to the library's path or call loadLibrary(path)`,
    searched,
  );
}

/** Loads the library on first use; every facade entry point goes through here. */
export function ensureLoaded(): void {
  if (loadedFrom === undefined) loadLibrary();
}
