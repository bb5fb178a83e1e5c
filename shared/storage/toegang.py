"""Organisations, client bindings and connections in Cosmos DB.

`gecacht` reads them for an access decision through `toegangscache`; every write here empties
that cache (`Rechten`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from shared.models.toegang import Aansluiting, Koppeling, Organisatie
from shared.storage import toegangscache
from shared.storage.containers import AANSLUITINGEN, KOPPELINGEN, ORGANISATIES
from shared.storage.documents import DocumentRepository, M
from shared.storage.ids import document_id


class Rechten(DocumentRepository[M]):
    """A store of rights: every write empties the access cache of this process."""

    def create(self, model: M) -> str:
        try:
            return super().create(model)
        finally:
            toegangscache.vergeet()

    def upsert(self, model: M) -> str:
        try:
            return super().upsert(model)
        finally:
            toegangscache.vergeet()

    def replace(self, document_id: str, model: M, etag: str) -> str:
        try:
            return super().replace(document_id, model, etag)
        finally:
            toegangscache.vergeet()

    def gecacht(self, partition: str, document_id: str) -> tuple[M, str] | None:
        """`get` for an access decision: through the access cache (see `toegangscache`)."""
        sleutel = (self.spec.name, partition, document_id)
        return toegangscache.lees(sleutel, lambda: self.get(partition, document_id))


class OrganisatieRepository(Rechten[Organisatie]):
    def __init__(self) -> None:
        super().__init__(ORGANISATIES, Organisatie)

    def find(self, organisatie: str) -> tuple[Organisatie, str] | None:
        return self.get(organisatie, organisatie)

    def namen(self, organisaties: Iterable[str]) -> dict[str, str | None]:
        """The name of each organisation (None: not registered), one read each."""
        return {
            code: (found[0].naam if (found := self.find(code)) else None)
            for code in set(organisaties)
        }

    def list(
        self, *, page_size: int, continuation: str | None = None
    ) -> tuple[list[Organisatie], str | None]:
        return self.query(
            "SELECT * FROM c ORDER BY c.id",
            {},
            partition=None,
            page_size=page_size,
            continuation=continuation,
        )


def aansluiting_id(organisatie: str, dienst: str, doel: str) -> str:
    return document_id(organisatie, dienst, doel)


class AansluitingRepository(Rechten[Aansluiting]):
    def __init__(self) -> None:
        super().__init__(AANSLUITINGEN, Aansluiting)

    def find(self, organisatie: str, dienst: str, doel: str) -> tuple[Aansluiting, str] | None:
        return self.get(organisatie, aansluiting_id(organisatie, dienst, doel))

    def actief(self, organisatie: str, dienst: str, doel: str, moment: datetime) -> bool:
        """Whether the organisation is connected for the service and purpose at the moment."""
        found = self.find(organisatie, dienst, doel)
        return found is not None and found[0].is_actief(moment)

    def of(self, organisatie: str) -> list[Aansluiting]:
        return list(
            self.all(
                "SELECT * FROM c WHERE c.organisatie = @organisatie",
                {"@organisatie": organisatie},
                partition=organisatie,
            )
        )


class KoppelingRepository(Rechten[Koppeling]):
    def __init__(self) -> None:
        super().__init__(KOPPELINGEN, Koppeling)

    def find(self, client_id: str) -> tuple[Koppeling, str] | None:
        return self.get(client_id, client_id)

    def of(self, organisatie: str) -> list[Koppeling]:
        return list(
            self.all(
                "SELECT * FROM c WHERE c.organisatie = @organisatie",
                {"@organisatie": organisatie},
                partition=None,
            )
        )
