#!/usr/bin/env python3
"""Writes tests/vectors/pairing.json from core/PROTOCOL.md ("Pairing by code"), computed here
independently of the Rust code (Python's hashlib/hmac, and XChaCha20-Poly1305 from HChaCha20
plus `cryptography`'s ChaCha20-Poly1305), so the Rust tests check one implementation
against another. SPAKE2 itself is randomized: the key schedule starts from a given SPAKE2
key and messages.

    python3 tests/tools/pairing_vectors.py > tests/vectors/pairing.json
"""

import hashlib
import hmac
import json
import struct

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LABEL = b"0k-sync/v1/pair/"


def check_symbol(body: str) -> str:
    total = 0
    for i, symbol in enumerate(reversed(body)):
        addend = ALPHABET.index(symbol) * (2 if i % 2 == 0 else 1)
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def code(mailbox: int, password: str) -> str:
    body = "".join(ALPHABET[(mailbox >> (5 * (3 - i))) & 31] for i in range(4)) + password
    full = body + check_symbol(body)
    return "-".join(full[i:i + 4] for i in range(0, 16, 4))


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def hchacha20(key: bytes, nonce16: bytes) -> bytes:
    def rotl(v, c):
        return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))

    def quarter(s, a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)

    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    s += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    for _ in range(10):
        quarter(s, 0, 4, 8, 12); quarter(s, 1, 5, 9, 13); quarter(s, 2, 6, 10, 14); quarter(s, 3, 7, 11, 15)
        quarter(s, 0, 5, 10, 15); quarter(s, 1, 6, 11, 12); quarter(s, 2, 7, 8, 13); quarter(s, 3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


def xchacha_seal(key: bytes, nonce: bytes, plaintext: bytes, ad: bytes) -> bytes:
    subkey = hchacha20(key, nonce[:16])
    return ChaCha20Poly1305(subkey).encrypt(b"\0\0\0\0" + nonce[16:], plaintext, ad)


def schedule(pake_key: bytes, relay: bytes, mailbox: str, msg_a: bytes, msg_b: bytes,
             invite: str, nonce: bytes) -> dict:
    transcript = hashlib.sha256(LABEL + b"transcript" + relay + mailbox.encode() + msg_a + msg_b).digest()
    key = {n: hkdf(pake_key, transcript, LABEL + n.encode(), 4 if n == "verifier" else 32)
           for n in ("confirm-A", "confirm-B", "seal", "verifier")}
    n = struct.unpack(">I", key["verifier"])[0] % 1_000_000
    sealed = nonce + xchacha_seal(key["seal"], nonce, invite.encode(), LABEL + b"invite" + transcript)
    return {
        "pake_key": pake_key.hex(), "relay": relay.hex(), "mailbox": mailbox,
        "msg_a": msg_a.hex(), "msg_b": msg_b.hex(), "invite": invite, "nonce": nonce.hex(),
        "transcript": transcript.hex(),
        "confirm_a": hmac.new(key["confirm-A"], transcript, hashlib.sha256).hexdigest(),
        "confirm_b": hmac.new(key["confirm-B"], transcript, hashlib.sha256).hexdigest(),
        "verifier": f"{n // 1000:03} {n % 1000:03}",
        "sealed": sealed.hex(),
    }


def main() -> None:
    codes = [(0, "00000000000"), (1, "ABCDEFGHJKM"), (0xABCDE, "NPQRSTVWXYZ"), ((1 << 20) - 1, "ZZZZZZZZZZZ"),
             (0x12345, "7K3M9Q2XW4R")]
    good = [{"mailbox": m, "password": p, "code": code(m, p)} for m, p in codes]
    shown = good[4]["code"]
    typed = [
        {"typed": shown.lower(), "code": shown},
        {"typed": shown.replace("-", ""), "code": shown},
        {"typed": "  " + shown.replace("-", " ") + " ", "code": shown},
        {"typed": "0000-0000-0000-0000", "code": "0000-0000-0000-0000"},
        {"typed": "oooo-OOOO-oooo-oooo", "code": "0000-0000-0000-0000"},
        {"typed": code(1, "ABCDEFGHJKM").replace("1", "l"), "code": code(1, "ABCDEFGHJKM")},
        {"typed": code(1, "ABCDEFGHJKM").replace("1", "I"), "code": code(1, "ABCDEFGHJKM")},
        {"typed": "0000-0000-0000-0001", "error": "InvalidPairingCode"},
        {"typed": shown[:-1], "error": "InvalidPairingCode"},
        {"typed": shown + "0", "error": "InvalidPairingCode"},
        {"typed": shown.replace(shown[5], "U", 1), "error": "InvalidPairingCode"},
        {"typed": shown[:5] + shown[6] + shown[5] + shown[7:], "error": "InvalidPairingCode"},
        {"typed": shown.replace("-", "_"), "error": "InvalidPairingCode"},
        {"typed": "", "error": "InvalidPairingCode"},
    ]
    relay = bytes(range(32))
    schedules = [
        schedule(bytes(32), relay, "0000", b"A" + bytes(32), b"B" + bytes(32), "0k1.example", bytes(24)),
        schedule(hashlib.sha256(b"pake key").digest(), hashlib.sha256(b"relay").digest(), "7K3M",
                 b"A" + hashlib.sha256(b"a").digest(), b"B" + hashlib.sha256(b"b").digest(),
                 "0k1.AQEBAQ", bytes(range(24))),
    ]
    print(json.dumps({
        "description": "Pairing codes and the key schedule after SPAKE2 (core/PROTOCOL.md, Pairing by code). "
                       "codes: mailbox and password give code; typed: parsing gives code (canonical) or error. "
                       "schedules: from the SPAKE2 key, relay endpoint id, mailbox symbols and both SPAKE2 messages, "
                       "the transcript, both key confirmations, the verifier, and the invite sealed with nonce. "
                       "Written by tests/tools/pairing_vectors.py.",
        "codes": good, "typed": typed, "schedules": schedules,
    }, indent=2))


if __name__ == "__main__":
    main()
