"""Who is in a source snapshot, as a Bloom filter: a per-person lookup reads a source only
when the person may be in it.

Most people are in a few of the sources: a lookup of every source made one point read per
source, most finding nothing. The intake builds a filter of each snapshot's persons and
stores it beside the snapshot's Parquet parts; a lookup tests the person first. A filter
never says "not in it" of someone who is (no false negatives): a source that may hold him is
read as before; one that cannot is not read. A false positive (about 1%) costs the read that
would have happened anyway.

The filter holds the keyed document ids (`feiten_id`, an HMAC under the id key), not BSNs: it
tells nothing to whoever lacks that key. Its size is `BITS_PER_PERSOON` bits per person:
about 18 MB for a BRP snapshot of 18 million people.
"""

from __future__ import annotations

import hashlib
import struct
import threading
from array import array
from datetime import datetime

from azure.core.exceptions import ResourceNotFoundError

from shared.storage import clients
from shared.storage.containers import BlobContainers

BITS_PER_PERSOON = 10
HASHES = 7
"""With 10 bits per person, 7 hash functions give about 0.8% false positives."""
KOP = struct.Struct("<4sQI")
MAGIC = b"LDN1"


def _spoor(sleutel: str) -> int:
    """64 bits of a hash of the id; the filter's positions follow from it (`_posities`)."""
    return int.from_bytes(hashlib.blake2b(sleutel.encode(), digest_size=8).digest(), "little")


def _posities(spoor: int, bits: int, hashes: int) -> list[int]:
    """Double hashing (Kirsch and Mitzenmacher): the low and the high half of the hash."""
    eerste, tweede = spoor & 0xFFFFFFFF, (spoor >> 32) | 1
    return [(eerste + k * tweede) % bits for k in range(hashes)]


class Ledenverzameling:
    """The persons of a snapshot as the intake writes them (8 bytes each until the end);
    `filter` builds the filter from them."""

    def __init__(self) -> None:
        self.sporen = array("Q")

    def voeg_toe(self, sleutel: str) -> None:
        self.sporen.append(_spoor(sleutel))

    def voeg_samen(self, andere: Ledenverzameling) -> None:
        """The persons another part of the same snapshot wrote (another process)."""
        self.sporen.extend(andere.sporen)

    def filter(self) -> bytes:
        bits = max(64, len(self.sporen) * BITS_PER_PERSOON)
        velden = bytearray((bits + 7) // 8)
        for spoor in self.sporen:
            for positie in _posities(spoor, bits, HASHES):
                velden[positie >> 3] |= 1 << (positie & 7)
        return KOP.pack(MAGIC, bits, HASHES) + bytes(velden)


class Ledenfilter:
    def __init__(self, inhoud: bytes) -> None:
        magic, self.bits, self.hashes = KOP.unpack_from(inhoud)
        if magic != MAGIC:
            raise ValueError("geen ledenfilter")
        self.velden = inhoud[KOP.size :]

    def kan_bevatten(self, sleutel: str) -> bool:
        return all(
            self.velden[positie >> 3] & (1 << (positie & 7))
            for positie in _posities(_spoor(sleutel), self.bits, self.hashes)
        )


def pad(bron: str, snapshot: str) -> str:
    """Where a snapshot's filter is kept in `bronsnapshots` (beside its parts, removed
    with them)."""
    return f"{bron}/{snapshot}/leden.bin"


def bewaar(bron: str, snapshot: str, verzameling: Ledenverzameling) -> str:
    blob = clients.blob_service().get_blob_client(BlobContainers.BRONSNAPSHOTS, pad(bron, snapshot))
    blob.upload_blob(verzameling.filter(), overwrite=True)
    return pad(bron, snapshot)


GELEZEN = 256
"""Filters kept per instance: every snapshot a source keeps in its history (15 sources x 13
peildata), with room to spare."""
_gelezen: dict[tuple[str, datetime], Ledenfilter | None] = {}
_slot = threading.Lock()


def bekend(blobpad: str, gepubliceerd: datetime) -> bool:
    """Whether `lees` answers this filter without a download."""
    return (blobpad, gepubliceerd) in _gelezen


def lees(blobpad: str, gepubliceerd: datetime) -> Ledenfilter | None:
    """The filter of a snapshot, read once per instance and publication (a published
    snapshot never changes; one published again under its name has another moment); None
    when it is gone (the source is then read as without one). The first read is forgotten
    first when `GELEZEN` are kept."""
    sleutel = (blobpad, gepubliceerd)
    if sleutel in _gelezen:
        return _gelezen[sleutel]
    blob = clients.blob_service().get_blob_client(BlobContainers.BRONSNAPSHOTS, blobpad)
    try:
        filter_: Ledenfilter | None = Ledenfilter(blob.download_blob().readall())
    except ResourceNotFoundError:
        filter_ = None
    with _slot:
        while len(_gelezen) >= GELEZEN:
            _gelezen.pop(next(iter(_gelezen)))
        _gelezen[sleutel] = filter_
    return filter_
