#!/usr/bin/env python3
"""Flips one bit of a blob's stored envelope in a relay's SQLite file, as an attacker with the
relay's disk would: tamper_blob.py RELAY_DB GROUP_ID_HEX CURSOR [BYTE_OFFSET]

Shared by every language's Tampered test. Goes through SQLite (not the raw file), so it works
on a live relay in WAL mode. The default offset (40) lies inside the ciphertext.
"""

import sqlite3
import sys


def main() -> None:
    db_path, group_hex, cursor = sys.argv[1], sys.argv[2], int(sys.argv[3])
    offset = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    group = bytes.fromhex(group_hex)
    db = sqlite3.connect(db_path, timeout=10)
    with db:
        row = db.execute(
            "SELECT envelope FROM blobs WHERE group_id = ? AND cursor = ?", (group, cursor)
        ).fetchone()
        if row is None:
            sys.exit(f"no blob at cursor {cursor} of group {group_hex}")
        envelope = bytearray(row[0])
        envelope[offset] ^= 0x20
        db.execute(
            "UPDATE blobs SET envelope = ? WHERE group_id = ? AND cursor = ?",
            (bytes(envelope), group, cursor),
        )
    db.close()


if __name__ == "__main__":
    main()
