"""Call overhead of the Python binding: the two measurements defined in scripts/bench-overhead
(a trivial async call, a 64 KiB push), made through the public asyncio facade, so their
ratios to the Rust baseline show what crossing into Python costs.

Runs against the INSTALLED wheel (scripts/bench-overhead installs it the way
scripts/test-python does and runs this from outside the source tree). Writes
target/bench/overhead-python.json and prints a one-line summary.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Awaitable, Callable, List

import zerok_sync
from zerok_sync import SyncClient, SyncConfig

REPO = Path(__file__).resolve().parents[3]
ZEROK = Path(os.environ.get("ZEROK_BIN", REPO / "target" / "release" / "zerok"))

TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH = 2_000, 10_000
PUSH_WARMUP, PUSH_MIN_BATCH = 50, 100
BATCHES = 7
MIN_BATCH_SECS = 0.2
MIN_WARMUP_SECS = 1.0  # as every harness: JITs settle after many more calls than 2,000
PAYLOAD = 64 * 1024


def start_relay(directory: str) -> "tuple[subprocess.Popen[bytes], str]":
    """A `zerok relay` child on 127.0.0.1 and its address. (The pytest fixture in
    tests/conftest.py does more and needs pytest; this is all a benchmark needs.)"""
    relay = subprocess.Popen(
        [str(ZEROK), "relay", "--db", os.path.join(directory, "relay.db"),
         "--listen", "127.0.0.1:0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert relay.stdout is not None
    addr = relay.stdout.readline().decode().strip()
    relay.stdout.close()
    if "@" not in addr:
        relay.kill()
        raise RuntimeError(f"relay {ZEROK} printed {addr!r}")
    return relay, addr


async def batches(
    warmup: int, min_calls: int, call: Callable[[], Awaitable[object]]
) -> "tuple[int, List[float]]":
    """At least `warmup` calls and MIN_WARMUP_SECS of them, then BATCHES batches of
    sequential calls, each of at least `min_calls` calls and (by the warm-up's pace)
    MIN_BATCH_SECS; the calls per batch and the per-call time (ns) of each batch."""
    start = time.perf_counter()
    warmed = 0
    while warmed < warmup or time.perf_counter() - start < MIN_WARMUP_SECS:
        await call()
        warmed += 1
    pace = (time.perf_counter() - start) / warmed
    calls = max(min_calls, math.ceil(MIN_BATCH_SECS / pace))
    out = []
    for _ in range(BATCHES):
        start_ns = time.perf_counter_ns()
        for _ in range(calls):
            await call()
        out.append((time.perf_counter_ns() - start_ns) / calls)
    return calls, out


async def measure(addr: str) -> "dict[str, tuple[int, List[float]]]":
    def config() -> SyncConfig:
        return SyncConfig([addr], secret_bytes=os.urandom(32))

    idle = await SyncClient.create(config())
    pusher = await SyncClient.create(config())
    try:
        trivial = await batches(TRIVIAL_WARMUP, TRIVIAL_MIN_BATCH, idle.disconnect)
        await pusher.connect()
        payload = os.urandom(PAYLOAD)
        push = await batches(PUSH_WARMUP, PUSH_MIN_BATCH, lambda: pusher.push(payload))
    finally:
        await idle.shutdown()
        await pusher.shutdown()
    return {"trivial_async": trivial, "push_64k": push}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="zerok-overhead-") as directory:
        relay, addr = start_relay(directory)
        try:
            raw = asyncio.run(measure(addr))
        finally:
            relay.kill()
            relay.wait()
    report = {
        "language": "python",
        "trivial_async_ns": statistics.median(raw["trivial_async"][1]),
        "push_64k_ns": statistics.median(raw["push_64k"][1]),
        "batches": {f"{key}_ns": [round(v, 1) for v in ns] for key, (_, ns) in raw.items()},
        "calls_per_batch": {key: calls for key, (calls, _) in raw.items()},
        "runtime": f"{platform.python_implementation()} {platform.python_version()}, "
        f"zerok_sync {zerok_sync.__version__}",
    }
    out = REPO / "target" / "bench" / "overhead-python.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report) + "\n")
    print(
        f"python: trivial async call {report['trivial_async_ns'] / 1e3:.2f} µs, "
        f"64 KiB push {report['push_64k_ns'] / 1e3:.1f} µs (median of {BATCHES} batches)"
    )


if __name__ == "__main__":
    main()
