"""The BSN as a keyed hash: the audit log can be searched by person but not read back."""

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
