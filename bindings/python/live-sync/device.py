"""The Python device of the cross-language live-sync test: tests/live-sync/README.md defines
its arguments (modes `push`, `enqueue` and `deliver` included, `show` and `type` of the
pairing run, and `file` of the file ring), the payloads, the checks and the JSON line it
prints. Started by scripts/test-live-sync against the INSTALLED wheel, through the public
asyncio facade.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Dict, List, Optional

import zerok_sync as zs

SETTLE_SECS = 0.5  # reading on after the last expected blob: a late one is a duplicate


class Failed(Exception):
    """A check failed; the message is the result's `error`."""


def fnv1a32(data: bytes) -> int:
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def payload(language: str, index: int, body_sizes: List[int]) -> bytes:
    """Blob `index` of device `language`: its header, then xorshift32 bytes seeded by it."""
    header = f"{language}:{index}:".encode()
    size = body_sizes[index % len(body_sizes)]
    x = fnv1a32(header) or 1
    body = bytearray()
    while len(body) < size:
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        body += x.to_bytes(4, "little")
    return header + bytes(body[:size])


def check_vectors(table: dict) -> None:
    for v in table["vectors"]:
        got = payload(v["language"], v["index"], table["body_sizes"])
        if len(got) != v["length"] or fnv1a32(got) != v["fnv1a32"]:
            raise Failed(f"payload rule disagrees with vector {v['language']}:{v['index']}: "
                         f"length {len(got)}, fnv1a32 {fnv1a32(got)}")


def first_difference(expected: bytes, got: bytes) -> str:
    for offset, (e, g) in enumerate(zip(expected, got)):
        if e != g:
            return f"byte {offset} differs: expected {e:#04x}, got {g:#04x}"
    return f"{len(got)} bytes, expected {len(expected)}"


class Checker:
    """What this device has received: the next index due from each other sender."""

    def __init__(self, me: str, languages: List[str], n: int, body_sizes: List[int]) -> None:
        self.me, self.n, self.body_sizes = me, n, body_sizes
        self.due: Dict[str, int] = {lang: 0 for lang in languages if lang != me}
        self.received = 0

    @property
    def complete(self) -> bool:
        return all(i == self.n for i in self.due.values())

    def progress(self) -> str:
        return ", ".join(f"{lang} {i}/{self.n}" for lang, i in self.due.items())

    def accept(self, got: bytes) -> None:
        if self.complete:
            raise Failed(f"a blob after all were received ({len(got)} bytes, "
                         f"starting {got[:24]!r}): a duplicate or a stray")
        parts = got.split(b":", 2)
        sender = parts[0].decode(errors="replace")
        if len(parts) < 3 or not parts[1].isdigit():
            raise Failed(f"a blob without a header ({len(got)} bytes, starting {got[:24]!r})")
        index = int(parts[1])
        if sender == self.me:
            raise Failed(f"received its own blob {sender}:{index}")
        if sender not in self.due:
            raise Failed(f"a blob from an unknown sender {sender!r}")
        if index != self.due[sender]:
            raise Failed(f"{sender}:{index} arrived when {sender}:{self.due[sender]} was due")
        expected = payload(sender, index, self.body_sizes)
        if got != expected:
            raise Failed(f"{sender}:{index}: {first_difference(expected, got)}")
        self.due[sender] += 1
        self.received += 1


def own_payload(me: str, index: int, body_sizes: List[int]) -> bytes:
    """What this device sends as blob `index`: the rule's payload, unless the test-only hook
    asks this device to corrupt blob 1."""
    blob = payload(me, index, body_sizes)
    if index == 1 and os.environ.get("ZEROK_LIVE_SYNC_CORRUPT") == me:
        blob = blob[:-1] + bytes([blob[-1] ^ 1])
    return blob


async def push_all(client: zs.SyncClient, me: str, n: int, body_sizes: List[int],
                   result: dict) -> None:
    for index in range(n):
        await client.push(own_payload(me, index, body_sizes))
        result["pushed"] += 1


async def deliver_outbox(client: zs.SyncClient, n: int, result: dict) -> None:
    """Mode `deliver`: the outbox holds this device's N blobs from its `enqueue` run."""
    await client.flush()
    result["pushed"] = n


async def enqueue_all(config: zs.SyncConfig, me: str, n: int, body_sizes: List[int]) -> None:
    """Mode `enqueue`: no connection; after `enqueued all` it waits to be killed."""
    client = await zs.SyncClient.create(config)
    for index in range(n):
        await client.enqueue(own_payload(me, index, body_sizes))
        print(f"enqueued {index}", flush=True)
    print("enqueued all", flush=True)
    await asyncio.Event().wait()


async def show_code(relay: str, secret: str, me: str, body_sizes: List[int],
                    timeout_secs: float, result: dict) -> None:
    """Mode `show`: pushes payload 0 into its own group, shows a code and waits until the
    device that types it has the invite."""
    config = zs.SyncConfig([relay], secret_bytes=bytes.fromhex(secret), device_name=me)
    async with await zs.SyncClient.create(config) as client:
        await client.push(own_payload(me, 0, body_sizes))
        async with await client.create_pairing_code() as pairing:
            print(f"code {pairing.code()}", flush=True)
            try:
                result["verifier"] = await asyncio.wait_for(pairing.wait(), timeout_secs)
            except asyncio.TimeoutError:
                raise Failed(f"nobody paired within {timeout_secs:g} s") from None


async def type_code(relay: str, code: str, me: str, languages: List[str],
                    body_sizes: List[int], result: dict) -> None:
    """Mode `type`: joins by the code, then pulls the one blob the showing device pushed."""
    paired = await zs.join_with_code(code, [relay])
    result["verifier"] = paired.verifier
    config = zs.SyncConfig.from_invite(paired.invite, device_name=me)
    async with await zs.SyncClient.create(config) as client:
        blobs = (await client.pull()).blobs
    if len(blobs) != 1:
        raise Failed(f"pulled {len(blobs)} blobs from the paired group, expected 1")
    got = blobs[0].payload
    sender = got.split(b":", 1)[0].decode(errors="replace")
    if sender == me or sender not in languages:
        raise Failed(f"the paired group's blob names {sender!r}, not another language of "
                     f"{','.join(languages)} (starting {got[:24]!r})")
    expected = payload(sender, 0, body_sizes)
    if got != expected:
        raise Failed(f"{sender}:0: {first_difference(expected, got)}")
    result["paired_with"] = sender


async def pair(argv: List[str], result: dict) -> None:
    """Modes `show` and `type` (tests/live-sync/README.md, "Pairing by code across
    languages")."""
    relay, secret, me, languages, _n, payloads_json, timeout, mode, *rest = argv
    if len(rest) > 1 or (mode == "type" and not rest):
        raise Failed(f"expected `show` or `type <code>` after the timeout, got {argv[7:]}")
    with open(payloads_json) as f:
        table = json.load(f)
    check_vectors(table)
    if mode == "show":
        await show_code(relay, secret, me, table["body_sizes"], float(timeout), result)
    else:
        await asyncio.wait_for(
            type_code(relay, rest[0], me, languages.split(","), table["body_sizes"], result),
            float(timeout))
    result["ok"] = True


def write_file(path: str, size: int, p: int) -> None:
    """`size` bytes, byte i being (i + p) % 251, in pieces of 1 MiB: each piece a window of
    one pattern that starts where the piece's first byte falls in it."""
    piece = 1 << 20
    pattern = memoryview(bytes(range(251)) * (piece // 251 + 2))
    with open(path, "wb") as f:
        for offset in range(0, size, piece):
            start = (offset + p) % 251
            f.write(pattern[start:start + min(piece, size - offset)])


async def follow(transfer: zs.Transfer, label: str, size: int,
                 where: Dict[str, str]) -> zs.TransferResult:
    """Reads the transfer's progress to its end, printing `<label> <done> <total>` for each,
    then its outcome; the progress must end at size of size."""
    last: Optional[zs.TransferProgress] = None
    async for last in transfer.progress():
        print(f"{label} {last.bytes_done} {last.bytes_total}", flush=True)
        where[label] = f"{last.bytes_done}/{last.bytes_total}"
    try:
        outcome = await transfer
    except Exception as e:
        raise Failed(f"{label} at {where[label]}: {type(e).__name__}: {e}") from None
    if last is None or last.bytes_done != size or last.bytes_total != size:
        raise Failed(f"{label}: progress ended at {where[label]}, expected {size}/{size}")
    return outcome


async def file_ring(argv: List[str], result: dict) -> None:
    """Mode `file` (tests/live-sync/README.md, "Files across languages"): pushes its file
    while it waits for the blob of the language before it in the ring, and downloads that
    file."""
    relay, secret, me, languages, _n, payloads_json, timeout, _mode, *rest = argv
    if len(rest) != 2:
        raise Failed(f"expected `file <directory> <size>` after the timeout, got {argv[7:]}")
    folder, size, ring = rest[0], int(rest[1]), languages.split(",")
    with open(payloads_json) as f:
        check_vectors(json.load(f))
    if me not in ring:
        raise Failed(f"{me} is not in the list {languages}")
    before = ring[ring.index(me) - 1]
    mine = os.path.join(folder, f"{me}.bin")
    write_file(mine, size, ring.index(me))
    config = zs.SyncConfig([relay], secret_bytes=bytes.fromhex(secret), device_name=me)
    where = {"up": "nothing", "down": f"nothing (no blob named {before}.bin yet)"}

    async def push() -> zs.TransferResult:
        return await follow(await client.push_file(mine), "up", size, where)

    async def receive(first: "asyncio.Future[Optional[zs.SyncBlob]]") -> zs.TransferResult:
        blob = await first
        while blob is not None and (blob.object is None or blob.object.name != f"{before}.bin"):
            blob = await blobs.next()  # another language's file: passed over
        if blob is None:
            raise Failed(f"the subscription ended before a blob named {before}.bin")
        copy = os.path.join(folder, f"{me}.from-{before}.bin")
        return await follow(await client.download(blob.object, copy), "down", size, where)

    async with await zs.SyncClient.create(config) as client, client.subscribe() as blobs:
        reading = asyncio.ensure_future(blobs.next())
        print("ready", flush=True)
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        if line.strip() != "go":
            raise Failed(f"expected 'go' on stdin, got {line!r}")
        start = time.monotonic()
        up, down = asyncio.ensure_future(push()), asyncio.ensure_future(receive(reading))
        try:
            pushed, received = await asyncio.wait_for(asyncio.gather(up, down), float(timeout))
            seconds = round(time.monotonic() - start, 3)
        except asyncio.TimeoutError:
            raise Failed(f"timed out after {float(timeout):g} s: up {where['up']}, "
                         f"down {where['down']}") from None
        finally:
            up.cancel()
            down.cancel()
    result.update(ok=True, pushed_blake3=pushed.blake3, received_from=before,
                  received_blake3=received.blake3, seconds=seconds)


async def run(argv: List[str], result: dict) -> None:
    relay, secret, me, languages, n, payloads_json, timeout, *offline = argv
    n, timeout_secs = int(n), float(timeout)
    mode = offline[0] if offline else "push"
    state_path = offline[1] if len(offline) == 2 else None
    if mode not in ("push", "enqueue", "deliver") or len(offline) > 2 or (
        mode != "push" and state_path is None
    ):
        raise Failed(f"expected [push|enqueue|deliver <state path>] after the timeout, "
                     f"got {offline}")
    with open(payloads_json) as f:
        table = json.load(f)
    check_vectors(table)
    checker = Checker(me, languages.split(","), n, table["body_sizes"])
    config = zs.SyncConfig([relay], secret_bytes=bytes.fromhex(secret), device_name=me,
                           state_path=state_path)
    if mode == "enqueue":
        await enqueue_all(config, me, n, table["body_sizes"])
    async with await zs.SyncClient.create(config) as client, client.subscribe() as blobs:
        reading: "asyncio.Future[Optional[zs.SyncBlob]]" = asyncio.ensure_future(blobs.next())
        print("ready", flush=True)
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        if line.strip() != "go":
            raise Failed(f"expected 'go' on stdin, got {line!r}")
        start = time.monotonic()
        pushing = asyncio.ensure_future(
            deliver_outbox(client, n, result) if mode == "deliver"
            else push_all(client, me, n, table["body_sizes"], result))
        deadline, settled_at = start + timeout_secs, None
        try:
            while True:
                waiting = {reading} if pushing.done() else {reading, pushing}
                left = (settled_at or deadline) - time.monotonic()
                done, _ = await asyncio.wait(waiting, timeout=max(left, 0),
                                             return_when=asyncio.FIRST_COMPLETED)
                if not done:
                    break  # settled, or timed out
                if pushing in done:
                    pushing.result()  # raises what a push raised
                if reading in done:
                    blob = reading.result()
                    if blob is None:
                        raise Failed("the subscription ended")
                    checker.accept(blob.payload)
                    result["received"] = checker.received
                    reading = asyncio.ensure_future(blobs.next())
                if settled_at is None and checker.complete and pushing.done():
                    result["seconds"] = round(time.monotonic() - start, 3)
                    settled_at = time.monotonic() + SETTLE_SECS
            if settled_at is None:
                raise Failed(f"timed out after {timeout_secs:g} s: received {checker.progress()}"
                             f"; pushed {result['pushed']}/{n}")
        finally:
            pushing.cancel()
    result["ok"] = True


def main() -> int:
    mode = sys.argv[8] if len(sys.argv) > 8 else "push"
    job = {"show": pair, "type": pair, "file": file_ring}.get(mode, run)
    result = ({"language": sys.argv[3], "ok": False} if job is not run else
              {"language": sys.argv[3], "ok": False, "pushed": 0, "received": 0, "seconds": 0.0})
    try:
        asyncio.run(job(sys.argv[1:], result))
    except Exception as e:  # every failure is the result's error, never a traceback only
        result["error"] = str(e) if isinstance(e, Failed) else f"{type(e).__name__}: {e}"
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
