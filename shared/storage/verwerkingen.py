"""The processing log: one document per line, partitioned by the data subject's emmer (the
first two hex digits of his pseudonym), so that a resident's uses are one partition's
query, newest first, and the lines of a batch run go in transactional batches per emmer."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import cache

from shared.models.verwerkingen import Verwerking, emmer_van
from shared.storage.containers import VERWERKINGEN
from shared.storage.documents import BATCH, DocumentRepository, create_together

SCHRIJVERS = 8
"""Batches of different emmers are written side by side, as many at once as the SDK's
connection pool serves without waiting."""


@cache
def _schrijvers() -> ThreadPoolExecutor:
    """One pool per process for the few emmers of a request's lines: a pool started per
    request spent the time of starting its threads on every request."""
    return ThreadPoolExecutor(SCHRIJVERS, thread_name_prefix="verwerkingen")


class Verwerkingslog(DocumentRepository[Verwerking]):
    def __init__(self) -> None:
        super().__init__(VERWERKINGEN, Verwerking)

    def schrijf(self, regels: list[Verwerking]) -> None:
        """Every line, or an error: a processing is on record before it is answered."""
        per_emmer: dict[str, list[Verwerking]] = defaultdict(list)
        for regel in regels:
            per_emmer[regel.emmer].append(regel)
        batches = [
            lijst[begin : begin + BATCH]
            for lijst in per_emmer.values()
            for begin in range(0, len(lijst), BATCH)
        ]
        if len(batches) == 1:
            self._samen(batches[0])
            return
        if len(batches) <= SCHRIJVERS:  # a request's household: the process's writers
            list(_schrijvers().map(self._samen, batches))
            return
        # a batch run's many lines: writers of its own, so no request's line waits behind them
        with ThreadPoolExecutor(SCHRIJVERS) as pool:
            list(pool.map(self._samen, batches))

    def _samen(self, regels: list[Verwerking]) -> None:
        """Lines of one emmer, at most `BATCH`, created together or not at all."""
        if len(regels) == 1:
            self.create(regels[0])
            return
        create_together(self.container, regels, regels[0].emmer)

    def van(
        self, betrokkene: str, *, page_size: int, vervolg: str | None, nu: datetime | None = None
    ) -> tuple[list[Verwerking], str | None]:
        """One page of a data subject's lines, newest first, none past its term (Cosmos
        removes an expired line in the background; until then it is not shown either)."""
        emmer = emmer_van(betrokkene)
        regels, volgende = self.query(
            "SELECT * FROM c WHERE c.emmer = @e AND c.betrokkene = @b ORDER BY c.startTijd DESC",
            {"@e": emmer, "@b": betrokkene},
            partition=emmer,
            page_size=page_size,
            continuation=vervolg,
        )
        moment = nu or datetime.now(UTC)
        levend = [r for r in regels if r.start_tijd + timedelta(seconds=r.ttl) > moment]
        return levend, volgende
