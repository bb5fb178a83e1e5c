"""What a gemeente has been delivered: per signal id, the hash of the signal's content.

Before storing a run's signals, the run needs every id and hash the gemeente has. A query
over the signals themselves costs in proportion to all stored signals (in the local
emulator: a scan of the whole container per gemeente, so a national run slows down as it
fills). The index keeps the same facts in `DELEN` documents per gemeente, split by the
first hex digit of the signal id: reading it is sixteen point reads, whatever the number
of signals.

A part holds about 100 bytes per signal (the id and a 128-bit prefix of the content hash,
plenty to notice a change), so a gemeente can have some 300,000 signals alive within
Cosmos DB's 2 MB per document.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel

from shared.storage.containers import SIGNAALINDEX
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository

DELEN = 16
HASH_TEKENS = 32
POGINGEN = 10


class IndexDeel(BaseModel):
    id: str
    organisatie: str
    hashes: dict[str, str]


def _deel(signaal_id: str) -> str:
    return f"deel-{signaal_id[0]}"


def kort(inhoud_hash: str) -> str:
    return inhoud_hash[:HASH_TEKENS]


class SignaalIndex(DocumentRepository[IndexDeel]):
    def __init__(self) -> None:
        super().__init__(SIGNAALINDEX, IndexDeel)

    def lees(self, gemeente: str) -> dict[str, str]:
        """Every delivered signal id of the gemeente with its (shortened) content hash."""
        ids = [_deel(f"{digit:x}") for digit in range(DELEN)]
        with ThreadPoolExecutor(max_workers=DELEN, thread_name_prefix="signaalindex") as pool:
            parts = pool.map(lambda deel: self.get(gemeente, deel), ids)
            known: dict[str, str] = {}
            for found in parts:
                if found is not None:
                    known.update(found[0].hashes)
        return known

    def bevestig(self, gemeente: str, geleverd: dict[str, str]) -> None:
        """Record signals as delivered: `geleverd` maps signal id to full content hash."""
        per_deel: dict[str, dict[str, str]] = {}
        for signaal_id, inhoud_hash in geleverd.items():
            per_deel.setdefault(_deel(signaal_id), {})[signaal_id] = kort(inhoud_hash)
        with ThreadPoolExecutor(max_workers=DELEN, thread_name_prefix="signaalindex") as pool:
            list(pool.map(lambda deel: self._merge(gemeente, deel, per_deel[deel]), per_deel))

    def _merge(self, gemeente: str, deel: str, hashes: dict[str, str]) -> None:
        """Add to one part; a concurrent writer (another delivery of the same gemeente)
        makes us read again and merge once more, so neither loses its entries."""
        for _ in range(POGINGEN):
            found = self.get(gemeente, deel)
            try:
                if found is None:
                    self.create(IndexDeel(id=deel, organisatie=gemeente, hashes=hashes))
                else:
                    current, etag = found
                    self.replace(
                        deel, current.model_copy(update={"hashes": current.hashes | hashes}), etag
                    )
                return
            except (AlreadyExists, ConcurrentChange):
                continue
        raise ConcurrentChange(f"signaalindex {gemeente}/{deel} bleef gelijktijdig wijzigen")
