"""The installed wheel: where it is, what it holds, and the public surface."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import inspect
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


def test_cdylib_is_not_stripped() -> None:
    """UniFFI generators read the interface from the library's symbol table."""
    [lib] = (PACKAGE / "_native").glob("libzerok_sync_ffi.*")
    assert ".symtab" in _elf_section_names(lib)


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
