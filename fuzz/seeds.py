#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/seeds/<target>/) from tests/vectors and from
hand-encoded examples of what each parser reads: postcard frames for `frame`, a state file for
`state_file`, a SQLite outbox with the schema of core/src/client/outbox.rs for `outbox`.
scripts/fuzz runs it; the minimized corpora the fuzzers grow are kept in fuzz/corpus/."""

import hashlib
import json
import os
import sqlite3
import struct
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "fuzz", "seeds")


def vectors(name):
    with open(os.path.join(root, "tests", "vectors", name + ".json")) as f:
        return json.load(f)


def write(target, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


# envelope: which (0 blob, 1 chunk, 2 manifest) ‖ id (16) ‖ [chunk: size u64le ‖ chunk_size u32le ‖ index u64le] ‖ envelope
envelopes = vectors("envelopes")
for case in envelopes["cases"] + envelopes["tampered"]:
    write("envelope", b"\0" + bytes.fromhex(case["blob_id"]) + bytes.fromhex(case["envelope"]))
objects = vectors("objects")
for case in objects["chunks"] + [t for t in objects["tampered"] if t.get("open_as") == "chunk"]:
    if case.get("envelope"):
        head = struct.pack("<QIQ", case["size"], case["chunk_size"], case["index"])
        write("envelope", b"\1" + bytes.fromhex(case["object_id"]) + head + bytes.fromhex(case["envelope"]))
for case in objects["manifests"] + [t for t in objects["tampered"] if t.get("open_as") == "manifest"]:
    write("envelope", b"\2" + bytes.fromhex(case["object_id"]) + bytes.fromhex(case["envelope"]))

for case in vectors("invites")["cases"]:
    write("invite", case["invite"].encode())

pairing = vectors("pairing")
for case in pairing["codes"]:
    write("pairing_code", case["code"].encode())
for case in pairing.get("typed", []):
    typed = case.get("typed") if isinstance(case, dict) else case
    if isinstance(typed, str):
        write("pairing_code", typed.encode())

relay = "5982" + "ab" * 30 + "ef7f"
for addr in [f"{relay}@127.0.0.1:4433", f"{relay}@[::1]:4433,192.0.2.10:443", f" {relay}@10.0.0.1:1 "]:
    write("relay_addr", addr.encode())


def varint(n):
    b = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        b.append(byte | 0x80 if n else byte)
        if not n:
            return bytes(b)


def blob(data):
    return varint(len(data)) + data


def frame(variant, *fields):
    body = varint(variant) + b"".join(fields)
    return struct.pack(">I", len(body)) + body


# Variant indexes follow the order of `Message` in core/src/protocol/messages.rs.
u64, none, some = varint, b"\0", lambda v: b"\1" + v
frames = [
    frame(0, varint(1) + varint(1), b"\xaa" * 32, b"\x11" * 16, blob(b"laptop")),  # Hello
    frame(1, b"\x42" * 32, varint(1)),  # Challenge
    frame(4, b"\x01" * 16, blob(bytes(300)), none),  # Push
    frame(4, b"\x02" * 16, blob(bytes(40)), some(u64(3600))),  # Push with a TTL
    frame(5, b"\x01" * 16, u64(7), b"\0"),  # PushAck
    frame(6, u64(5), varint(100)),  # Pull
    frame(8, u64(0)),  # Subscribe
    frame(10, varint(3), blob(b"too large")),  # Error
    frame(11),  # Bye
    frame(12, u64(600)),  # PairOpen
    frame(14, varint(1) + varint(1), varint(12345)),  # PairJoin
    frame(15, blob(b"spake2 message")),  # PairMessage
    frame(16, b"\x03" * 16, u64(2), varint(65577), varint(297)),  # ObjectBegin
    frame(17, b"\x03" * 16, u64(2), varint(1) + u64(0) + u64(1), some(u64(9)), u64(1 << 40)),  # ObjectStatus
    frame(18, b"\x03" * 16, u64(1), blob(bytes(297))),  # ChunkPut
    frame(20, b"\x03" * 16, blob(bytes(297)), none),  # ObjectCommit
    frame(23, b"\x03" * 16, u64(0), u64(2)),  # ChunkGet
    frame(24, u64(1), blob(bytes(64))),  # Chunk
]
for f in frames:
    write("frame", f)
write("frame", b"".join(frames))

group = "01" * 32
state = {"version": 1, "group_id": group, "device_id": "22" * 16, "cursors": {"ab" * 32: 42},
         "cluster_cursors": {"cd" * 16: 7}, "clusters": {"ab" * 32: "cd" * 16},
         "seen": ["33" * 16, "44" * 16], "max_envelope_bytes": 16 << 20}
write("state_file", json.dumps(state).encode())
write("state_file", json.dumps({**state, "group_id": "02" * 32}).encode())

path = os.path.join(out, "outbox.sqlite")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.executescript("""
CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, group_id BLOB NOT NULL,
  blob_id BLOB NOT NULL UNIQUE, envelope BLOB NOT NULL, ttl_secs INTEGER,
  enqueued_at_ms INTEGER NOT NULL, upload BLOB);
PRAGMA user_version = 2;
""")
rows = [(bytes([1] * 32), bytes([i] * 16), bytes(300 + i), None if i % 2 else 3600, 1_750_000_000_000 + i, None)
        for i in range(3)]
rows.append((bytes([1] * 32), bytes([9] * 16), b"", None, 1_750_000_000_009, b"upload job"))
rows.append((bytes([2] * 32), bytes([8] * 16), bytes(10), None, 1_750_000_000_010, None))
db.executemany("INSERT INTO outbox (group_id, blob_id, envelope, ttl_secs, enqueued_at_ms, upload) VALUES (?,?,?,?,?,?)", rows)
db.commit()
db.close()
with open(path, "rb") as f:
    write("outbox", f.read())
os.remove(path)
print(f"seeds in {out}: " + ", ".join(f"{t} {len(os.listdir(os.path.join(out, t)))}" for t in sorted(os.listdir(out))))
