"""Deterministic document ids: a retried trigger rewrites the same document.

`document_id` is an unkeyed SHA-256: only for natural keys without personal data (a
delivery, a connection). An id whose natural key holds a BSN is `persoon_id`, an HMAC
under a key derived from the audit key: ids appear in dependency telemetry (the Cosmos
URL `.../docs/{id}`), and an unkeyed hash of a BSN is reversed by hashing all of them.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from shared import settings

SEPARATOR = "\x1f"
ID_SLEUTEL_DOEL = b"ibnext document-id v1"
"""What the id key is derived for: the audit key itself never keys anything but the
audit pseudonym, so an id is no audit pseudonym of the same BSN (and vice versa)."""


def _joined(natural_key: tuple[str, ...]) -> bytes:
    if not natural_key:
        raise ValueError("a document id needs a natural key")
    return SEPARATOR.join(natural_key).encode("utf-8")


def document_id(*natural_key: str) -> str:
    """The SHA-256 of the natural key's parts, hex (never for a key holding a BSN).

    >>> document_id("proefaanlevering", "GM0363", "a.csv") == document_id(
    ...     "proefaanlevering", "GM0363", "a.csv")
    True
    >>> document_id("a", "bc") != document_id("ab", "c")
    True
    """
    return hashlib.sha256(_joined(natural_key)).hexdigest()


def afgeleide_sleutel(doel: bytes, audit_key: bytes | None = None) -> bytes:
    """A key for one purpose (`doel`), derived from the audit key: the audit key itself keys
    nothing but the audit pseudonym, and no two purposes share a key."""
    return _afgeleid(doel, audit_key if audit_key is not None else settings.audit_hash_key())


@lru_cache(maxsize=8)
def _afgeleid(doel: bytes, audit_key: bytes) -> bytes:
    return hmac.new(audit_key, doel, hashlib.sha256).digest()


def persoon_id(*natural_key: str, key: bytes | None = None) -> str:
    """HMAC-SHA256 of the natural key's parts under the id key (derived from
    `AUDIT_HASH_KEY`), hex: the id of a document whose natural key holds a BSN.

    >>> persoon_id("111222333", "brp", key=b"k" * 32) == persoon_id(
    ...     "111222333", "brp", key=b"k" * 32)
    True
    >>> persoon_id("111222333", "brp", key=b"k" * 32) != document_id("111222333", "brp")
    True
    """
    sleutel = afgeleide_sleutel(ID_SLEUTEL_DOEL, key)
    return hmac.new(sleutel, _joined(natural_key), hashlib.sha256).hexdigest()
