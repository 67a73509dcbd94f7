"""The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
the asyncio facade against real relays: one test per scenario, one facade call per op.

An op missing from OPS fails its scenario, naming the op: a new scenario needs no change
here unless it needs an API this facade lacks.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

from zerok_sync import (
    EventStream,
    KdfParams,
    Pairing,
    RemoteObject,
    Subscription,
    SyncClient,
    SyncConfig,
    SyncError,
    SyncEvent,
    TamperedError,
    Transfer,
    derive_secret,
    invite_from_qr,
    invite_to_qr,
    join_with_code,
    version,
)

REPO = Path(__file__).resolve().parents[3]
SCENARIOS = json.loads((REPO / "tests" / "conformance" / "scenarios.json").read_text())["scenarios"]


def canonical(value: Any, field: str = "") -> Any:
    """A result as the scenarios write it: records as objects of their contract fields,
    events with their variant as `kind` (OutboxSent: "outbox_sent"), payloads as text,
    other bytes as hex."""
    if isinstance(value, SyncEvent):
        kind = re.sub(r"(?<!^)(?=[A-Z])", "_", type(value).__name__).lower()
        return {"kind": kind, **canonical(dataclasses.asdict(value))}
    if dataclasses.is_dataclass(value):  # a generated record: its fields are its attributes
        return {name: canonical(v, name) for name, v in vars(value).items()}
    if isinstance(value, bytes):
        return value.decode() if field == "payload" else value.hex()
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v, k) for k, v in value.items()}
    return value


def numbered(template: Any, i: int) -> Any:
    """`template` for the `i`-th call of a repeated step (or item of an `each`): `{i}` in
    its strings replaced by `i`."""
    if isinstance(template, str):
        return template.replace("{i}", str(i))
    if isinstance(template, list):
        return [numbered(v, i) for v in template]
    if isinstance(template, dict):
        return {k: numbered(v, i) for k, v in template.items()}
    return template


class Live:
    """A subscription read in the background from the moment it is made, so that what is
    pushed after it arrives live. Items: canonical blobs, {"error": "Tampered"} (the stream
    goes on), None once ended, or the error that ended it."""

    def __init__(self, subscription: Subscription) -> None:
        self.subscription = subscription
        self.items: asyncio.Queue[Any] = asyncio.Queue()
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            try:
                blob = await self.subscription.next()
            except TamperedError:
                self.items.put_nowait({"error": "Tampered"})
                continue
            except SyncError as e:
                self.items.put_nowait(e)
                return
            self.items.put_nowait(canonical(blob))
            if blob is None:
                return

    async def next(self, count: int, timeout_ms: int) -> List[Any]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_ms / 1000
        items: List[Any] = []
        while len(items) < count:
            try:
                item = await asyncio.wait_for(self.items.get(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                break
            if isinstance(item, SyncError):
                raise item
            items.append(item)
            if item is None:
                break
        return items

    def close(self) -> None:
        self.subscription.close()


async def next_events(events: EventStream, count: int, timeout_ms: int) -> List[Any]:
    """Up to `count` events within `timeout_ms`; None once the stream ended (the last)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_ms / 1000
    items: List[Any] = []
    while len(items) < count:
        try:
            event = await asyncio.wait_for(events.next_event(), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            break
        items.append(event)
        if event is None:
            break
    return items


class Run:
    """One scenario's relay, references and saved results."""

    def __init__(self, relay: Any, own_relay: bool, directory: Path) -> None:
        self.relay = relay
        self.own_relay = own_relay  # kill_relay, relay_exited and start_relay need one
        self.directory = directory
        self.saved: Dict[str, Any] = {}
        self.secrets: Dict[str, str] = {}
        self.clients: List[SyncClient] = []
        self.lives: List[Live] = []

    def resolve(self, ref: str) -> Any:
        kind, _, name = ref[1:].partition(":")
        if ref == "$relay":
            return self.relay.addr
        if kind == "wrong_id":
            return name * 64 + "@" + self.relay.addr.split("@")[1]
        if kind == "secret":
            return self.secrets.setdefault(name, os.urandom(32).hex())
        if kind == "file":
            return str(self.directory / name)
        saved, *path = ref[1:].split(".")  # each dot: a field or an array index
        value = canonical(self.saved[saved])
        for step in path:
            value = value[int(step) if isinstance(value, list) else step]
        return value

    def value(self, x: Any) -> Any:
        """`x` with every reference resolved to its canonical value."""
        if isinstance(x, str) and x.startswith("$"):
            return self.resolve(x)
        if isinstance(x, list):
            return [self.value(v) for v in x]
        if isinstance(x, dict):
            return {k: self.value(v) for k, v in x.items()}
        return x

    def matches(self, actual: Any, template: Any) -> bool:
        if isinstance(template, str) and template.startswith("$"):
            return actual == self.resolve(template)
        if isinstance(template, dict) and template.keys() == {"matches"}:
            return isinstance(actual, str) and re.search(template["matches"], actual) is not None
        if isinstance(template, dict) and template.keys() == {"each", "count"}:
            each = template["each"]
            return (
                isinstance(actual, list)
                and len(actual) == template["count"]
                and all(self.matches(a, numbered(each, i)) for i, a in enumerate(actual))
            )
        if isinstance(template, dict):
            return isinstance(actual, dict) and all(
                k in actual and self.matches(actual[k], v) for k, v in template.items()
            )
        if isinstance(template, list):
            return (
                isinstance(actual, list)
                and len(actual) == len(template)
                and all(map(self.matches, actual, template))
            )
        return type(actual) is type(template) and actual == template

    def config(self, fields: Dict[str, Any]) -> SyncConfig:
        fields = dict(fields)
        invite = fields.pop("from_invite", None)
        fields = self.value(fields)
        for name in ("secret_bytes", "salt"):
            if name in fields:
                fields[name] = bytes.fromhex(fields[name])
        if "kdf" in fields:
            fields["kdf"] = KdfParams(**fields["kdf"])
        if invite is not None:  # `$name`, or `$name.invite` of a saved PairedInvite
            name, _, field = invite[1:].partition(".")
            record = self.saved[name]
            return SyncConfig.from_invite(getattr(record, field) if field else record, **fields)
        return SyncConfig(**fields)

    async def create_client(self, config: Dict[str, Any]) -> SyncClient:
        client = await SyncClient.create(self.config(config))
        self.clients.append(client)
        return client

    def subscribe(self, client: SyncClient) -> Live:
        self.lives.append(Live(client.subscribe()))
        return self.lives[-1]

    def own(self, op: str) -> Any:
        assert self.own_relay, f"{op} needs a relay of the scenario's own (relay_flags)"
        return self.relay

    async def relay_exited(self, timeout_ms: int) -> None:
        process = self.own("relay_exited").process
        try:
            await asyncio.to_thread(process.wait, timeout_ms / 1000)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the relay still runs after {timeout_ms} ms")

    def tamper(self, tool: str, *args: Any) -> None:
        """Runs tests/tools/`tool` on the scenario relay's SQLite file."""
        path = REPO / "tests" / "tools" / tool
        subprocess.run([sys.executable, path, self.relay.db, *map(str, args)], check=True)

    async def close(self) -> None:
        for saved in self.saved.values():
            if isinstance(saved, Pairing):
                saved.cancel()  # else it would last until garbage-collected
        for client in self.clients:
            await client.shutdown()
        for live in self.lives:
            live.reader.cancel()


def payload(p: Any) -> bytes:
    return p.encode() if isinstance(p, str) else bytes(p["size"])


def remote_object(fields: Dict[str, Any]) -> RemoteObject:
    """The record `download` takes, from its canonical JSON (bytes as hex)."""
    return RemoteObject(**{**fields, "inline_bytes": bytes.fromhex(fields["inline_bytes"])})


async def last_progress(transfer: Transfer) -> Any:
    """Reads the transfer's progress the facade's way, to its end; the last one read."""
    last = None
    async for last in transfer.progress():
        pass
    return last


def write_file(path: str, args: Dict[str, Any]) -> None:
    """`text`, or `size` bytes where byte i is i % 251."""
    if "text" in args:
        Path(path).write_text(args["text"])
    else:
        size = args["size"]
        Path(path).write_bytes((bytes(range(251)) * (size // 251 + 1))[:size])


def file_sha256(path: str) -> Optional[str]:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


# op → call(run, receiver, args). Harness ops (no contract name) come last.
OPS: Dict[str, Callable[[Run, Any, Dict[str, Any]], Any]] = {
    "create_client": lambda run, _, a: run.create_client(a["config"]),
    "connect": lambda run, c, a: c.connect(),
    "disconnect": lambda run, c, a: c.disconnect(),
    "push": lambda run, c, a: c.push(payload(a["payload"])),
    "enqueue": lambda run, c, a: c.enqueue(payload(a["payload"])),
    "pending": lambda run, c, a: c.pending(),
    "flush": lambda run, c, a: c.flush(a["timeout_ms"] / 1000 if "timeout_ms" in a else None),
    "events": lambda run, c, a: c.events(),
    "next_event": lambda run, events, a: next_events(events, a["count"], a["timeout_ms"]),
    "close_events": lambda run, events, a: events.close(),
    "pull": lambda run, c, a: c.pull(),
    "pull_after": lambda run, c, a: c.pull_after(run.value(a["cursor"])),
    "subscribe": lambda run, c, a: run.subscribe(c),
    "next": lambda run, live, a: live.next(a["count"], a["timeout_ms"]),
    "close": lambda run, live, a: live.close(),
    "is_connected": lambda run, c, a: c.is_connected(),
    "current_cursor": lambda run, c, a: c.current_cursor(),
    "active_relay": lambda run, c, a: c.active_relay(),
    "group_id": lambda run, c, a: c.group_id(),
    "create_invite": lambda run, c, a: c.create_invite(a["ttl_secs"]),
    "shutdown": lambda run, c, a: c.shutdown(),
    "invite_to_qr": lambda run, _, a: invite_to_qr(run.saved[a["invite"][1:]]),
    "invite_from_qr": lambda run, _, a: invite_from_qr(run.value(a["qr"])),
    "derive_secret": lambda run, _, a: derive_secret(
        a["passphrase"],
        bytes.fromhex(run.value(a["salt"])) if "salt" in a else None,
        KdfParams(**run.value(a["kdf"])) if "kdf" in a else None,
    ),
    "create_pairing_code": lambda run, c, a: c.create_pairing_code(a["ttl_secs"]),
    "code": lambda run, pairing, a: pairing.code(),
    "expires_at_ms": lambda run, pairing, a: pairing.expires_at_ms(),
    "wait": lambda run, pairing, a: pairing.wait(),
    "cancel": lambda run, pairing, a: pairing.cancel(),
    "join_with_code": lambda run, _, a: join_with_code(
        run.value(a["code"]), run.value(a["relay_addresses"])
    ),
    "push_file": lambda run, c, a: c.push_file(run.value(a["path"])),
    "enqueue_file": lambda run, c, a: c.enqueue_file(run.value(a["path"])),
    "push_stream": lambda run, c, a: c.push_stream(a["size"], a["name"]),
    "write": lambda run, upload, a: upload.write(payload(a["data"])),
    "finish": lambda run, upload, a: upload.finish(),
    "transfer": lambda run, upload, a: upload.transfer(),
    "download": lambda run, c, a: c.download(
        remote_object(run.value(a["object"])), run.value(a["path"])
    ),
    "object_id": lambda run, transfer, a: transfer.object_id(),
    "progress": lambda run, transfer, a: transfer.current_progress(),
    "next_progress": lambda run, transfer, a: last_progress(transfer),
    "outcome": lambda run, transfer, a: transfer.outcome(),
    "cancel_transfer": lambda run, transfer, a: transfer.cancel(),
    "version": lambda run, _, a: version(),
    "sleep": lambda run, _, a: asyncio.sleep(a["ms"] / 1000),
    "kill_relay": lambda run, _, a: run.own("kill_relay").kill(),
    "relay_exited": lambda run, _, a: run.relay_exited(a["timeout_ms"]),
    "start_relay": lambda run, _, a: run.own("start_relay").restart(a.get("flags")),
    "tamper": lambda run, _, a: run.tamper(
        "tamper_blob.py", *run.value([a["group_id"], a["cursor"]])
    ),
    "tamper_chunk": lambda run, _, a: run.tamper(
        "tamper_chunk.py", *run.value([a["group_id"], a["object_id"]]), "flip", a["index"]
    ),
    "write_file": lambda run, _, a: write_file(run.value(a["path"]), a),
    "file_sha256": lambda run, _, a: file_sha256(run.value(a["path"])),
}


async def call(run: Run, step: Dict[str, Any], args: Dict[str, Any]) -> Any:
    op = OPS.get(step["op"])
    if op is None:
        pytest.fail(f"op {step['op']!r} is not supported by the Python runner")
    result = op(run, run.saved.get(step.get("on", "")), args)
    # Coroutines only: a Transfer is awaitable too (its outcome), and `transfer` returns one.
    return await result if inspect.iscoroutine(result) else result


async def run_step(run: Run, step: Dict[str, Any]) -> None:
    result: Optional[Any] = None
    error: Optional[str] = None
    for i in range(step.get("repeat", 1)):
        try:
            result = await call(run, step, numbered(step.get("args", {}), i))
        except SyncError as e:
            error = e.variant
            break
    assert error == step.get("error"), f"error {error!r}, expected {step.get('error')!r}"
    if "expect" in step:
        assert run.matches(canonical(result), step["expect"]), f"got {canonical(result)!r}"
    if "save" in step:
        run.saved[step["save"]] = result


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
async def test_conformance(
    scenario: Dict[str, Any],
    relay: Any,
    start_relay: Callable[..., Any],
    tmp_path: Path,
) -> None:
    flags = scenario.get("relay_flags")
    run = Run(relay if flags is None else start_relay(*flags), flags is not None, tmp_path)
    try:
        for name, config in scenario.get("devices", {}).items():
            run.saved[name] = await run.create_client(config)
            await run.saved[name].connect()
        for index, step in enumerate(scenario["steps"]):
            try:
                await run_step(run, step)
            except AssertionError as e:
                raise AssertionError(f"step {index} {step}: {e}") from None
    finally:
        await run.close()
