"""The stored rights an access decision reads (a client's binding, an organisation, a
connection), kept in this process for a bounded time.

Every request needs them, and they change only when autorisatiebeheer changes them: reading
them from Cosmos on every request cost three round trips per request. A document read is kept
for at most the bewaartijd (`settings.toegang_bewaartijd`: 30 seconds unless the app setting
`TOEGANG_BEWAARTIJD_SECONDEN` says otherwise; 0 switches the cache off). A write through the
repositories of `shared.storage.toegang` (every change autorisatiebeheer makes) empties it in
the process that wrote; another instance of the app sees the change at the latest a
bewaartijd later: that is the bound within which a revoked right stops working everywhere.
A document that is not there is not kept: a new binding or connection works at once.
Validity periods (geldigVan, geldigTot) are read from the kept document at every decision, so
a right that ends at a set moment ends at that moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from shared import settings

T = TypeVar("T")

klok = time.monotonic
_lock = threading.Lock()
_bewaard: dict[tuple[str, ...], tuple[float, Any]] = {}
_generatie = 0
"""Raised by every `vergeet`: a read that began before a change is not kept after it."""


def lees(sleutel: tuple[str, ...], lezen: Callable[[], T | None]) -> T | None:
    """What `lezen` returns for `sleutel`, from the cache while it is younger than the
    bewaartijd; None (not found) is never kept, nor a read a change overtook."""
    nu, duur = klok(), settings.toegang_bewaartijd()
    with _lock:
        gevonden, generatie = _bewaard.get(sleutel), _generatie
    if gevonden is not None and nu - gevonden[0] < duur:
        waarde: T = gevonden[1]
        return waarde
    vers = lezen()
    if vers is not None and duur > 0:
        with _lock:
            if generatie == _generatie:
                _bewaard[sleutel] = (nu, vers)
    return vers


def vergeet() -> None:
    """Empty the cache: after a change of rights in this process, or a switch of store."""
    global _generatie
    with _lock:
        _generatie += 1
        _bewaard.clear()
