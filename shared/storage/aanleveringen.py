"""Deliveries in Cosmos DB, partitioned by the organisation that delivered them."""

from __future__ import annotations

from shared.models.aanlevering import Aanlevering
from shared.storage.containers import AANLEVERINGEN
from shared.storage.documents import DocumentRepository

ALLE = "SELECT * FROM c WHERE c.organisatie = @organisatie ORDER BY c.ontvangen DESC"
VAN_DIENSTEN = (
    "SELECT * FROM c WHERE c.organisatie = @organisatie AND ARRAY_CONTAINS(@diensten, c.dienst) "
    "ORDER BY c.ontvangen DESC"
)


class AanleveringRepository(DocumentRepository[Aanlevering]):
    def __init__(self) -> None:
        super().__init__(AANLEVERINGEN, Aanlevering)

    def list(
        self,
        organisatie: str,
        *,
        page_size: int,
        continuation: str | None = None,
        diensten: frozenset[str] | None = None,
    ) -> tuple[list[Aanlevering], str | None]:
        """One page of the organisation's deliveries (of `diensten` only, when given), newest
        first, and the next page's token."""
        parameters: dict[str, object] = {"@organisatie": organisatie}
        sql = ALLE
        if diensten is not None:
            parameters["@diensten"] = sorted(diensten)
            sql = VAN_DIENSTEN
        return self.query(
            sql,
            parameters,
            partition=organisatie,
            page_size=page_size,
            continuation=continuation,
        )
