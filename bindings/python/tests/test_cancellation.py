"""Cancelling calls, and processes that never shut their clients down."""

from __future__ import annotations

import asyncio
import time

import pytest

from zerok_sync import SyncConfig


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
    assert [x.payload for x in await a.pull()] == [b"b still works"]


async def test_no_blob_lost_when_next_is_cancelled_at_any_moment(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sent = [b"blob %d" % i for i in range(150)]

    async def push_all() -> None:
        for payload in sent:
            await a.push(payload)

    pushing = asyncio.create_task(push_all())
    got: list = []
    cancelled = attempt = 0
    deadline = time.monotonic() + 30  # a lost blob would otherwise wait forever
    while len(got) < len(sent) and time.monotonic() < deadline:
        # New subscriptions too: what a cancelled read received goes to the next one.
        sub = b.subscribe()
        try:
            while len(got) < len(sent):
                attempt += 1
                blob = await asyncio.wait_for(sub.next(), (attempt % 4 + 1) / 1000)
                got.append(blob.payload)
        except asyncio.TimeoutError:
            cancelled += 1
        finally:
            if attempt % 2:
                sub.close()
    await pushing
    assert got == sent
    assert cancelled > 0


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
    pulled = [x.cursor for x in await b.pull_after(0)]
    assert {ack.cursor for ack in acks} <= set(pulled) and len(pulled) <= 3, pulled
    small = await a.push(b"small")
    assert [x.payload for x in await b.pull()][-1:] == [b"small"]
    assert b.current_cursor() == small.cursor


async def test_cancelling_an_async_for_closes_the_subscription(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sub = b.subscribe()
    seen = []

    async def consume() -> None:
        async for blob in sub:
            seen.append(blob.payload)

    task = asyncio.create_task(consume())
    await a.push(b"one")
    for _ in range(200):
        if seen:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == [b"one"] and sub.closed
    await a.push(b"two")
    assert [x.payload for x in await b.pull()] == [b"two"], "b's cursor moved past 'one'"


DROPPED_ASYNC = """
import asyncio, os, sys
import zerok_sync as z

async def main():
    client = await z.SyncClient.create(z.SyncConfig([sys.argv[1]], secret_bytes=os.urandom(32)))
    await client.connect()
    await client.push(b"x")
    sub = client.subscribe()
    asyncio.ensure_future(sub.next())  # still pending when asyncio.run() cancels it
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
