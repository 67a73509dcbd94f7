"""Every error variant maps to its own class under SyncError; each one that the public API
can provoke is provoked here against real relays.

Not provokable from Python, so only covered by the mapping test: Unauthorized (needs a
forged membership proof; another secret is simply another group, see test_sync.py),
VersionMismatch and Protocol (need a relay of another protocol), Transport and Relay (need
a network or storage failure mid-request: calls retry transport failures within their
timeout) and Internal (a library bug).
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

import zerok_sync
from zerok_sync import (
    AllRelaysFailedError,
    ConnectionFailedError,
    InternalError,
    InvalidConfigError,
    InvalidInviteError,
    InvalidPairingCodeError,
    InviteExpiredError,
    NotConnectedError,
    ObjectUnavailableError,
    OutboxFullError,
    PairingExpiredError,
    PairingFailedError,
    PayloadTooLargeError,
    PullResult,
    QuotaExceededError,
    RemoteObject,
    RateLimitedError,
    ShutdownError,
    StateError,
    SyncClient,
    SyncCancelledError,
    SyncConfig,
    SyncError,
    SyncIoError,
    SyncTimeoutError,
    TamperedError,
    UnknownCursorError,
    invite_from_qr,
    invite_to_qr,
    join_with_code,
)
from zerok_sync import _errors
from zerok_sync._native import zerok_sync as generated

TOOLS = Path(__file__).resolve().parents[3] / "tests" / "tools"

VARIANTS = [
    name
    for name, value in vars(generated.SyncError).items()
    if isinstance(value, type) and issubclass(value, generated.SyncError)
]


def test_every_generated_variant_has_its_own_public_class() -> None:
    assert len(VARIANTS) == 28
    classes = set()
    for name in VARIANTS:
        mapped = _errors.from_native(getattr(generated.SyncError, name)(f"the {name} message"))
        cls = type(mapped)
        assert cls is not SyncError and issubclass(cls, SyncError)
        assert cls.variant == name and cls.__name__ in zerok_sync.__all__
        assert str(mapped) == f"the {name} message"
        classes.add(cls)
    assert len(classes) == len(VARIANTS)


def test_a_panic_reported_by_the_generated_code_is_internal() -> None:
    mapped = _errors.from_native(generated.InternalError("boom"))
    assert type(mapped) is InternalError and str(mapped) == "boom"


def test_timeout_is_also_the_builtin_timeout() -> None:
    assert issubclass(SyncTimeoutError, TimeoutError)


def test_io_is_also_the_builtin_oserror_and_cancelled_is_not_asyncios() -> None:
    assert issubclass(SyncIoError, OSError) and str(SyncIoError("gone")) == "gone"
    assert not issubclass(SyncCancelledError, asyncio.CancelledError)


@contextlib.contextmanager
def expect(cls: type[SyncError]) -> Iterator[pytest.ExceptionInfo[SyncError]]:
    """Catches through the base class SyncError, then demands exactly `cls`."""
    with pytest.raises(SyncError) as caught:
        yield caught
    assert type(caught.value) is cls, repr(caught.value)


async def test_not_connected(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    assert not client.is_connected() and client.active_relay() is None
    with expect(NotConnectedError):
        await client.push(b"x")
    with expect(NotConnectedError):
        await client.pull()
    with expect(NotConnectedError):
        await client.subscribe().next()
    await client.enqueue(b"waits")  # the outbox needs no connection
    with expect(NotConnectedError):
        await client.flush(timeout=10)  # no connect(): nothing would ever send it
    with expect(NotConnectedError):
        await client.create_pairing_code()  # the mailbox lives on the relay
    await client.connect()
    await client.disconnect()
    with expect(NotConnectedError) as caught:
        await client.pull_after(0)
    assert "connect()" in str(caught.value)


async def test_dead_relay(start_relay, clients, secret) -> None:
    dead = start_relay()
    dead.kill()
    client = await clients(SyncConfig([dead.addr], secret_bytes=secret), connect=False)
    with expect(ConnectionFailedError) as caught:
        await client.connect()
    assert dead.addr in str(caught.value)


async def test_all_relays_failed(relay, clients, secret) -> None:
    # Wrong endpoint ids at a live relay's socket: each handshake fails at once.
    host = relay.addr.split("@")[1]
    wrong = [f"{c * 64}@{host}" for c in "01"]
    client = await clients(SyncConfig(wrong, secret_bytes=secret), connect=False)
    with expect(AllRelaysFailedError) as caught:
        await client.connect()
    assert "all 2 relays failed" in str(caught.value)


async def test_payload_too_large(start_relay, clients, secret) -> None:
    small = start_relay("--max-blob-bytes", "4096")
    client = await clients(SyncConfig([small.addr], secret_bytes=secret))
    with expect(PayloadTooLargeError) as caught:
        await client.push(bytes(5000))
    assert "5000 bytes" in str(caught.value)
    await client.push(bytes(1000))  # the client goes on


async def test_quota_exceeded(start_relay, clients, secret) -> None:
    tight = start_relay("--quota-bytes", "20000")
    client = await clients(SyncConfig([tight.addr], secret_bytes=secret))
    with expect(QuotaExceededError):
        for _ in range(20):
            await client.push(bytes(3000))


async def test_rate_limited_only_past_the_request_timeout(start_relay, clients, secret) -> None:
    slow = start_relay("--rate-per-sec", "1")
    client = await clients(SyncConfig([slow.addr], secret_bytes=secret, request_timeout_ms=300))
    with expect(RateLimitedError) as caught:
        for i in range(20):  # pushes are paced within the 300 ms, until a wait is longer
            await client.push(b"%d" % i)
    assert "retry after" in str(caught.value)


async def test_rate_limit_is_paced_not_thrown(start_relay, clients, secret) -> None:
    slow = start_relay("--rate-per-sec", "10")
    a = await clients(SyncConfig([slow.addr], secret_bytes=secret))
    b = await clients(SyncConfig([slow.addr], secret_bytes=secret))
    sent = [b"%d" % i for i in range(30)]  # 3 s of the relay's rate, all at once
    acks = await asyncio.gather(*(a.push(p) for p in sent))
    assert len({ack.blob_id for ack in acks}) == len(sent)
    assert sorted(x.payload for x in (await b.pull()).blobs) == sorted(sent)


async def test_outbox_full_and_oversized_fail_at_enqueue(start_relay, clients, secret) -> None:
    small = start_relay("--max-blob-bytes", "4096")
    client = await clients(SyncConfig([small.addr], secret_bytes=secret, outbox_max_bytes=10_000))
    with expect(PayloadTooLargeError):
        await client.enqueue(bytes(5000))  # the connected relay's limit, known at once
    await client.disconnect()
    ids = []
    with expect(OutboxFullError) as caught:
        for _ in range(10):
            ids.append(await client.enqueue(bytes(3000)))
    assert "10000" in str(caught.value), caught.value
    pending = client.pending()
    assert (pending.count, pending.blob_ids) == (3, ids) and 9000 < pending.bytes <= 10_000
    await client.connect()
    await client.flush(timeout=30)
    assert client.pending().count == 0
    await client.enqueue(bytes(3000))  # room again


async def test_flush_deadline_is_a_timeout(start_relay, clients, secret) -> None:
    down = start_relay()
    client = await clients(SyncConfig([down.addr], secret_bytes=secret))
    down.kill()
    await client.enqueue(b"waiting")
    started = time.monotonic()
    with expect(SyncTimeoutError) as caught:
        await client.flush(timeout=0.5)
    assert isinstance(caught.value, TimeoutError)
    assert 0.4 < time.monotonic() - started < 5
    assert client.pending().count == 1


async def test_invite_expired_and_corrupt(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    invite = client.create_invite(1)
    qr = invite_to_qr(invite)
    corrupt = qr[:10] + ("A" if qr[10] != "A" else "B") + qr[11:]
    with expect(InvalidInviteError):
        invite_from_qr(corrupt)
    with expect(InvalidInviteError):
        invite_from_qr(qr[:-4])
    await asyncio.sleep(max(0.0, invite.expires_at - time.time()) + 0.1)
    with expect(InviteExpiredError) as caught:
        invite_from_qr(qr)
    assert str(invite.expires_at) in str(caught.value)


async def test_tampered_blob(relay, clients, secret) -> None:
    a = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    b = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    acks = [await a.push(p) for p in (b"one", b"two", b"three")]
    tamper = TOOLS / "tamper_blob.py"  # the relay's disk, as an attacker sees it
    subprocess.run(
        [sys.executable, str(tamper), str(relay.db), a.group_id(), str(acks[1].cursor)], check=True
    )

    # The subscription reports it and goes on.
    async with b.subscribe() as live:
        assert (await asyncio.wait_for(live.next(), 10)).payload == b"one"
        with expect(TamperedError) as caught:
            await asyncio.wait_for(live.next(), 10)
        assert acks[1].blob_id in str(caught.value)
        assert (await asyncio.wait_for(live.next(), 10)).payload == b"three"

    # pull() and pull_after(): the good blobs, and the tampered one named beside them.
    c = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    for pulled in (await c.pull(), await c.pull_after(0)):
        assert [x.payload for x in pulled.blobs] == [b"one", b"three"]
        assert [(t.blob_id, t.cursor) for t in pulled.tampered] == [
            (acks[1].blob_id, acks[1].cursor)
        ]
    assert await c.pull() == PullResult(blobs=[], tampered=[]), "the cursor is past all three"


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"secret_bytes": None}, id="no-secret"),
        pytest.param({"secret_bytes": bytes(31)}, id="short-secret"),
        pytest.param({"passphrase": "pw", "secret_bytes": None}, id="passphrase-without-salt"),
        pytest.param(
            {"passphrase": "pw", "secret_bytes": None, "salt": bytes(15)}, id="short-salt"
        ),
        pytest.param({"passphrase": "pw"}, id="passphrase-and-secret"),
        pytest.param({"ttl_secs": 0}, id="zero-ttl"),
        pytest.param({"device_name": "d" * 257}, id="long-device-name"),
        pytest.param({"relay_addresses": []}, id="no-relay"),
        pytest.param({"relay_addresses": ["not an address"]}, id="bad-relay-address"),
    ],
)
async def test_invalid_config(relay, secret, fields) -> None:
    config = SyncConfig(**{"relay_addresses": [relay.addr], "secret_bytes": secret, **fields})
    with expect(InvalidConfigError):
        await SyncClient.create(config)


async def test_corrupt_state_file(relay, secret, tmp_path) -> None:
    state = tmp_path / "state.json"
    state.write_text("not json")
    with expect(StateError) as caught:
        await SyncClient.create(SyncConfig([relay.addr], secret_bytes=secret, state_path=state))
    assert str(state) in str(caught.value)


async def test_unknown_cursor(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    with expect(UnknownCursorError) as caught:
        await client.pull_after(10**6)
    assert "1000000" in str(caught.value)
    assert (await client.pull()).blobs == []  # still usable


async def test_calls_after_shutdown(relay, secret) -> None:
    async with await SyncClient.create(SyncConfig([relay.addr], secret_bytes=secret)) as client:
        sub = client.subscribe()
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(sub.next(), 0.05)  # the stream is open now
    assert not client.is_connected()
    await client.shutdown()  # idempotent
    assert await sub.next() is None, "an open subscription just ends"
    for call in (
        client.connect,
        lambda: client.push(b"x"),
        lambda: client.enqueue(b"x"),
        client.flush,
        client.pull,
        lambda: client.pull_after(0),
        lambda: client.subscribe().next(),
        client.create_pairing_code,
    ):
        with expect(ShutdownError):
            await call()


async def test_failed_connect_in_async_with_shuts_the_client_down(relay, secret) -> None:
    wrong = "0" * 64 + "@" + relay.addr.split("@")[1]  # a live socket, another identity
    client = await SyncClient.create(SyncConfig([wrong], secret_bytes=secret))
    with expect(ConnectionFailedError):
        async with client:
            pytest.fail("the body must not run")
    with expect(ShutdownError):
        await client.connect()


async def test_one_address_instead_of_a_list_is_a_type_error(relay, secret) -> None:
    with pytest.raises(TypeError):
        await SyncClient.create(SyncConfig(relay.addr, secret_bytes=secret))


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("0000-0000-0000-0001", id="wrong-check-character"),
        pytest.param("ABCD-EFGH", id="too-short"),
        pytest.param("UUUU-UUUU-UUUU-UUUU", id="outside-the-alphabet"),
        pytest.param("", id="empty"),
    ],
)
async def test_invalid_pairing_code(code) -> None:
    # No relay listens at this address: a typo is caught before any traffic.
    unreachable = "0" * 64 + "@127.0.0.1:9"
    with expect(InvalidPairingCodeError) as caught:
        await join_with_code(code, [unreachable])
    assert "invalid pairing code" in str(caught.value)


async def test_unknown_pairing_code(relay) -> None:
    # Well-formed (the check character matches), but no mailbox on the relay has it.
    with expect(PairingFailedError):
        await join_with_code("0000-0000-0000-0000", [relay.addr])


async def test_cancelled_pairing_code(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pairing = await shower.create_pairing_code()
    waiting = asyncio.ensure_future(pairing.wait())  # already waiting when cancel() comes
    pairing.cancel()
    with expect(PairingFailedError) as caught:
        await waiting
    assert "cancelled" in str(caught.value)
    with expect(PairingFailedError):
        await pairing.wait()  # and every later waiter
    with expect(PairingFailedError):
        await join_with_code(pairing.code(), [relay.addr])
    pairing.cancel()  # idempotent


async def test_expired_pairing_code(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pairing = await shower.create_pairing_code(ttl_secs=1)
    assert pairing.expires_at_ms() <= time.time() * 1000 + 1000 + 500  # relay clock, ~now
    with expect(PairingExpiredError):
        await pairing.wait()  # returns once the relay says it expired
    assert time.time() * 1000 >= pairing.expires_at_ms() - 500
    with expect(PairingExpiredError):
        await join_with_code(pairing.code(), [relay.addr])


async def test_pairing_code_lifetime_of_zero_is_invalid(relay, clients, secret) -> None:
    shower = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    with expect(InvalidConfigError):
        await shower.create_pairing_code(ttl_secs=0)


async def test_file_errors(relay, clients, secret, tmp_path) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    missing = tmp_path / "missing.bin"
    with expect(SyncIoError) as caught:
        await client.push_file(missing)
    assert str(missing) in str(caught.value)
    with expect(SyncIoError):
        await client.enqueue_file(missing)
    async with await client.push_stream(10) as short:
        await short.write(b"1234")
        with expect(SyncIoError) as caught:
            await short.finish()  # 4 bytes of 10
    assert "declared size" in str(caught.value)

    big = tmp_path / "big.bin"
    big.write_bytes(bytes(8 << 20))
    transfer = await client.push_file(big)
    transfer.cancel()
    with expect(SyncCancelledError):
        await transfer
    with expect(SyncCancelledError):
        await transfer.outcome()  # the one outcome, again
    transfer.cancel()  # idempotent

    nowhere = RemoteObject(
        object_id="0123456789abcdef" * 2,
        size=2 << 20,
        blake3="00" * 32,
        chunk_size=1 << 20,
        chunk_count=2,
        name=None,
        inline_bytes=b"",
    )
    download = await client.download(nowhere, tmp_path / "none.bin")
    with expect(ObjectUnavailableError) as caught:
        await download
    assert nowhere.object_id in str(caught.value), caught.value
    assert not (tmp_path / "none.bin").exists()
