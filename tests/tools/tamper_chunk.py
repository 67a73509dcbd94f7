#!/usr/bin/env python3
"""Changes the stored chunks of an object in a relay's SQLite store, as an attacker with the
relay's disk would: tamper_chunk.py RELAY_DB GROUP_ID_HEX OBJECT_ID_HEX MODE ARGS...

  flip I          flips one bit inside chunk I's ciphertext
  drop I          deletes chunk I
  dup I J         stores chunk I's envelope in place of chunk J
  swap I J        exchanges chunks I and J
  splice OTHER I  puts chunk I of object OTHER (hex) in place of chunk I

Shared by every language's object tests. The envelopes are in the object's chunk file beside
the database (`RELAY_DB-chunks/<group hex>-<object hex>`, chunk i at i * chunk_bytes); which
chunks are stored is in the `chunks` table, changed through SQLite so it works on a live relay
in WAL mode. The relay's byte counts are left alone: only what devices read changes.
"""

import os
import sqlite3
import sys


def main() -> None:
    db_path, group, obj, mode, *args = sys.argv[1:]
    group, obj = bytes.fromhex(group), bytes.fromhex(obj)
    db = sqlite3.connect(db_path, timeout=10)

    def where(object_id: bytes, index: int) -> tuple[str, int, int]:
        """The chunk file, offset and length of a stored chunk."""
        row = db.execute(
            "SELECT o.chunk_count, o.chunk_bytes, o.last_chunk_bytes FROM chunks c "
            "JOIN objects o ON o.group_id = c.group_id AND o.object_id = c.object_id "
            "WHERE c.group_id = ? AND c.object_id = ? AND c.idx = ?",
            (group, object_id, index),
        ).fetchone()
        if row is None:
            sys.exit(f"no chunk {index} of object {object_id.hex()}")
        count, chunk_bytes, last = row
        path = os.path.join(f"{db_path}-chunks", f"{group.hex()}-{object_id.hex()}")
        return path, index * chunk_bytes, last if index == count - 1 else chunk_bytes

    def get(object_id: bytes, index: int) -> bytes:
        path, offset, length = where(object_id, index)
        with open(path, "rb") as f:
            f.seek(offset)
            return f.read(length)

    def put(index: int, envelope: bytes) -> None:
        path, offset, _ = where(obj, index)
        with open(path, "r+b") as f:
            f.seek(offset)
            f.write(envelope)

    with db:
        if mode == "flip":
            i = int(args[0])
            envelope = bytearray(get(obj, i))
            envelope[40] ^= 0x20
            put(i, bytes(envelope))
        elif mode == "drop":
            i = int(args[0])
            where(obj, i)
            db.execute("DELETE FROM chunks WHERE group_id = ? AND object_id = ? AND idx = ?",
                       (group, obj, i))
        elif mode == "dup":
            i, j = int(args[0]), int(args[1])
            put(j, get(obj, i))
        elif mode == "swap":
            i, j = int(args[0]), int(args[1])
            a, b = get(obj, i), get(obj, j)
            put(i, b)
            put(j, a)
        elif mode == "splice":
            other, i = bytes.fromhex(args[0]), int(args[1])
            put(i, get(other, i))
        else:
            sys.exit(f"unknown mode {mode}")
    db.close()


if __name__ == "__main__":
    main()
