"""The processing log: one document per line, partitioned by the data subject, so that a
resident's uses are one partition's query, newest first."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from shared.models.verwerkingen import Verwerking
from shared.storage.containers import VERWERKINGEN
from shared.storage.documents import DocumentRepository

SCHRIJVERS = 8
"""Lines of one processing go to as many partitions as it has data subjects: written side by
side, as many at once as the SDK's connection pool serves without waiting."""


class Verwerkingslog(DocumentRepository[Verwerking]):
    def __init__(self) -> None:
        super().__init__(VERWERKINGEN, Verwerking)

    def schrijf(self, regels: list[Verwerking]) -> None:
        """Every line, or an error: a processing is on record before it is answered."""
        if len(regels) == 1:
            self.create(regels[0])
            return
        with ThreadPoolExecutor(SCHRIJVERS) as pool:
            list(pool.map(self.create, regels))

    def van(
        self, betrokkene: str, *, page_size: int, vervolg: str | None, nu: datetime | None = None
    ) -> tuple[list[Verwerking], str | None]:
        """One page of a data subject's lines, newest first, none past its term (Cosmos
        removes an expired line in the background; until then it is not shown either)."""
        regels, volgende = self.query(
            "SELECT * FROM c WHERE c.betrokkene = @b ORDER BY c.startTijd DESC",
            {"@b": betrokkene},
            partition=betrokkene,
            page_size=page_size,
            continuation=vervolg,
        )
        moment = nu or datetime.now(UTC)
        levend = [r for r in regels if r.start_tijd + timedelta(seconds=r.ttl) > moment]
        return levend, volgende
