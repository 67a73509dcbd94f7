"""The event stream through the facade: typed events from a real client, and the native
stream closed whenever the consumer stops (break, cancel, `async with`, shutdown)."""

from __future__ import annotations

import asyncio
from typing import List

import pytest

import zerok_sync
from zerok_sync import (
    Connected,
    Disconnected,
    OutboxSent,
    SyncConfig,
    SyncEvent,
)
from zerok_sync import _events
from zerok_sync._native import zerok_sync as generated


def test_every_generated_variant_has_its_own_public_class() -> None:
    variants = [
        value
        for value in vars(generated.SyncEvent).values()
        if isinstance(value, type) and issubclass(value, generated.SyncEvent)
    ]
    assert len(variants) == 6
    samples = {
        "CONNECTED": ("r",), "DISCONNECTED": ("r", "why"), "FAILOVER": ("r1", "r2"),
        "OUTBOX_SENT": ("ab", 7, 0), "OUTBOX_REJECTED": ("ab", "too big"), "LAGGED": (3,),
    }
    classes = set()
    for variant in variants:
        name = variant.__name__.split(".")[-1]
        event = _events.from_native(variant(*samples[name]))
        assert isinstance(event, SyncEvent) and type(event).__name__ in zerok_sync.__all__
        assert tuple(vars(event).values()) == samples[name]
        classes.add(type(event))
    assert len(classes) == len(variants)


async def next_event(events) -> SyncEvent:
    event = await asyncio.wait_for(events.next_event(), 10)
    assert event is not None, "the stream ended"
    return event


async def test_connected_outbox_sent_disconnected(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    async with a.events() as events:
        await a.connect()
        assert await next_event(events) == Connected(relay=relay.addr)
        blob_id = await a.enqueue(b"e0")
        sent = await next_event(events)
        assert isinstance(sent, OutboxSent) and (sent.blob_id, sent.pending) == (blob_id, 0)
        [blob] = (await b.pull()).blobs
        assert (blob.blob_id, blob.cursor) == (sent.blob_id, sent.cursor)
        await a.disconnect()
        gone = await next_event(events)
        assert isinstance(gone, Disconnected) and gone.relay == relay.addr and gone.reason
        assert hash(gone) == hash(Disconnected(relay.addr, gone.reason)), "frozen records"
    assert events.closed and await events.next_event() is None


async def test_async_for_ends_when_the_client_shuts_down(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    events = client.events()
    seen: List[SyncEvent] = []
    sent = asyncio.Event()

    async def consume() -> None:
        async for event in events:
            seen.append(event)
            if isinstance(event, OutboxSent):
                sent.set()

    consuming = asyncio.create_task(consume())
    await client.connect()
    await client.enqueue(b"x")
    await asyncio.wait_for(sent.wait(), 10)
    await client.shutdown()
    await asyncio.wait_for(consuming, 10)  # the loop ended by itself
    assert [type(e) for e in seen[:2]] == [Connected, OutboxSent] and events.closed, seen


async def test_break_closes_the_stream(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    async with client.events() as events:
        await client.connect()
        async for event in events:
            assert isinstance(event, Connected)
            break
    assert events.closed
    await client.disconnect()  # an event the closed stream never shows
    assert await asyncio.wait_for(events.next_event(), 10) is None


async def test_cancelling_the_consumer_closes_the_stream(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    events = client.events()
    first = asyncio.Event()

    async def consume() -> None:
        async for _ in events:
            first.set()

    consuming = asyncio.create_task(consume())
    await client.connect()
    await asyncio.wait_for(first.wait(), 10)
    consuming.cancel()
    with pytest.raises(asyncio.CancelledError):
        await consuming
    assert events.closed
    await client.enqueue(b"y")
    await client.flush(timeout=10)
    assert await asyncio.wait_for(events.next_event(), 10) is None
