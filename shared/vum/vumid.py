"""The `vumID` the exchange gives each result: it tells which bron holds the record, and only
the party that received it can use it.

`{bron OIN}.{tag}.{the bron's own id}`: the OIN routes a detail request to the bron that
returned the result, so nothing about a search is stored to route it (the matching data live
only as long as the request). The tag is an HMAC, under a key of its own derived from the
audit key, over the domain, the asking party's OIN, the bron and its id: a vumID passed to
another party, made up, or moved to the other domain is no vumID (404), so a party cannot
fetch detail records it was never shown by guessing a bron's ids.

The form fits the contract's `VumID` (`^[a-zA-Z0-9_.-]{0,500}$`): 20 digits, 26 base32
characters, and the bron's `SafeIDString` (at most 200 of the same characters).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from shared.storage.ids import SEPARATOR, afgeleide_sleutel

SLEUTEL_DOEL = b"ibnext vum-id v1"
_VORM = re.compile(r"^([0-9]{20})\.([A-Z2-7]{26})\.([a-zA-Z0-9_.-]{1,200})$")


@dataclass(frozen=True)
class Verwijzing:
    bron: str
    """The OIN of the bron that holds the record."""
    bron_id: str


def _tag(domein: str, partij: str, bron: str, bron_id: str) -> str:
    bericht = SEPARATOR.join((domein, partij, bron, bron_id)).encode("utf-8")
    digest = hmac.new(afgeleide_sleutel(SLEUTEL_DOEL), bericht, hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:26]


def maak(domein: str, partij: str, bron: str, bron_id: str) -> str:
    """The vumID of the result `bron_id` of `bron`, for the party `partij` (its OIN)."""
    return f"{bron}.{_tag(domein, partij, bron, bron_id)}.{bron_id}"


def lees(domein: str, partij: str, vum_id: str) -> Verwijzing | None:
    """Where `vum_id` points, when the exchange gave it to `partij` for `domein`; else None."""
    gevonden = _VORM.fullmatch(vum_id)
    if gevonden is None:
        return None
    bron, tag, bron_id = gevonden.groups()
    if not hmac.compare_digest(tag, _tag(domein, partij, bron, bron_id)):
        return None
    return Verwijzing(bron, bron_id)
