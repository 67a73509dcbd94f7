"""Payload bytes go into Rust buffers with one memmove.

UniFFI 0.31's generated Python writes a bytes argument into its RustBuffer one byte at a time,
in a Python loop: about 0.16 s per MiB, all of it blocking the event loop (a 64 KiB push
spent about 10 ms there). This replaces that one method of the generated buffer builder with
the same write done by a single memmove; reserving, the length prefix and ownership stay the
generated code's. Applied once, when the package is imported. `as_bytes` is the facade's one
conversion of a payload to the bytes that write takes.
"""

import ctypes
from typing import Any

from ._native import zerok_sync as _generated

_Builder = getattr(_generated, "_UniffiRustBufferBuilder", None)
if _Builder is None or not hasattr(_Builder, "_reserve"):
    # A generator upgrade changed the builder: fail at import, not with corrupted buffers.
    raise ImportError("zerok_sync: the generated module's RustBuffer builder is not the one _fast_bytes patches")


def _write(self: "_generated._UniffiRustBufferBuilder", value: bytes) -> None:
    if type(value) is not bytes:
        value = memoryview(value).tobytes()  # bytearray or memoryview from a user's record
    size = len(value)
    with self._reserve(size):
        # Inside the reservation: the buffer may have moved to fit `size` more bytes.
        ctypes.memmove(ctypes.addressof(self.rbuf.data.contents) + self.rbuf.len, value, size)


_Builder.write = _write


def as_bytes(data: Any) -> bytes:
    """A payload (bytes, or any buffer: copied once) as bytes. bytes() alone would turn an
    int n into n zero bytes; memoryview() accepts only buffers."""
    return data if type(data) is bytes else memoryview(data).tobytes()
