"""PEP 517 build backend: maturin's, with the UniFFI generator built in the release profile.

Why this exists: maturin 1.16 generates the bindings by running the workspace's
`uniffi-bindgen` bin as a plain `cargo run --bin uniffi-bindgen ...`, which builds it in the
*dev* profile. That compiles the generator and about a hundred dependencies a second time,
into target/debug (over 2 minutes on a 2-core machine), while this workspace builds
everything with one profile, release, in one target dir. No cargo setting or environment
variable selects another default profile for `cargo run`.

So while maturin runs, a `cargo` shim first on PATH adds `--release` to exactly that command
and hands every other cargo call to the real cargo unchanged. The generator is then the
release binary that `cargo build --release --workspace` already built. Every hook is
maturin's own; only the two that compile wrap it.

Building from the sdist (`pip install zerok_sync-<version>.tar.gz`) needs two more things,
because maturin's sdist holds only the crates the library is made of (core, ffi) and the
workspace's Cargo.lock, rewritten to a workspace of those two:

- The generator. The workspace's `uniffi-bindgen` crate is not in the sdist, and maturin then
  runs a `uniffi-bindgen` from PATH (PyPI's `uniffi-bindgen` wheel lags the pinned UniFFI,
  and a generator of another version writes a module whose checksums the library refuses).
  So the backend builds the same three-line crate at exactly the UniFFI version the library
  links, in a temp dir, with the sdist's Cargo.lock, and puts it first on PATH.
- The lock file. It still lists the whole workspace (relay, CLI, ...), so cargo's `--locked`
  (pyproject: `locked = true`) refuses it as out of date. The backend lets cargo drop the
  entries no longer used, first, and then checks that every registry package left is one
  the original lock file named, at its version and checksum: the sdist builds with exactly
  the repository's dependencies, or not at all.
- True modification times. maturin dates every file of an sdist 2006-07-24, older than any
  build in a kept `CARGO_TARGET_DIR`, and cargo judges the sdist's own crates by mtime: a
  later version's changed sources, or its changed UDL (the ffi build script's input, which
  writes the scaffolding), would count as unchanged and the previous version's code would
  be linked. So the backend dates the files of the sdist's crates now, and a kept target
  dir rebuilds those two crates (never the dependencies).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Set, Tuple

import maturin

# The hooks that compile nothing and read no Cargo.lock are maturin's as they are.
get_requires_for_build_wheel = maturin.get_requires_for_build_wheel
get_requires_for_build_editable = maturin.get_requires_for_build_editable
get_requires_for_build_sdist = maturin.get_requires_for_build_sdist
build_sdist = maturin.build_sdist

_SHIM = """#!/bin/sh
# zerok_sync_build: the UniFFI generator runs in the workspace's release profile.
if [ "$1" = run ] && [ "$2" = --bin ] && [ "$3" = uniffi-bindgen ]; then
    shift
    exec {cargo} run --release "$@"
fi
exec {cargo} "$@"
"""


@contextlib.contextmanager
def release_generator() -> Iterator[None]:
    """The cargo shim on PATH while the block runs; scripts/package wraps `maturin build` in it.
    Building from an unpacked sdist, also the generator it lacks (see the module docstring)."""
    cargo = shutil.which("cargo")
    if cargo is None or os.name == "nt":
        # No cargo yet (maturin installs a toolchain itself) or no POSIX shell: maturin's
        # default applies, which only costs a second build of the generator.
        yield
        return
    with tempfile.TemporaryDirectory(prefix="zerok-sync-build-") as shim_dir:
        shim = os.path.join(shim_dir, "cargo")
        with open(shim, "w", encoding="utf-8") as f:
            f.write(_SHIM.format(cargo=shlex.quote(cargo)))
        os.chmod(shim, 0o755)
        sdist = _sdist_root()
        if sdist is not None:
            _prepare_sdist(cargo, sdist, Path(shim_dir))
        path = os.environ.get("PATH", "")
        os.environ["PATH"] = shim_dir + os.pathsep + path
        try:
            yield
        finally:
            os.environ["PATH"] = path


def _sdist_root() -> Optional[Path]:
    """The unpacked sdist being built (PKG-INFO beside the workspace's Cargo.lock at its
    root), or None when building from the repository (bindings/python has neither)."""
    here = Path.cwd()
    if (here / "PKG-INFO").is_file() and (here / "Cargo.lock").is_file():
        return here
    return None


_LOCK_ENTRY = re.compile(
    r'^\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"\nsource = "([^"]+)"'
    r'(?:\nchecksum = "([^"]+)")?',
    re.MULTILINE,
)


def _registry_packages(lock: Path) -> Set[Tuple[str, str, str, Optional[str]]]:
    """(name, version, source, checksum) of every package Cargo.lock takes from a registry."""
    return set(_LOCK_ENTRY.findall(lock.read_text(encoding="utf-8")))


def _resolve(cargo: str, manifest: Path, allowed: Set[Tuple[str, str, str, Optional[str]]]) -> Any:
    """Lets cargo resolve `manifest` against the Cargo.lock beside it (dropping unused
    entries, keeping every version) and returns `cargo metadata`; raises if the resolution
    took any registry package the original lock file did not pin."""
    done = subprocess.run(
        [cargo, "metadata", "--format-version", "1", "--manifest-path", str(manifest)],
        check=True, stdout=subprocess.PIPE, env=_cargo_env(),
    )
    extra = _registry_packages(manifest.parent / "Cargo.lock") - allowed
    if extra:
        raise RuntimeError(
            f"zerok_sync_build: {manifest} resolves packages the sdist's Cargo.lock does not "
            f"pin: {sorted(extra)}"
        )
    return json.loads(done.stdout)


def _cargo_env() -> Mapping[str, str]:
    # Host builds only: the generator runs here, whatever target the library is for.
    return {k: v for k, v in os.environ.items() if k != "CARGO_BUILD_TARGET"}


def _prune_sdist_lock(cargo: str, root: Path) -> Tuple[Path, Any]:
    """Prunes the sdist's Cargo.lock to its two crates (once: the original is kept beside it
    as Cargo.lock.workspace, since pip runs each hook in a process of its own) and returns
    the original's path and `cargo metadata` of the sdist's workspace."""
    original = root / "Cargo.lock.workspace"
    if not original.exists():
        shutil.copyfile(root / "Cargo.lock", original)
    return original, _resolve(cargo, root / "Cargo.toml", _registry_packages(original))


def _prepare_sdist(cargo: str, root: Path, bin_dir: Path) -> None:
    """Prunes the sdist's Cargo.lock, dates its crates' files now (see the module docstring)
    and builds the generator, linked into bin_dir."""
    original, metadata = _prune_sdist_lock(cargo, root)
    now = time.time()
    for member in metadata["workspace_members"]:
        package = next(p for p in metadata["packages"] if p["id"] == member)
        for path in Path(package["manifest_path"]).parent.rglob("*"):
            os.utime(path, (now, now), follow_symlinks=False)
    allowed = _registry_packages(original)
    uniffi = {p["version"] for p in metadata["packages"] if p["name"] == "uniffi"}
    if len(uniffi) != 1:
        raise RuntimeError(f"zerok_sync_build: expected one UniFFI version, found {uniffi}")
    # cargo's target dir for the library too (CARGO_TARGET_DIR is relative to the cwd, root).
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR") or metadata["target_directory"]).resolve()

    crate = target_dir / "zerok-sync-build" / "uniffi-bindgen"
    (crate / "src").mkdir(parents=True, exist_ok=True)
    # The same crate as the workspace's uniffi-bindgen/, pinned to the library's UniFFI, in a
    # workspace of its own ([workspace]) and with the whole original lock file: cargo keeps
    # its versions (the repository's generator's dependencies are all in it).
    _write_if_changed(
        crate / "Cargo.toml",
        "[package]\n"
        'name = "uniffi-bindgen"\n'
        'version = "0.0.0"\n'
        'edition = "2021"\n'
        "publish = false\n\n"
        "[dependencies]\n"
        f'uniffi = {{ version = "={uniffi.pop()}", features = ["cli"] }}\n\n'
        "[workspace]\n",
    )
    _write_if_changed(crate / "src" / "main.rs", "fn main() {\n    uniffi::uniffi_bindgen_main()\n}\n")
    shutil.copyfile(original, crate / "Cargo.lock")
    _resolve(cargo, crate / "Cargo.toml", allowed)
    subprocess.run(
        [cargo, "build", "--release", "--locked", "--manifest-path", str(crate / "Cargo.toml"),
         "--target-dir", str(target_dir)],
        check=True, env=_cargo_env(),
    )
    (bin_dir / "uniffi-bindgen").symlink_to(target_dir / "release" / "uniffi-bindgen")


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged file keeps its mtime, so a warm target dir does not rebuild the generator.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: Optional[Mapping[str, Any]] = None
) -> str:
    _prune_if_sdist()
    return maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: Optional[Mapping[str, Any]] = None
) -> str:
    _prune_if_sdist()
    return maturin.prepare_metadata_for_build_editable(metadata_directory, config_settings)


def _prune_if_sdist() -> None:
    # maturin's metadata hooks run `cargo metadata --locked` too.
    cargo, sdist = shutil.which("cargo"), _sdist_root()
    if cargo is not None and sdist is not None:
        _prune_sdist_lock(cargo, sdist)


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    with release_generator():
        return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    with release_generator():
        return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
