"""Fixtures: real `zerok relay` processes on 127.0.0.1 (SQLite in temp dirs) and clients of
the INSTALLED zerok_sync wheel.

Run from outside the source tree with `--import-mode=importlib` (scripts/test-python does),
so `import zerok_sync` can only find the installed package.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable, Iterator, List, Optional, Sequence

import pytest

import zerok_sync
from zerok_sync import SyncClient, SyncConfig

REPO = Path(__file__).resolve().parents[3]
PACKAGE_SOURCE = REPO / "bindings" / "python" / "python"
ZEROK = Path(os.environ.get("ZEROK_BIN", REPO / "target" / "release" / "zerok"))

if Path(zerok_sync.__file__).resolve().is_relative_to(PACKAGE_SOURCE):
    raise pytest.UsageError(
        f"zerok_sync was imported from the source tree ({zerok_sync.__file__}), not the "
        "installed wheel: run pytest with --import-mode=importlib from another directory"
    )


class Relay:
    """A `zerok relay` child process; `addr` is the address it printed on its first line."""

    def __init__(self, directory: Path, *flags: str) -> None:
        if not ZEROK.is_file():
            raise pytest.UsageError(
                f"no relay binary at {ZEROK}: run `cargo build --release -p zerok-cli` "
                "or set ZEROK_BIN"
            )
        self.db = directory / "relay.db"
        self.log = directory / "relay.log"
        self.flags = flags
        self.addr = self._spawn("127.0.0.1:0", flags)

    def _spawn(self, listen: str, flags: Sequence[str]) -> str:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(ZEROK), "relay", "--db", str(self.db), "--listen", listen, *flags],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**os.environ, "RUST_LOG": "info"},
            )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 30)
        line = self.process.stdout.readline().decode().strip() if ready else ""
        self.process.stdout.close()  # the relay prints only its address there
        if "@" not in line:
            self.kill()
            raise RuntimeError(f"relay printed {line!r}; log: {self.log.read_text()[-2000:]}")
        return line

    def kill(self) -> None:
        """SIGKILL and wait: the relay is dead when this returns."""
        self.process.kill()
        self.process.wait()

    def restart(self, flags: Optional[Sequence[str]] = None) -> None:
        """Starts it again (killed first if it still runs) on the same database, key and
        address, with `flags` if given, else those it was first started with."""
        self.kill()
        again = self._spawn(self.addr.split("@")[1], self.flags if flags is None else flags)
        assert again == self.addr, f"restarted as {again}, was {self.addr}"


@pytest.fixture(scope="session")
def relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Relay]:
    """One relay with default limits, shared by the whole session."""
    r = Relay(tmp_path_factory.mktemp("relay"))
    yield r
    r.kill()


@pytest.fixture
def start_relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Relay]]:
    """Starts a relay of its own with extra flags (limits); killed after the test."""
    started: List[Relay] = []

    def start(*flags: str) -> Relay:
        started.append(Relay(tmp_path_factory.mktemp("relay"), *flags))
        return started[-1]

    yield start
    for r in started:
        r.kill()


@pytest.fixture
def secret() -> bytes:
    """A fresh group: every test gets its own, so tests never see each other's blobs."""
    return os.urandom(32)


@pytest.fixture
async def clients() -> AsyncIterator[Callable[..., Awaitable[SyncClient]]]:
    """`await clients(config)` creates a client, connected unless `connect=False`; every
    client is shut down after the test."""
    made: List[SyncClient] = []

    async def make(config: SyncConfig, connect: bool = True) -> SyncClient:
        client = await SyncClient.create(config)
        made.append(client)
        if connect:
            await client.connect()
        return client

    yield make
    for client in made:
        await client.shutdown()


@pytest.fixture
def run_python(tmp_path: Path) -> Callable[..., "subprocess.CompletedProcess[str]"]:
    """Runs a Python program in a fresh interpreter of this venv, from a temp dir."""

    def run(code: str, *args: str, env: "dict[str, str] | None" = None, timeout: float = 30):
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
