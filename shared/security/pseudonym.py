"""Personal data as a keyed hash: searchable by who holds the key, not readable back (the BSN
in the audit log; an address as the partition key of the address index)."""

from __future__ import annotations

import hashlib
import hmac


def bsn_hash(bsn: str, key: bytes) -> str:
    """HMAC-SHA256 of the BSN under the audit key, hex.

    >>> bsn_hash("111222333", b"k" * 32) == bsn_hash("111222333", b"k" * 32)
    True
    >>> bsn_hash("111222333", b"k" * 32) != bsn_hash("111222333", b"l" * 32)
    True
    """
    return hmac.new(key, bsn.encode("ascii"), hashlib.sha256).hexdigest()


def adres_hash(sleutel: str, key: bytes) -> str:
    """HMAC-SHA256 of an address key (`Adres.sleutel`) under the same key, hex: a list of
    Dutch addresses does not turn it back into an address.

    >>> adres_hash("1234AB|12||1", b"k" * 32) != adres_hash("1234AB|12||2", b"k" * 32)
    True
    """
    return hmac.new(key, f"adres\x1f{sleutel}".encode(), hashlib.sha256).hexdigest()
