#!/usr/bin/env python3
"""Changes the stored chunks of an object in a relay's SQLite file, as an attacker with the
relay's disk would: tamper_chunk.py RELAY_DB GROUP_ID_HEX OBJECT_ID_HEX MODE ARGS...

  flip I          flips one bit inside chunk I's ciphertext
  drop I          deletes chunk I
  dup I J         stores chunk I's envelope in place of chunk J
  swap I J        exchanges chunks I and J
  splice OTHER I  puts chunk I of object OTHER (hex) in place of chunk I

Shared by every language's object tests. Goes through SQLite (not the raw file), so it works on
a live relay in WAL mode. The relay's byte counts are left alone: only what devices read changes.
"""

import sqlite3
import sys

SQL_GET = "SELECT envelope FROM chunks WHERE group_id = ? AND object_id = ? AND idx = ?"
SQL_SET = "UPDATE chunks SET envelope = ? WHERE group_id = ? AND object_id = ? AND idx = ?"


def main() -> None:
    db_path, group, obj, mode, *args = sys.argv[1:]
    group, obj = bytes.fromhex(group), bytes.fromhex(obj)
    db = sqlite3.connect(db_path, timeout=10)

    def get(object_id: bytes, index: int) -> bytes:
        row = db.execute(SQL_GET, (group, object_id, index)).fetchone()
        if row is None:
            sys.exit(f"no chunk {index} of object {object_id.hex()}")
        return bytes(row[0])

    def put(index: int, envelope: bytes) -> None:
        db.execute(SQL_SET, (envelope, group, obj, index))

    with db:
        if mode == "flip":
            i = int(args[0])
            envelope = bytearray(get(obj, i))
            envelope[40] ^= 0x20
            put(i, bytes(envelope))
        elif mode == "drop":
            i = int(args[0])
            get(obj, i)
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
