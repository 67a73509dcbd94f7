"""The installed wheel: where it is, what it holds, and the public surface."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import importlib.metadata
import inspect
import re
import struct
import sysconfig
from pathlib import Path

import zerok_sync
from zerok_sync import _native
from zerok_sync._native import zerok_sync as generated

PACKAGE = Path(zerok_sync.__file__).resolve().parent


def test_imported_from_site_packages_not_the_source_tree() -> None:
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    assert any(PACKAGE.is_relative_to(s) for s in site), PACKAGE
    assert "bindings" not in PACKAGE.parts


def test_wheel_layout_keeps_the_generated_module_private() -> None:
    assert Path(_native.__file__).resolve().parent == PACKAGE / "_native"
    assert (PACKAGE / "_native" / "zerok_sync.py").is_file()
    assert (PACKAGE / "py.typed").is_file()
    assert not hasattr(zerok_sync, "create_client"), "the facade wraps the generated factory"


def _elf_section_names(path: Path) -> set[str]:
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2, "a 64-bit ELF"
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def section(i: int) -> tuple[int, int, int]:
        name, _, _, _, offset, size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        return name, offset, size

    _, strtab, _ = section(shstrndx)
    names = set()
    for i in range(shnum):
        name = section(i)[0]
        names.add(data[strtab + name : data.index(b"\0", strtab + name)].decode())
    return names


def _library() -> Path:
    [lib] = (PACKAGE / "_native").glob("libzerok_sync_ffi.*")
    return lib


def test_the_loaded_library_is_the_installed_packages() -> None:
    """The dynamic loader mapped the library inside the installed package, no other copy
    (not the workspace's target/, not one on LD_LIBRARY_PATH), and that file is the one
    the wheel installed: its hash is the one in the wheel's RECORD."""
    mapped = {
        Path(line.split(maxsplit=5)[5].strip())
        for line in Path("/proc/self/maps").read_text().splitlines()
        if "libzerok_sync_ffi" in line and len(line.split(maxsplit=5)) == 6
    }
    assert mapped == {_library()}, mapped
    assert Path(generated._UniffiLib._name).resolve() == _library()

    dist = importlib.metadata.distribution("zerok-sync")
    [record] = [f for f in dist.files or [] if f.name == _library().name]
    assert Path(dist.locate_file(record)).resolve() == _library()
    assert record.hash is not None and record.hash.mode == "sha256"
    digest = base64.urlsafe_b64encode(hashlib.sha256(_library().read_bytes()).digest())
    assert digest.rstrip(b"=").decode() == record.hash.value


def test_installed_from_the_manylinux_wheel() -> None:
    """What scripts/package ships: a wheel for every CPython 3 (py3-none: the module is
    ctypes), manylinux (glibc 2.17+, not the build machine's glibc), with the library
    stripped (the symbol table is for generators, which read the build's own copy)."""
    wheel = importlib.metadata.distribution("zerok-sync").read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    assert tags and all(re.fullmatch(r"py3-none-manylinux(_2_17|2014)_[a-z0-9_]+", t) for t in tags), tags
    assert "Root-Is-Purelib: false" in wheel
    assert ".symtab" not in _elf_section_names(_library())


def test_version() -> None:
    v = zerok_sync.version()
    assert v.ffi == importlib.metadata.version("zerok-sync") == zerok_sync.__version__
    assert v.core and isinstance(v.wire, int) and v.wire >= 1


def test_public_names() -> None:
    for name in zerok_sync.__all__:
        assert hasattr(zerok_sync, name), name
    assert not [n for n in zerok_sync.__all__ if n.startswith("_")]


def test_sync_config_has_the_generated_records_fields() -> None:
    """The dataclass mirrors the UDL's SyncConfig: a field added there must be added here."""
    ours = [f.name for f in dataclasses.fields(zerok_sync.SyncConfig)]
    theirs = [p for p in inspect.signature(generated.SyncConfig.__init__).parameters if p != "self"]
    assert ours == theirs


def test_sync_config_repr_hides_secrets() -> None:
    config = zerok_sync.SyncConfig(["r"], passphrase="hunter2", secret_bytes=b"\x01" * 32)
    assert "hunter2" not in repr(config) and "\\x01" not in repr(config)
