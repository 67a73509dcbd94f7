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
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import tempfile
from typing import Any, Iterator, Mapping, Optional

import maturin

# The hooks that compile nothing are maturin's as they are.
get_requires_for_build_wheel = maturin.get_requires_for_build_wheel
get_requires_for_build_editable = maturin.get_requires_for_build_editable
get_requires_for_build_sdist = maturin.get_requires_for_build_sdist
prepare_metadata_for_build_wheel = maturin.prepare_metadata_for_build_wheel
prepare_metadata_for_build_editable = maturin.prepare_metadata_for_build_editable
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
def _release_generator() -> Iterator[None]:
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
        path = os.environ.get("PATH", "")
        os.environ["PATH"] = shim_dir + os.pathsep + path
        try:
            yield
        finally:
            os.environ["PATH"] = path


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    with _release_generator():
        return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    with _release_generator():
        return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
