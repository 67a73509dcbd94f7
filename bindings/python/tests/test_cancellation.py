"""Cancelling calls, and processes that never shut their clients down."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import time
from collections import Counter
from typing import List

import pytest

from zerok_sync import PushResult, Subscription, SyncCancelledError, SyncConfig, Transfer


async def test_wait_for_on_next_leaves_subscription_and_client_usable(
    relay, clients, secret
) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sub = b.subscribe()
    for _ in range(3):
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(sub.next(), 0.05)
    assert not sub.closed
    await a.push(b"after the timeouts")
    blob = await asyncio.wait_for(sub.next(), 10)
    assert blob is not None and blob.payload == b"after the timeouts"
    sub.close()
    await b.push(b"b still works")
    assert [x.payload for x in (await a.pull()).blobs] == [b"b still works"]


async def push_all(client, sent: List[bytes]) -> List[PushResult]:
    return [await client.push(payload) for payload in sent]


async def test_reads_cancelled_at_random_moments_lose_nothing_and_repeat_nothing(
    relay, clients, secret
) -> None:
    """Reads cancelled at random moments while blobs stream in, some subscriptions closed
    right after a cancelled read and new ones opened: a blob whose read was cancelled after
    Rust handed out its ticket comes back from the next read, or the next subscription."""
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sent = [b"blob %d" % i for i in range(150)]
    rng = random.Random(20)
    pushing = asyncio.create_task(push_all(a, sent))
    got: List[bytes] = []
    cancelled = subscriptions = 0

    async def read_all() -> None:
        nonlocal cancelled, subscriptions
        while len(got) < len(sent):
            subscriptions += 1
            async with b.subscribe() as sub:  # closed on leaving, read or not
                while len(got) < len(sent):
                    try:
                        blob = await asyncio.wait_for(sub.next(), rng.uniform(0, 0.003))
                    except asyncio.TimeoutError:
                        cancelled += 1
                        if rng.random() < 0.3:
                            break  # a new subscription, right after a cancelled read
                        continue
                    got.append(blob.payload)

    with contextlib.suppress(asyncio.TimeoutError):  # a lost blob: the asserts say which
        await asyncio.wait_for(read_all(), 30)
    acks = await pushing
    assert got == sent  # each once, in order
    assert cancelled > 10 and subscriptions > 3, (cancelled, subscriptions)
    assert b.current_cursor() == acks[-1].cursor
    assert (await b.pull()).blobs == [], "nothing taken is delivered again"


async def test_concurrent_reads_on_one_subscription_get_each_blob_once(
    relay, clients, secret
) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sent = [b"blob %d" % i for i in range(200)]
    rng = random.Random(7)
    got: List[bytes] = []
    complete = asyncio.Event()

    async def reader(sub: Subscription) -> None:
        while True:
            try:  # some reads cancelled at random moments here too
                blob = await asyncio.wait_for(sub.next(), rng.uniform(0, 0.01))
            except asyncio.TimeoutError:
                continue
            got.append(blob.payload)
            if len(got) == len(sent):
                complete.set()

    async with b.subscribe() as sub:
        readers = [asyncio.create_task(reader(sub)) for _ in range(4)]
        acks = await push_all(a, sent)
        with contextlib.suppress(asyncio.TimeoutError):  # a lost blob: the asserts say which
            await asyncio.wait_for(complete.wait(), 30)
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    assert Counter(got) == Counter(sent) and len(got) == len(sent)
    assert b.current_cursor() == acks[-1].cursor
    assert (await b.pull()).blobs == []


async def test_cancelled_push_and_pull_leave_the_client_usable(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    big = bytes(1 << 20)  # sealing, sending and storing 1 MiB takes far longer than 1 ms
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(a.push(big), 0.001)
    acks = [await a.push(big) for _ in range(2)]  # a backlog that b needs a while to fetch
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(b.pull(), 0.001)

    assert a.is_connected() and b.is_connected()
    # The cancelled push may have reached the relay before the cancel: stored or not.
    pulled = [x.cursor for x in (await b.pull_after(0)).blobs]
    assert {ack.cursor for ack in acks} <= set(pulled) and len(pulled) <= 3, pulled
    small = await a.push(b"small")
    assert [x.payload for x in (await b.pull()).blobs][-1:] == [b"small"]
    assert b.current_cursor() == small.cursor


async def test_cancelling_an_async_for_closes_the_subscription(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sub = b.subscribe()
    seen = []
    first = asyncio.Event()

    async def consume() -> None:
        async for blob in sub:
            seen.append(blob.payload)
            first.set()

    task = asyncio.create_task(consume())
    await a.push(b"one")
    await asyncio.wait_for(first.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == [b"one"] and sub.closed
    await a.push(b"two")
    assert [x.payload for x in (await b.pull()).blobs] == [b"two"], "b's cursor moved past 'one'"


async def first_bytes(transfer: Transfer) -> None:
    """Returns once the transfer moved some bytes but not all of them."""
    async for p in transfer.progress():
        if p.bytes_done:
            assert p.chunks_done < p.chunks_total, "finished before the cancel: make it bigger"
            return


async def test_cancelling_the_awaiting_task_cancels_the_transfer(
    relay, clients, secret, tmp_path
) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(32 << 20))

    # An upload awaited by a task: cancelling the task cancels the upload.
    upload = await a.push_file(big)
    waiting = asyncio.ensure_future(upload)
    await first_bytes(upload)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    with pytest.raises(SyncCancelledError):
        await upload  # how the transfer ended, typed
    assert (await b.pull()).blobs == [], "no object arrived"

    # A download under asyncio.wait_for: the timeout cancels it, and no file appears.
    await (await a.push_file(big))
    [blob] = (await b.pull()).blobs
    copy = tmp_path / "copy.bin"
    download = await b.download(blob.object, copy)
    await first_bytes(download)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(download, 0.001)
    with pytest.raises(SyncCancelledError):
        await download.outcome()
    assert not copy.exists()

    # Leaving `async with` by an exception cancels an upload that did not finish.
    with pytest.raises(RuntimeError):
        async with await a.push_stream(4 << 20, "partial.bin") as stream:
            await stream.write(bytes(1 << 20))
            raise RuntimeError("the source failed")
    with pytest.raises(SyncCancelledError):
        await stream.transfer()
    assert (await b.pull()).blobs == []


DROPPED_ASYNC = """
import asyncio, os, sys
import zerok_sync as z

async def main():
    client = await z.SyncClient.create(z.SyncConfig([sys.argv[1]], secret_bytes=os.urandom(32)))
    await client.connect()
    await client.push(b"x")
    sub = client.subscribe()
    asyncio.ensure_future(sub.next())  # still pending when asyncio.run() cancels it
    asyncio.ensure_future(client.events().next_event())  # this one too
    await client.enqueue(b"y")  # and the outbox's sender at work
    await asyncio.sleep(0.1)
    # no close(), no shutdown(): the handles are simply dropped

asyncio.run(main())
print("done")
"""

KEPT_UNTIL_EXIT = """
import asyncio, os, sys
import zerok_sync as z

async def main():
    global client, sub
    client = await z.SyncClient.create(z.SyncConfig([sys.argv[1]], secret_bytes=os.urandom(32)))
    await client.connect()
    await client.push(b"x")
    sub = client.subscribe()

asyncio.run(main())
print("done")  # the client is still referenced while the interpreter exits
"""

DROPPED_BLOCKING = """
import os, sys
import zerok_sync as z

client = z.SyncClient.create_sync(z.SyncConfig([sys.argv[1]], secret_bytes=os.urandom(32)))
client.connect()
client.push(b"x")
blocking_sub = client.subscribe()
print("done")  # exits with a connected client and its loop thread still running
"""


@pytest.mark.parametrize(
    "program",
    [DROPPED_ASYNC, KEPT_UNTIL_EXIT, DROPPED_BLOCKING],
    ids=["dropped-async", "kept-until-exit", "dropped-blocking"],
)
def test_process_without_shutdown_exits_promptly(relay, run_python, program) -> None:
    started = time.monotonic()
    done = run_python(program, relay.addr, timeout=30)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout == "done\n"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert elapsed < 5, f"exit took {elapsed:.1f} s"
