"""Outage notices: operators post and update them; every subscriber is told at once.

A notice is POSTed as JSON to each subscription's https address, concurrently, with a short
timeout and two retries; the outcome of the last attempt is kept on the subscription so an
operator sees who was not reached. Organisations also read current and planned notices from
the public `GET /api/v1/storingen` (public: an organisation whose sign-in is what fails must
still be able to read it).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import requests

from shared.errors import NotFound, PreconditionFailed, PreconditionRequired
from shared.models.audit import Resultaat
from shared.models.storing import (
    Abonnement,
    AbonnementAanvraag,
    Bezorging,
    Storing,
    StoringenOverzicht,
    StoringMelding,
)
from shared.security import audit
from shared.security.access import Caller
from shared.storage.containers import STORINGABONNEMENTEN, STORINGEN
from shared.storage.documents import ConcurrentChange, DocumentRepository, to_document

log = logging.getLogger(__name__)
PARTITIE = "storingen"
POGINGEN = 3
TIMEOUT_SECONDS = 5
BEZORGERS = 8
Post = Callable[[str, dict[str, Any]], int]


def _now() -> datetime:
    return datetime.now(UTC)


def _post(url: str, body: dict[str, Any]) -> int:
    return requests.post(url, json=body, timeout=TIMEOUT_SECONDS).status_code


class Abonnementen(DocumentRepository[Abonnement]):
    def __init__(self) -> None:
        super().__init__(STORINGABONNEMENTEN, Abonnement)

    def van(self, organisatie: str) -> list[Abonnement]:
        return list(
            self.all(
                "SELECT * FROM c WHERE c.organisatie = @o",
                {"@o": organisatie},
                partition=organisatie,
            )
        )

    def neem(self, caller: Caller, aanvraag: AbonnementAanvraag) -> Abonnement:
        abonnement = Abonnement(
            id=str(uuid.uuid4()), organisatie=caller.namens, url=aanvraag.url, aangemaakt_op=_now()
        )
        self.create(abonnement)
        return abonnement

    def beeindig(self, caller: Caller, abonnement_id: str) -> Abonnement:
        found = self.get(caller.namens, abonnement_id)
        if found is None:
            raise NotFound("dit abonnement bestaat niet voor de organisatie")
        self.container.delete_item(abonnement_id, partition_key=caller.namens)
        return found[0]


class Storingen(DocumentRepository[Storing]):
    def __init__(self, post: Post = _post) -> None:
        super().__init__(STORINGEN, Storing)
        self.post = post
        self.abonnementen = Abonnementen()

    def overzicht(self, moment: datetime | None = None) -> StoringenOverzicht:
        moment = moment or _now()
        alle = list(
            self.all("SELECT * FROM c WHERE c.partitie = @p", {"@p": PARTITIE}, partition=PARTITIE)
        )
        return StoringenOverzicht(
            actueel=sorted((s for s in alle if s.actueel(moment)), key=lambda s: s.begin),
            gepland=sorted((s for s in alle if s.begin > moment), key=lambda s: s.begin),
        )

    def meld(self, caller: Caller, melding: StoringMelding) -> tuple[Storing, str]:
        storing = Storing(
            **melding.model_dump(),
            id=str(uuid.uuid4()),
            partitie=PARTITIE,
            gemeld_door=caller.identity.client_id,
            gewijzigd_op=_now(),
        )
        etag = self.create(storing)
        self._afgerond(caller, "storing gemeld", storing)
        return storing, etag

    def wijzig(
        self, caller: Caller, storing_id: str, melding: StoringMelding, etag: str | None
    ) -> tuple[Storing, str]:
        if etag is None:
            raise PreconditionRequired("wijzigen kan alleen met If-Match (de laatst gelezen ETag)")
        if self.get(PARTITIE, storing_id) is None:
            raise NotFound("deze storing bestaat niet")
        storing = Storing(
            **melding.model_dump(),
            id=storing_id,
            partitie=PARTITIE,
            gemeld_door=caller.identity.client_id,
            gewijzigd_op=_now(),
        )
        try:
            new_etag = self.replace(storing_id, storing, etag)
        except ConcurrentChange as error:
            raise PreconditionFailed(
                "de storing is intussen gewijzigd; lees haar opnieuw"
            ) from error
        self._afgerond(caller, "storing gewijzigd", storing)
        return storing, new_etag

    def _afgerond(self, caller: Caller, actie: str, storing: Storing) -> None:
        audit.record(
            actie,
            Resultaat.TOEGESTAAN,
            organisatie=caller.organisatie,
            client_id=caller.identity.client_id,
            reden=storing.titel,
        )
        self.vertel(storing)

    def vertel(self, storing: Storing) -> list[Bezorging]:
        """Tell every subscriber; each outcome is kept on its subscription."""
        alle = list(self.abonnementen.all("SELECT * FROM c", {}, partition=None))
        body = {"storing": to_document(storing)}
        with ThreadPoolExecutor(max_workers=BEZORGERS, thread_name_prefix="storingen") as pool:
            return list(pool.map(lambda a: self._bezorg(a, storing, body), alle))

    def _bezorg(self, abonnement: Abonnement, storing: Storing, body: dict[str, Any]) -> Bezorging:
        toelichting = ""
        gelukt = False
        for poging in range(POGINGEN):
            try:
                status = self.post(abonnement.url, body)
                gelukt, toelichting = 200 <= status < 300, f"HTTP {status}"
            except requests.RequestException as error:
                toelichting = type(error).__name__
            if gelukt or poging == POGINGEN - 1:
                break
            time.sleep(0.5 * 2**poging)
        bezorging = Bezorging(
            moment=_now(), storing=storing.id, gelukt=gelukt, toelichting=toelichting
        )
        if not gelukt:
            log.warning(
                "storingsbericht niet bezorgd bij %s: %s", abonnement.organisatie, toelichting
            )
        bijgewerkt = abonnement.model_copy(update={"laatste_bezorging": bezorging})
        self.abonnementen.container.upsert_item(to_document(bijgewerkt))
        return bezorging
