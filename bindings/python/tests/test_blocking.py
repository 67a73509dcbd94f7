"""The blocking client (SyncClient.create_sync) from plain threads, no event loop."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from blake3 import blake3

from zerok_sync import (
    InvalidConfigError,
    OutboxSent,
    ShutdownError,
    SyncCancelledError,
    SyncClient,
    SyncConfig,
    SyncError,
    UnknownCursorError,
)


def test_blocking_round_trip_and_live(relay, secret) -> None:
    config = SyncConfig([relay.addr], secret_bytes=secret)
    with SyncClient.create_sync(config) as a, SyncClient.create_sync(config) as b:
        assert a.is_connected() and a.group_id() == b.group_id()
        ack = a.push(bytearray(b"blocking"))
        [blob] = b.pull().blobs
        assert blob.payload == b"blocking" and b.current_cursor() == ack.cursor

        got = []
        with b.subscribe() as live:
            reader = threading.Thread(target=lambda: got.extend(x.payload for x in live))
            reader.start()
            a.push(b"one")
            a.push(b"two")
            for _ in range(500):
                if len(got) == 2:
                    break
                threading.Event().wait(0.01)
            live.close()  # from this thread: the reader's pending next() returns None
            reader.join(10)
        assert not reader.is_alive() and got == [b"one", b"two"] and live.closed

        with pytest.raises(SyncError) as caught:
            a.pull_after(10**6)
        assert type(caught.value) is UnknownCursorError
    with pytest.raises(ShutdownError):
        a.push(b"after the with block")


def test_blocking_calls_from_many_threads(relay, secret) -> None:
    with SyncClient.create_sync(SyncConfig([relay.addr], secret_bytes=secret)) as client:
        with ThreadPoolExecutor(8) as pool:
            acks = list(pool.map(client.push, [b"%d" % i for i in range(50)]))
    assert len({ack.cursor for ack in acks}) == 50


def test_blocking_create_fails_like_the_async_one(relay) -> None:
    with pytest.raises(InvalidConfigError):
        SyncClient.create_sync(SyncConfig([relay.addr]))


def test_blocking_outbox_and_events(relay, secret) -> None:
    config = SyncConfig([relay.addr], secret_bytes=secret)
    with SyncClient.create_sync(config) as a, SyncClient.create_sync(config) as b:
        with a.events() as events:
            blob_id = a.enqueue(b"queued")
            a.flush(timeout=10)
            assert a.pending().count == 0
            sent = events.next_event()
            assert isinstance(sent, OutboxSent) and (sent.blob_id, sent.pending) == (blob_id, 0)
            got = []
            reader = threading.Thread(target=lambda: got.extend(events))
            reader.start()
            events.close()  # from this thread: the reader's pending read returns None
            reader.join(10)
        assert not reader.is_alive() and got == [] and events.closed
        assert [(x.blob_id, x.payload) for x in b.pull().blobs] == [(blob_id, b"queued")]


def test_blocking_files(relay, secret, tmp_path) -> None:
    config = SyncConfig([relay.addr], secret_bytes=secret)
    source = tmp_path / "photo.bin"
    source.write_bytes(os.urandom(2 * (1 << 20) + 3))
    digest = blake3(source.read_bytes()).hexdigest()
    with SyncClient.create_sync(config) as a, SyncClient.create_sync(config) as b:
        transfer = a.push_file(source)
        seen = list(transfer.progress())
        pushed = transfer.outcome()
        assert seen[-1] == transfer.current_progress() and seen[-1].chunks_done == 3
        assert (pushed.object_id, pushed.blake3) == (transfer.object_id(), digest)

        with open(source, "rb") as file:
            assert a.push_from(file, source.stat().st_size, "again.bin").blake3 == digest
        with a.push_stream(3, "abc.txt") as upload:
            upload.write(b"a")
            upload.write_from([b"b", b"c"])
            assert upload.finish().size == 3
            assert upload.transfer().progress().next_progress() is not None
        with a.push_stream(3) as unfinished:
            unfinished.write(b"a")
        with pytest.raises(SyncCancelledError):  # `with` ended it unfinished
            unfinished.transfer().outcome()

        received = b.pull().blobs
        assert [x.object.name for x in received] == ["photo.bin", "again.bin", "abc.txt"]
        for i, x in enumerate(received[:2]):
            saved = b.download(x.object, tmp_path / f"copy{i}").outcome()
            assert Path(saved.path).read_bytes() == source.read_bytes()
        cancelled = b.download(received[0].object, tmp_path / "cancelled")
        cancelled.cancel()
        with pytest.raises(SyncCancelledError):
            cancelled.outcome()
        assert not (tmp_path / "cancelled").exists()
        assert b.enqueue_file(source) != pushed.object_id  # a new object each time
        b.flush(timeout=30)
        assert [x.object.blake3 for x in a.pull().blobs] == [digest]
