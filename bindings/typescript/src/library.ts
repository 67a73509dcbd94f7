/**
 * Finding and loading the Rust library (`libzerok_sync_ffi`), the way a package with a native
 * part is expected to: an explicit path, an environment override, the package's own prebuilt
 * library, and for development the workspace's cargo output.
 *
 * The generated layer (`../generated`, made with `--manual-load`) checks the UniFFI contract
 * version and every function checksum when it loads; a library of another build is refused
 * there, and reported here with the place it came from.
 */
import { existsSync } from "node:fs";
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

/** Where the library may be, in the order it is looked for, each with where it came from. */
function candidates(): { path: string; from: string; required: boolean }[] {
  const file = libraryFileName();
  const fromEnv = process.env[LIBRARY_ENV];
  if (fromEnv) {
    // An override that points nowhere is an error, not a reason to load something else.
    return [{ path: resolve(fromEnv), from: `$${LIBRARY_ENV}`, required: true }];
  }
  const found = [
    {
      path: join(packageRoot, "prebuilds", `${process.platform}-${process.arch}`, file),
      from: "the package's prebuilds",
      required: false,
    },
  ];
  // Inside the repository (bindings/typescript): what `cargo build --release` produced.
  const workspace = resolve(packageRoot, "..", "..");
  if (existsSync(join(workspace, "Cargo.toml"))) {
    const target = process.env["CARGO_TARGET_DIR"] ?? join(workspace, "target");
    found.push({
      path: join(resolve(workspace, target), "release", file),
      from: "the workspace build (cargo build --release -p zerok-sync-ffi)",
      required: false,
    });
  }
  return found;
}

let loadedFrom: string | undefined;

/**
 * Loads the library now, from `path` if given, else from the first place that has it:
 * `$ZEROK_SYNC_LIBRARY`, then `prebuilds/<platform>-<arch>/` in this package, then the
 * workspace's `target/release/`. Returns the path loaded. Every other function loads the
 * library on first use, so calling this is needed only to choose the path; calling it again
 * with another path after loading throws.
 */
export function loadLibrary(path?: string): string {
  const wanted =
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
      `\nset ${LIBRARY_ENV} to its path or call loadLibrary(path)`,
    searched,
  );
}

/** Loads the library on first use; every facade entry point goes through here. */
export function ensureLoaded(): void {
  if (loadedFrom === undefined) loadLibrary();
}
