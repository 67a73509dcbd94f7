"""Files of any size through the asyncio facade: push_file, push_stream and its helpers,
download, progress; the values themselves are the library's (see the conformance scenarios).
"""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path
from typing import AsyncIterator, List

from blake3 import blake3

from zerok_sync import RemoteObject, SyncConfig, TransferProgress

SIZE = 3 * (1 << 20) + 5  # four chunks, the last of 5 bytes


def data() -> bytes:
    return os.urandom(SIZE)


async def test_file_pushed_with_progress_is_downloaded_byte_for_byte(
    relay, clients, secret, tmp_path
) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    source = tmp_path / "photo.bin"
    source.write_bytes(data())
    await a.push(b"a plain blob")

    upload = await a.push_file(source)  # a Path; str and bytes paths work too
    seen: List[TransferProgress] = [p async for p in upload.progress()]
    pushed = await upload
    assert [p.bytes_done for p in seen] == sorted(p.bytes_done for p in seen)
    assert seen[-1] == upload.current_progress()
    assert (seen[-1].bytes_done, seen[-1].chunks_done) == (SIZE, 4)
    assert pushed.object_id == upload.object_id() and pushed.size == SIZE
    assert pushed.blake3 == blake3(source.read_bytes()).hexdigest()
    assert [p async for p in upload.progress()] == [], "a new reading after the end: nothing"

    plain, blob = (await b.pull()).blobs
    assert plain.object is None and blob.payload == b"" and blob.cursor == pushed.cursor
    assert isinstance(blob.object, RemoteObject) and blob.object.name == "photo.bin"
    copy = tmp_path / "copy.bin"
    download = await b.download(blob.object, os.fsencode(copy))
    saved = await download
    assert saved.path == str(copy) and saved.blake3 == pushed.blake3
    assert copy.read_bytes() == source.read_bytes()
    assert await download == saved, "the outcome again, as often as asked"


async def chunks(blob: bytes, size: int) -> AsyncIterator[memoryview]:
    for i in range(0, len(blob), size):
        await asyncio.sleep(0)
        yield memoryview(blob)[i : i + size]


class AsyncReader:
    """An object with an async read(n), as aiofiles' and asyncio's StreamReader's."""

    def __init__(self, blob: bytes) -> None:
        self.file = io.BytesIO(blob)

    async def read(self, n: int) -> bytes:
        return self.file.read(n)


async def test_push_from_any_source_and_push_stream_pieces(
    relay, clients, secret, tmp_path
) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    blob = data()
    path = tmp_path / "source.bin"
    path.write_bytes(blob)
    digest = blake3(blob).hexdigest()

    with open(path, "rb") as file:  # its blocking reads run in a thread
        results = [await a.push_from(file, SIZE, "file.bin")]
    results.append(await a.push_from(chunks(blob, 300_000), SIZE, "async-iterable.bin"))
    results.append(await a.push_from(AsyncReader(blob), SIZE, "async-read.bin"))
    results.append(await a.push_from([blob[:7], bytearray(blob[7:])], SIZE))
    async with await a.push_stream(SIZE, "pieces.bin") as upload:
        progress = asyncio.ensure_future(upload.transfer().progress().next_progress())
        await upload.write(blob[:1000])
        await upload.write_from(io.BytesIO(blob[1000:]))
        results.append(await upload.finish())
    assert (await progress) is not None
    assert {(r.size, r.blake3) for r in results} == {(SIZE, digest)}

    received = (await b.pull()).blobs
    names = ["file.bin", "async-iterable.bin", "async-read.bin", None, "pieces.bin"]
    assert [x.object.name for x in received] == names
    for i, x in enumerate(received):
        saved = await (await b.download(x.object, tmp_path / f"copy{i}"))
        assert Path(saved.path).read_bytes() == blob
