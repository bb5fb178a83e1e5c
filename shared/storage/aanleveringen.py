"""Deliveries in Cosmos DB, partitioned by the organisation that delivered them."""

from __future__ import annotations

from shared.models.aanlevering import Aanlevering
from shared.storage.containers import AANLEVERINGEN
from shared.storage.documents import DocumentRepository


class AanleveringRepository(DocumentRepository[Aanlevering]):
    def __init__(self) -> None:
        super().__init__(AANLEVERINGEN, Aanlevering)

    def list(
        self, organisatie: str, *, page_size: int, continuation: str | None = None
    ) -> tuple[list[Aanlevering], str | None]:
        """One page of the organisation's deliveries, newest first, and the next page's token."""
        return self.query(
            "SELECT * FROM c WHERE c.organisatie = @organisatie ORDER BY c.ontvangen DESC",
            {"@organisatie": organisatie},
            partition=organisatie,
            page_size=page_size,
            continuation=continuation,
        )
