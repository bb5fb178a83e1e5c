"""Which snapshot of a source is in force: switched in one write, after the file is complete.

A reader first asks which snapshot holds for its reference date and then reads only that
snapshot's data, so it sees the previous snapshot or the new one, never half of one. The
history keeps the last `BEWAARD` peildata, so a reference date in the past still has its data.
"""

from __future__ import annotations

import time
from datetime import date
from functools import cache

from shared.models.bronsnapshot import Publicatie, Snapshot
from shared.storage.containers import BRONSNAPSHOTS
from shared.storage.documents import AlreadyExists, ConcurrentChange, DocumentRepository

BEWAARD = 13
"""Peildata kept per source: a year of monthly deliveries and the one before."""
CACHE_SECONDS = 10.0
"""How long a reader trusts what it read: a new snapshot is seen within this time."""


class Publicaties(DocumentRepository[Publicatie]):
    def __init__(self) -> None:
        super().__init__(BRONSNAPSHOTS, Publicatie)
        self._cache: dict[str, tuple[float, Publicatie | None]] = {}

    def publish(self, bron: str, snapshot: Snapshot, attempts: int = 5) -> None:
        """Make `snapshot` the one in force for its peildatum (idempotent, safe under races)."""
        for _ in range(attempts):
            found = self.get(bron, bron)
            history = [
                s
                for s in (found[0].snapshots if found else [])
                if s.peildatum != snapshot.peildatum
            ]
            history = sorted([snapshot, *history], key=lambda s: s.peildatum, reverse=True)[
                :BEWAARD
            ]
            publicatie = Publicatie(id=bron, bron=bron, snapshots=history)
            try:
                if found is None:
                    self.create(publicatie)
                else:
                    self.replace(bron, publicatie, found[1])
            except (AlreadyExists, ConcurrentChange):
                continue
            self._cache.pop(bron, None)
            return
        raise ConcurrentChange(f"publicatie van {bron} bleef gelijktijdig wijzigen")

    def _vers_bewaard(self, bron: str) -> tuple[float, Publicatie | None] | None:
        cached = self._cache.get(bron)
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached
        return None

    def publicatie(self, bron: str) -> Publicatie | None:
        """Every published snapshot of the source (cached `CACHE_SECONDS`)."""
        cached = self._vers_bewaard(bron)
        if cached is not None:
            return cached[1]
        found = self.get(bron, bron)
        publicatie = found[0] if found else None
        self._cache[bron] = (time.monotonic(), publicatie)
        return publicatie

    def vers(self, bron: str) -> bool:
        """Whether what it holds of the source is recent enough to answer without a read."""
        return self._vers_bewaard(bron) is not None

    def in_force(self, bron: str, peildatum: date) -> Snapshot | None:
        """The snapshot with the latest peildatum on or before the reference date."""
        publicatie = self.publicatie(bron)
        if publicatie is None:
            return None
        return next((s for s in publicatie.snapshots if s.peildatum <= peildatum), None)


@cache
def publicaties() -> Publicaties:
    """One per process, so its short cache is shared by every reader and writer in it."""
    return Publicaties()
