"""Pairing a device by a short code: `Pairing`, the code this device shows, and
`join_with_code`, what the other device calls with the code its user typed.

The exchange (SPAKE2 through a mailbox on the relay, then the sealed invite) is the Rust
library's and runs there as soon as the code exists; this module only awaits its outcome and
adds `async with`.
"""

from __future__ import annotations

from types import TracebackType
from typing import Optional, Sequence, Type

from ._errors import translated
from ._native import zerok_sync as _ffi
from ._native.zerok_sync import PairedInvite


class Pairing:
    """A pairing code shown on this device, from `await client.create_pairing_code()`.

    Show `code()` to the user of the other device, who passes it to `join_with_code`; then
    `await wait()` returns the verifier digits once that device has the group's invite.

    `async with` cancels the pairing when the block ends, unless it finished (then there is
    nothing left to cancel and `wait()` keeps returning its outcome). So does `cancel()`, and
    so does garbage-collecting this object: keep it for as long as the code is on screen.

    The code is a one-time password to the group: one wrong try burns it, so show it only to
    the user of the other device. `repr()` leaves it out.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _ffi.Pairing) -> None:
        """Private: use `SyncClient.create_pairing_code()`."""
        self._native = native

    def code(self) -> str:
        """`XXXX-XXXX-XXXX-XXXX` (Crockford base32): what the other device types."""
        return self._native.code()

    def expires_at_ms(self) -> int:
        """When the code stops working: Unix milliseconds by the relay's clock (which may
        have shortened the lifetime asked for)."""
        return self._native.expires_at_ms()

    async def wait(self) -> str:
        """The verifier digits ("ddd ddd", the same on both devices) once the other device
        has the invite. PairingFailedError if the code was wrong, used, or cancelled;
        PairingExpiredError once it expired unused.

        Any number of callers may wait at once; each gets the one outcome. Cancelling a
        `wait()` (e.g. `asyncio.wait_for`) stops only that waiter: the pairing goes on until
        `cancel()`, because the exchange does not depend on anyone waiting.
        """
        with translated:
            return await self._native.wait()

    def cancel(self) -> None:
        """Ends the pairing now: the relay burns the mailbox, the other device and every
        waiter get PairingFailedError. Idempotent; a no-op once the pairing finished."""
        self._native.cancel()

    async def __aenter__(self) -> Pairing:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.cancel()


async def join_with_code(code: str, relay_addresses: Sequence[str]) -> PairedInvite:
    """Joins the group of the device showing `code`, through the first of `relay_addresses`
    that answers (the relay the code was shown through). Returns a `PairedInvite`: `invite`
    for `SyncConfig.from_invite()`, and `verifier`, the digits the other device shows too.

    Needs no client: this device is not a member yet. InvalidPairingCodeError for a typo
    (before any network traffic), PairingFailedError for a wrong, used or cancelled code (a
    wrong code burns it: ask for a new one), PairingExpiredError once it expired.
    """
    if isinstance(relay_addresses, str):
        raise TypeError("relay_addresses is a sequence of addresses, not one string")
    with translated:
        return await _ffi.join_with_code(code, list(relay_addresses))
