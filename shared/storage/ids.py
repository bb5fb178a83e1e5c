"""Deterministic document ids: a retried trigger rewrites the same document."""

from __future__ import annotations

import hashlib

SEPARATOR = "\x1f"


def document_id(*natural_key: str) -> str:
    """The SHA-256 of the natural key's parts, hex.

    >>> document_id("proefaanlevering", "GM0363", "a.csv") == document_id(
    ...     "proefaanlevering", "GM0363", "a.csv")
    True
    >>> document_id("a", "bc") != document_id("ab", "c")
    True
    """
    if not natural_key:
        raise ValueError("a document id needs a natural key")
    joined = SEPARATOR.join(natural_key)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
