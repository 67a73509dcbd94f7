"""The outbox through the facade: enqueue while the relay is down, pending, flush, and a
durable outbox surviving SIGKILL of the app right after its last enqueue returned."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
from typing import List

from zerok_sync import SyncConfig

ENQUEUE_THEN_HANG = """
import asyncio, sys
import zerok_sync as z

async def main():
    relay, secret, state, n = sys.argv[1:]
    config = z.SyncConfig([relay], secret_bytes=bytes.fromhex(secret), state_path=state)
    client = await z.SyncClient.create(config)  # never connects
    for i in range(int(n)):
        print(await client.enqueue(b"kept %d" % i), flush=True)
    print("enqueued all", flush=True)
    await asyncio.Event().wait()  # until SIGKILL: no shutdown, no flush

asyncio.run(main())
"""


async def test_enqueued_while_the_relay_is_down_arrive_once_in_order(
    start_relay, clients, secret, tmp_path
) -> None:
    relay = start_relay()
    # A killed relay says nothing: a short idle timeout lets the clients notice it soon.
    quick = SyncConfig([relay.addr], secret_bytes=secret, keep_alive_ms=500, idle_timeout_ms=2000)
    a = await clients(dataclasses.replace(quick, state_path=tmp_path / "a"))
    b = await clients(quick)
    relay.kill()
    sent = [b"offline %d" % i for i in range(300)]
    ids = [await a.enqueue(payload) for payload in sent]
    assert len(set(ids)) == len(sent) and all(len(i) == 32 for i in ids)
    pending = a.pending()
    assert (pending.count, pending.blob_ids) == (len(sent), ids)
    assert pending.bytes > sum(map(len, sent)), "sealed: payloads plus envelopes"

    relay.restart()
    await a.flush(timeout=60)
    assert a.pending().count == 0 and a.pending().blob_ids == []
    pulled = (await b.pull()).blobs
    assert [x.payload for x in pulled] == sent and [x.blob_id for x in pulled] == ids
    assert (await a.pull()).blobs == [], "a device never gets its own blobs back"


async def test_an_empty_outbox_flushes_at_once_even_unconnected(relay, clients, secret) -> None:
    client = await clients(SyncConfig([relay.addr], secret_bytes=secret), connect=False)
    assert client.pending().count == 0
    await client.flush()


async def test_without_a_state_path_the_outbox_is_in_memory(start_relay, clients, secret) -> None:
    relay = start_relay()
    config = SyncConfig([relay.addr], secret_bytes=secret)
    first = await clients(config, connect=False)
    await first.enqueue(b"lost with its client")
    assert first.pending().count == 1
    await first.shutdown()
    again = await clients(config)
    assert again.pending().count == 0


async def test_an_enqueue_that_returned_survives_kill_9(
    relay, clients, secret, tmp_path
) -> None:
    state = tmp_path / "app.json"
    app = await asyncio.create_subprocess_exec(
        sys.executable, "-c", ENQUEUE_THEN_HANG, relay.addr, secret.hex(), str(state), "50",
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert app.stdout is not None
    lines: List[str] = []
    try:
        while not lines or lines[-1] != "enqueued all":
            line = await asyncio.wait_for(app.stdout.readline(), 30)
            assert line, f"the app ended after printing {lines[-3:]}"
            lines.append(line.decode().strip())
    finally:
        app.kill()  # SIGKILL, the moment its last enqueue returned
        await app.wait()
    assert app.returncode == -signal.SIGKILL
    ids = lines[:-1]
    assert len(ids) == 50

    restarted = await clients(
        SyncConfig([relay.addr], secret_bytes=secret, state_path=os.fspath(state))
    )
    assert restarted.pending().blob_ids == ids
    await restarted.flush(timeout=30)
    other = await clients(SyncConfig([relay.addr], secret_bytes=secret))
    pulled = (await other.pull()).blobs
    assert [x.payload for x in pulled] == [b"kept %d" % i for i in range(50)]
    assert [x.blob_id for x in pulled] == ids
