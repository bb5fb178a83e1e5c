"""The operators' workflow of an access request (AVG art. 12 and 15).

- Registered with the day of receipt and how the identity was established; the term is one
  calendar month after receipt (art. 12 lid 3), days counted in Dutch time.
- Extended by at most two further months, with reasons, and only within the first month.
  Reading followed: the further months run from the end of the first (31 January: 28 February,
  then 28 April), the earlier of the two possible readings.
- Refused with reasons and the means of redress, within the first month (art. 12 lid 4).
- Assembled by an operator with the role `inzage`; each assembly is a new version of the
  answer. Released by another operator client (four eyes), naming the version reviewed; only
  a released answer is printed as the letter to the resident.
Each step, and each refusal of a step, is audited for the person.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from shared.errors import Conflict, DomainError, Forbidden, NietToegestaan, NotFound
from shared.inzage.antwoord import samenstellen
from shared.models.audit import Resultaat
from shared.models.inzage import (
    RECHTSMIDDELEN,
    InzageAntwoord,
    Inzageverzoek,
    InzageverzoekAanvraag,
    OpgeslagenAntwoord,
    Verlenging,
    VerzoekStatus,
    Vrijgave,
    Weigering,
)
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import INZAGEVERZOEK
from shared.storage.containers import INZAGEANTWOORDEN, INZAGEVERZOEKEN
from shared.storage.documents import ConcurrentChange, DocumentRepository

NEDERLAND = ZoneInfo("Europe/Amsterdam")
AFGEROND = (VerzoekStatus.VRIJGEGEVEN, VerzoekStatus.GEWEIGERD)


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


class _Antwoorden(DocumentRepository[OpgeslagenAntwoord]):
    def __init__(self) -> None:
        super().__init__(INZAGEANTWOORDEN, OpgeslagenAntwoord)


class Inzageverzoeken:
    def __init__(self, caller: Caller, clock: Callable[[], datetime] = _now) -> None:
        self.caller = caller
        self.clock = clock
        self.opslag = _Opslag()

    def _vandaag(self) -> date:
        return self.clock().astimezone(NEDERLAND).date()

    def _audit(self, actie: str, verzoek: Inzageverzoek) -> None:
        audit.access(self.caller, actie, INZAGEVERZOEK, verzoek.bsn)

    def _weiger_stap(self, actie: str, verzoek: Inzageverzoek, fout: DomainError) -> NoReturn:
        audit.record(
            actie,
            Resultaat.GEWEIGERD,
            organisatie=self.caller.organisatie,
            client_id=self.caller.identity.client_id,
            dienst=INZAGEVERZOEK.dienst,
            doel=INZAGEVERZOEK.code,
            reden=str(fout),
            bsn=verzoek.bsn,
        )
        raise fout

    def _binnen_de_eerste_maand(
        self, actie: str, verzoek: Inzageverzoek, wat: str, artikel: str
    ) -> None:
        if self._vandaag() > verzoek.termijn:
            reden = f"{wat} kan alleen binnen een maand na ontvangst ({artikel})"
            self._weiger_stap(actie, verzoek, NietToegestaan(reden))

    def registreer(self, aanvraag: InzageverzoekAanvraag) -> Inzageverzoek:
        if aanvraag.ontvangen_op > self._vandaag():
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
            geregistreerd_door=self.caller.identity.door,
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
        actie = "inzageverzoek verlengen"
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status in AFGEROND or verzoek.verlenging is not None:
            fout = f"een verzoek met status {verzoek.status} wordt niet (nog eens) verlengd"
            self._weiger_stap(actie, verzoek, Conflict(fout))
        self._binnen_de_eerste_maand(actie, verzoek, "verlengen", "AVG art. 12 lid 3")
        self._audit(actie, verzoek)
        wijziging: dict[str, Any] = {
            "verlenging": verlenging,
            "uiterste_termijn": na_maanden(verzoek.termijn, verlenging.maanden),
        }
        if verzoek.status is VerzoekStatus.ONTVANGEN:
            wijziging["status"] = VerzoekStatus.VERLENGD
        return self._wijzig(verzoek, etag, **wijziging)

    def weiger(self, verzoek_id: str, weigering: Weigering) -> Inzageverzoek:
        actie = "inzageverzoek weigeren"
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status in AFGEROND:
            fout = f"een verzoek met status {verzoek.status} wordt niet geweigerd"
            self._weiger_stap(actie, verzoek, Conflict(fout))
        self._binnen_de_eerste_maand(actie, verzoek, "weigeren", "AVG art. 12 lid 4")
        self._audit(actie, verzoek)
        return self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.GEWEIGERD,
            weigering=weigering,
            rechtsmiddelen=RECHTSMIDDELEN,
        )

    def stel_samen(self, verzoek_id: str) -> InzageAntwoord:
        """Everything held on the person, now, as a new version of the answer: the request
        points to it only once that change wins (a concurrent release or assembly loses)."""
        actie = "inzage samenstellen"
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status in AFGEROND:
            fout = f"een verzoek met status {verzoek.status} wordt niet samengesteld"
            self._weiger_stap(actie, verzoek, Conflict(fout))
        self._audit(actie, verzoek)
        moment = self.clock()
        antwoord = samenstellen(verzoek, uuid.uuid4().hex, moment)
        _Antwoorden().create(
            OpgeslagenAntwoord(id=antwoord.id, verzoek=verzoek.id, antwoord=antwoord)
        )
        self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.SAMENGESTELD,
            antwoord=antwoord.id,
            samengesteld_door=self.caller.identity.door,
            samengesteld_op=moment,
        )
        return antwoord

    def antwoord(self, verzoek_id: str, *, brief: bool) -> tuple[Inzageverzoek, InzageAntwoord]:
        """The answer the request points to; as the resident's letter only once released."""
        verzoek, _ = self._lees(verzoek_id)
        if verzoek.antwoord is None:
            raise NotFound("er is nog geen antwoord samengesteld")
        if brief and verzoek.status is not VerzoekStatus.VRIJGEGEVEN:
            reden = "de brief aan de inwoner komt er pas als een tweede medewerker vrijgaf"
            self._weiger_stap("inzagebrief lezen", verzoek, Conflict(reden))
        opgeslagen = _Antwoorden().get(verzoek.id, verzoek.antwoord)
        if opgeslagen is None:
            raise NotFound("het samengestelde antwoord is er niet meer")
        self._audit("inzagebrief lezen" if brief else "inzageantwoord lezen", verzoek)
        return verzoek, opgeslagen[0].antwoord

    def geef_vrij(self, verzoek_id: str, vrijgave: Vrijgave) -> Inzageverzoek:
        actie = "inzageantwoord vrijgeven"
        verzoek, etag = self._lees(verzoek_id)
        if verzoek.status is not VerzoekStatus.SAMENGESTELD:
            reden = "alleen een samengesteld antwoord wordt vrijgegeven"
            self._weiger_stap(actie, verzoek, Conflict(reden))
        if vrijgave.antwoord != verzoek.antwoord:
            reden = "het antwoord is intussen opnieuw samengesteld; bekijk het nieuwe"
            self._weiger_stap(actie, verzoek, Conflict(reden))
        if verzoek.samengesteld_door == self.caller.identity.door:
            reden = "een tweede medewerker geeft het antwoord vrij, niet wie het samenstelde"
            self._weiger_stap(actie, verzoek, Forbidden(reden))
        nieuw = self._wijzig(
            verzoek,
            etag,
            status=VerzoekStatus.VRIJGEGEVEN,
            vrijgegeven_door=self.caller.identity.door,
            vrijgegeven_op=self.clock(),
        )
        self._audit(actie, nieuw)
        return nieuw
