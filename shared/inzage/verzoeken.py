"""The operators' workflow of an access request (AVG art. 12 and 15).

- Registered with the day of receipt and how the identity was established; the term is one
  calendar month after receipt (art. 12 lid 3).
- Extended by at most two months, with reasons, and only within the first month.
- Refused with reasons and the means of redress (art. 12 lid 4).
- Assembled by an operator with the role `inzage`; released by another (four eyes): the
  client that assembled the answer cannot release it.
Each step is audited for the person; assembling it reads everything held on him.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from shared.errors import Conflict, Forbidden, NietToegestaan, NotFound
from shared.inzage.antwoord import samenstellen
from shared.models.inzage import (
    RECHTSMIDDELEN,
    InzageAntwoord,
    Inzageverzoek,
    InzageverzoekAanvraag,
    Verlenging,
    VerzoekStatus,
    Weigering,
)
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import INZAGEVERZOEK
from shared.storage import clients
from shared.storage.containers import INZAGEVERZOEKEN
from shared.storage.documents import ConcurrentChange, DocumentRepository, to_document


def na_maanden(dag: date, maanden: int) -> date:
    """The same day `maanden` calendar months later, or the month's last day.

    >>> na_maanden(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> na_maanden(date(2026, 11, 15), 3)
    datetime.date(2027, 2, 15)
    """
    maand = dag.month - 1 + maanden
    jaar, maand = dag.year + maand // 12, maand % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def _now() -> datetime:
    return datetime.now(UTC)


class _Opslag(DocumentRepository[Inzageverzoek]):
    def __init__(self) -> None:
        super().__init__(INZAGEVERZOEKEN, Inzageverzoek)


def _antwoord_id(verzoek_id: str) -> str:
    return f"{verzoek_id}-antwoord"


class Inzageverzoeken:
    def __init__(self, caller: Caller, clock: Callable[[], datetime] = _now) -> None:
        self.caller = caller
        self.clock = clock
        self.opslag = _Opslag()

    def _audit(self, actie: str, verzoek: Inzageverzoek) -> None:
        audit.access(self.caller, actie, INZAGEVERZOEK, verzoek.bsn)

    def registreer(self, aanvraag: InzageverzoekAanvraag) -> Inzageverzoek:
        if aanvraag.ontvangen_op > self.clock().date():
            raise NietToegestaan("de dag van ontvangst ligt na vandaag")
        termijn = na_maanden(aanvraag.ontvangen_op, 1)
        verzoek = Inzageverzoek(
            id=uuid.uuid4().hex,
            bsn=aanvraag.bsn,
            ontvangen_op=aanvraag.ontvangen_op,
            identiteit=aanvraag.identiteit,
            termijn=termijn,
            uiterste_termijn=termijn,
            status=VerzoekStatus.ONTVANGEN,
            geregistreerd_door=self.caller.identity.client_id,
        )
        self._audit("inzageverzoek registreren", verzoek)
        self.opslag.create(verzoek)
        return verzoek

    def _lees(self, verzoek_id: str) -> tuple[Inzageverzoek, str]:
        gevonden = self.opslag.get(verzoek_id, verzoek_id)
        if gevonden is None:
            raise NotFound("dit inzageverzoek bestaat niet")
        return gevonden

    def lees(self, verzoek_id: str) -> Inzageverzoek:
        verzoek, _ = self._lees(verzoek_id)
        self._audit("inzageverzoek lezen", verzoek)
        return verzoek

    def _wijzig(self, verzoek: Inzageverzoek, etag: str, **wijziging: Any) -> Inzageverzoek:
        nieuw = verzoek.model_copy(update=wijziging)
        try:
            self.opslag.replace(verzoek.id, nieuw, etag)
        except ConcurrentChange:
            raise Conflict("het verzoek is intussen gewijzigd; lees het opnieuw") from None
        return nieuw

    def verleng(self, verzoek_id: str, verlenging: Verlenging) -> Inzageverzoek:
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status is not VerzoekStatus.ONTVANGEN:
            raise Conflict(f"een verzoek met status {verzoek.status} wordt niet verlengd")
        if self.clock().date() > verzoek.termijn:
            raise NietToegestaan(
                "verlengen kan alleen binnen een maand na ontvangst (AVG art. 12 lid 3)"
            )
        self._audit("inzageverzoek verlengen", verzoek)
        return self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.VERLENGD,
            verlenging=verlenging,
            uiterste_termijn=na_maanden(verzoek.ontvangen_op, 1 + verlenging.maanden),
        )

    def weiger(self, verzoek_id: str, weigering: Weigering) -> Inzageverzoek:
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status in (VerzoekStatus.VRIJGEGEVEN, VerzoekStatus.GEWEIGERD):
            raise Conflict(f"een verzoek met status {verzoek.status} wordt niet geweigerd")
        self._audit("inzageverzoek weigeren", verzoek)
        return self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.GEWEIGERD,
            weigering=weigering,
            rechtsmiddelen=RECHTSMIDDELEN,
        )

    def stel_samen(self, verzoek_id: str) -> InzageAntwoord:
        """Everything held on the person, now; replaces an answer assembled before."""
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status in (VerzoekStatus.VRIJGEGEVEN, VerzoekStatus.GEWEIGERD):
            raise Conflict(f"een verzoek met status {verzoek.status} wordt niet samengesteld")
        self._audit("inzage samenstellen", verzoek)
        moment = self.clock()
        antwoord = samenstellen(verzoek, moment)
        document = {"id": _antwoord_id(verzoek.id), "antwoord": to_document(antwoord)}
        clients.cosmos_database().get_container_client(INZAGEVERZOEKEN.name).upsert_item(document)
        self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.SAMENGESTELD,
            samengesteld_door=self.caller.identity.client_id,
            samengesteld_op=moment,
        )
        return antwoord

    def antwoord(self, verzoek_id: str) -> tuple[Inzageverzoek, InzageAntwoord]:
        verzoek, _ = self._lees(verzoek_id)
        container = clients.cosmos_database().get_container_client(INZAGEVERZOEKEN.name)
        gevonden = list(
            container.query_items(
                "SELECT * FROM c WHERE c.id = @id",
                parameters=[{"name": "@id", "value": _antwoord_id(verzoek_id)}],
                partition_key=_antwoord_id(verzoek_id),
            )
        )
        if not gevonden:
            raise NotFound("er is nog geen antwoord samengesteld")
        self._audit("inzageantwoord lezen", verzoek)
        return verzoek, InzageAntwoord.model_validate(gevonden[0]["antwoord"])

    def geef_vrij(self, verzoek_id: str) -> Inzageverzoek:
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status is not VerzoekStatus.SAMENGESTELD:
            raise Conflict("alleen een samengesteld antwoord wordt vrijgegeven")
        if verzoek.samengesteld_door == self.caller.identity.client_id:
            raise Forbidden(
                "een tweede medewerker geeft het antwoord vrij, niet wie het samenstelde"
            )
        self._audit("inzageantwoord vrijgeven", verzoek)
        return self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.VRIJGEGEVEN,
            vrijgegeven_door=self.caller.identity.client_id,
            vrijgegeven_op=self.clock(),
        )
