"""Pairing by short code through the facade, against real relays: a device shows a code
(`create_pairing_code`), another types it (`join_with_code`) and joins the group. The error
cases (a typo, a cancelled, an expired code) are in test_errors.py.

Each test joins a few times; the relay allows 30 joins a minute from one address, and the
session's relay serves the conformance scenarios and the README too, so pairing tests that
join more than once use a relay of their own.
"""

from __future__ import annotations

import asyncio
import gc
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from zerok_sync import (
    Pairing,
    PairingFailedError,
    SyncClient,
    SyncConfig,
    join_with_code,
)

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")
VERIFIER = re.compile(r"[0-9]{3} [0-9]{3}")


async def test_a_device_joins_by_code_and_pulls_what_the_other_pushed(
    start_relay, clients, secret
) -> None:
    relay = start_relay()
    phone = await clients(SyncConfig([relay.addr], secret_bytes=secret, device_name="phone"))
    await phone.push(b"before pairing")

    pairing = await phone.create_pairing_code()
    assert isinstance(pairing, Pairing)
    code = pairing.code()
    assert CODE.fullmatch(code), code
    assert code not in repr(pairing), "the code is a password"
    now_ms = time.time() * 1000
    assert now_ms + 590_000 < pairing.expires_at_ms() < now_ms + 610_000, "600 s by default"

    paired = await join_with_code(code, [relay.addr])  # no client: not a member yet
    assert VERIFIER.fullmatch(paired.verifier), paired.verifier
    assert paired.invite.relay_addresses == [relay.addr]
    assert paired.invite.secret_bytes == secret
    assert await pairing.wait() == paired.verifier, "both devices show the same digits"

    laptop = await clients(SyncConfig.from_invite(paired.invite, device_name="laptop"))
    assert laptop.group_id() == phone.group_id()
    assert [b.payload for b in (await laptop.pull()).blobs] == [b"before pairing"]
    await laptop.push(b"after pairing")
    assert [b.payload for b in (await phone.pull()).blobs] == [b"after pairing"]

    with pytest.raises(PairingFailedError):
        await join_with_code(code, [relay.addr])  # one use per code
    assert await pairing.wait() == paired.verifier, "the outcome stays"


async def test_concurrent_waits_get_the_same_verifier(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pairing = await shower.create_pairing_code(ttl_secs=60)
    waits = [asyncio.ensure_future(pairing.wait()) for _ in range(5)]
    # The user may type the code in lower case, without hyphens.
    typed = pairing.code().replace("-", " ").lower()
    paired, *verifiers = await asyncio.gather(join_with_code(typed, [relay.addr]), *waits)
    assert verifiers == [paired.verifier] * 5


async def test_concurrent_codes_on_one_client(start_relay, clients, secret) -> None:
    relay = start_relay()
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pairings = await asyncio.gather(*(shower.create_pairing_code() for _ in range(3)))
    assert len({p.code() for p in pairings}) == 3
    joined = await asyncio.gather(*(join_with_code(p.code(), [relay.addr]) for p in pairings))
    verifiers = await asyncio.gather(*(p.wait() for p in pairings))
    assert verifiers == [j.verifier for j in joined]
    assert all(j.invite.secret_bytes == secret for j in joined)


async def test_a_cancelled_wait_leaves_the_pairing_running(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pairing = await shower.create_pairing_code()
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(pairing.wait(), 0.05)  # nobody typed the code yet
    paired = await join_with_code(pairing.code(), [relay.addr])
    assert await pairing.wait() == paired.verifier


async def test_async_with_cancels_an_unfinished_pairing(start_relay, clients, secret) -> None:
    relay = start_relay()
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    async with await shower.create_pairing_code() as pairing:
        code = pairing.code()
    with pytest.raises(PairingFailedError):
        await pairing.wait()
    with pytest.raises(PairingFailedError):
        await join_with_code(code, [relay.addr])

    # Leaving the block after the pairing finished changes nothing.
    async with await shower.create_pairing_code() as pairing:
        paired = await join_with_code(pairing.code(), [relay.addr])
        verifier = await pairing.wait()
    assert verifier == paired.verifier and await pairing.wait() == verifier


async def test_a_garbage_collected_pairing_is_cancelled(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    code = (await shower.create_pairing_code()).code()  # the handle is dropped at once
    gc.collect()
    with pytest.raises(PairingFailedError):
        await join_with_code(code, [relay.addr])


def test_blocking_client_shows_a_code_and_waits_from_threads(start_relay, secret) -> None:
    relay = start_relay()
    config = SyncConfig([relay.addr], secret_bytes=secret)
    with SyncClient.create_sync(config) as phone:
        phone.push(b"from blocking code")
        with phone.create_pairing_code() as pairing, ThreadPoolExecutor(3) as threads:
            waits = [threads.submit(pairing.wait) for _ in range(3)]
            # The other device has no client: it runs the coroutine on a loop of its own.
            paired = asyncio.run(join_with_code(pairing.code(), [relay.addr]))
            assert [w.result(timeout=30) for w in waits] == [paired.verifier] * 3
        with SyncClient.create_sync(SyncConfig.from_invite(paired.invite)) as laptop:
            assert [b.payload for b in laptop.pull().blobs] == [b"from blocking code"]

        with phone.create_pairing_code() as pairing:
            code = pairing.code()
        with pytest.raises(PairingFailedError):
            pairing.wait()
        with pytest.raises(PairingFailedError):
            asyncio.run(join_with_code(code, [relay.addr]))


async def test_one_address_instead_of_a_list_is_a_type_error(relay) -> None:
    with pytest.raises(TypeError):
        await join_with_code("0000-0000-0000-0000", relay.addr)
