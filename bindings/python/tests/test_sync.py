"""Syncing through a real relay: push/pull, live subscriptions, concurrency, invites."""

from __future__ import annotations

import array
import asyncio
import gc
import weakref

import pytest

from zerok_sync import (
    KdfParams,
    PullResult,
    SyncConfig,
    derive_secret,
    invite_from_qr,
    invite_to_qr,
)

# The smallest parameters the library accepts: fast, and the KDF is not what is tested here.
FAST_KDF = KdfParams(memory_kib=19456, iterations=2, parallelism=1)


async def test_round_trip(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret, device_name="a"))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret, device_name="b"))
    assert a.is_connected() and a.active_relay() == relay.addr
    assert a.group_id() == b.group_id() and len(a.group_id()) == 64

    ack = await a.push(b"hello")
    assert len(ack.blob_id) == 32 and ack.cursor >= 1
    pulled = await b.pull()
    assert pulled.tampered == []
    [blob] = pulled.blobs
    assert (blob.payload, blob.blob_id, blob.cursor) == (b"hello", ack.blob_id, ack.cursor)
    assert blob.timestamp_ms > 1_600_000_000_000
    assert b.current_cursor() == ack.cursor
    assert await b.pull() == PullResult(blobs=[], tampered=[]), "pull() advances the cursor"
    assert [x.payload for x in (await b.pull_after(0)).blobs] == [b"hello"]
    assert (await a.pull()).blobs == [], "a device never gets its own pushes back"


async def test_payloads_may_be_any_bytes_like(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sent = [
        bytearray(b"bytearray"),
        memoryview(b"--memoryview--")[2:-2],
        array.array("H", [1, 2, 3]),
        b"",
    ]
    for payload in sent:
        await a.push(payload)
    assert [x.payload for x in (await b.pull()).blobs] == [bytes(p) for p in sent]
    for wrong in ("text", 5, None):
        with pytest.raises(TypeError):
            await a.push(wrong)  # type: ignore[arg-type]


async def test_two_clients_live_with_async_for(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))

    async def receive(client, n: int) -> list[bytes]:
        got = []
        async with client.subscribe() as blobs:
            async for blob in blobs:
                got.append(blob.payload)
                if len(got) == n:
                    break
        assert blobs.closed
        return got

    to_b = asyncio.create_task(receive(b, 3))
    to_a = asyncio.create_task(receive(a, 2))
    await asyncio.sleep(0.2)  # both streams are open and idle: what follows arrives live
    for i in range(3):
        await a.push(b"a%d" % i)
    for i in range(2):
        await b.push(b"b%d" % i)
    assert await asyncio.wait_for(to_b, 10) == [b"a0", b"a1", b"a2"]
    assert await asyncio.wait_for(to_a, 10) == [b"b0", b"b1"]


async def test_subscription_replays_the_backlog_first(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    await a.push(b"before")
    sub = b.subscribe()
    blob = await asyncio.wait_for(sub.next(), 10)
    assert blob is not None and blob.payload == b"before"
    sub.close()
    assert await sub.next() is None and sub.closed
    assert [x async for x in sub] == [], "a closed subscription iterates nothing"


async def test_break_releases_the_subscription(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    await a.push(b"x")
    sub = b.subscribe()
    ref = weakref.ref(sub)
    async for _ in sub:
        break
    del sub, _
    gc.collect()
    assert ref() is None, "nothing keeps a subscription alive after the loop"


async def test_gather_200_pushes_on_one_client(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    sent = [b"push %d" % i for i in range(200)]
    acks = await asyncio.wait_for(asyncio.gather(*(a.push(p) for p in sent)), 60)
    cursors = [ack.cursor for ack in acks]
    assert len(set(cursors)) == 200 and len({ack.blob_id for ack in acks}) == 200
    pulled = (await b.pull()).blobs
    assert [x.cursor for x in pulled] == sorted(cursors)
    by_cursor = dict(zip(cursors, sent))
    assert [x.payload for x in pulled] == [by_cursor[x.cursor] for x in pulled]


async def test_groups_are_isolated(relay, clients, secret) -> None:
    """A different secret is a different group: the relay keeps their blobs apart, and a
    client of one group never reads another's. (Unauthorized needs a forged membership
    proof, which the public API cannot make.)"""
    ours = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    other = await clients(SyncConfig([relay.addr], secret_bytes=bytes(b ^ 1 for b in secret)))
    assert ours.group_id() != other.group_id()
    await ours.push(b"private")
    assert (await other.pull_after(0)).blobs == []
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(other.subscribe().next(), 0.5)


async def test_invite_round_trip(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    invite = a.create_invite(600)
    assert invite.relay_addresses == [relay.addr] and invite.secret_bytes == secret
    qr = invite_to_qr(invite)
    assert qr.startswith("0k1.")
    parsed = invite_from_qr(qr)
    assert parsed == invite

    c = await clients(SyncConfig.from_invite(parsed, device_name="c"))
    assert c.group_id() == a.group_id()
    await a.push(b"welcome")
    assert [x.payload for x in (await c.pull()).blobs] == [b"welcome"]
    await c.push(b"thanks")
    assert [x.payload for x in (await a.pull()).blobs] == [b"thanks"]


async def test_passphrase_group_and_its_invite(relay, clients) -> None:
    derived = await derive_secret("correct horse", kdf=FAST_KDF)
    assert len(derived.salt) == 16 and derived.kdf == FAST_KDF
    by_passphrase = await clients(
        SyncConfig([relay.addr], passphrase="correct horse", salt=derived.salt, kdf=FAST_KDF)
    )
    by_secret = await clients(SyncConfig([relay.addr], secret_bytes=derived.secret))
    assert by_passphrase.group_id() == by_secret.group_id()

    invite = invite_from_qr(invite_to_qr(by_passphrase.create_invite(60)))
    assert (invite.salt, invite.kdf) == (derived.salt, FAST_KDF)
    joiner = await clients(SyncConfig.from_invite(invite))
    await by_passphrase.push(b"derived")
    assert [x.payload for x in (await joiner.pull()).blobs] == [b"derived"]


async def test_state_path_keeps_the_cursor(relay, clients, secret, tmp_path) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    ack = await a.push(b"seen once")
    state = tmp_path / "device.json"  # any path-like
    first = await clients(SyncConfig([relay.addr], secret_bytes=secret, state_path=state))
    assert [x.payload for x in (await first.pull()).blobs] == [b"seen once"]
    await first.shutdown()
    again = await clients(SyncConfig([relay.addr], secret_bytes=secret, state_path=state))
    assert again.current_cursor() == ack.cursor and (await again.pull()).blobs == []
