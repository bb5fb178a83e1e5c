"""Recalculating the still valid calculations as a job, not inside a request.

A recalculation reads and may rewrite the calculations of every organisation, so it is a
write across all of them: an operator with the `herberekening` role (or the half-yearly
timer) starts it; the request only records the job and returns 202 with where to follow it.
The work runs in the blob trigger of the job's order (`taken/herberekeningen/opdrachten/`),
which Event Grid retries; recalculating twice changes nothing the first run did not. Start
and end are in the audit log, and the job's status is kept beside its order.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Literal

from azure.core.exceptions import ResourceNotFoundError
from azure.storage.blob import BlobClient
from pydantic import AwareDatetime

from shared.bvv.berekeningen import Berekeningen
from shared.models.audit import Resultaat
from shared.models.base import ApiModel
from shared.models.bvv import HerberekeningResultaat
from shared.parametersets.opslag import vastgestelde_sets
from shared.security import audit
from shared.storage.blobs import BlobStore
from shared.storage.containers import BlobContainers

log = logging.getLogger(__name__)

TAKEN = BlobContainers.TAKEN
OPDRACHTEN = "herberekeningen/opdrachten"
STATUS = "herberekeningen/status"
TIMER = "halfjaarlijkse herberekening"
"""Who starts the half-yearly run, in the audit log (no client id: the platform itself)."""

Status = Literal["gepland", "bezig", "klaar", "mislukt"]


class Herberekening(ApiModel):
    id: str
    peildatum: date
    aangevraagd_door: str
    aangevraagd_op: AwareDatetime
    status: Status
    resultaat: HerberekeningResultaat | None = None
    gewijzigd_op: AwareDatetime


def _now() -> datetime:
    return datetime.now(UTC)


class Herberekeningen:
    def __init__(self, store: BlobStore | None = None, clock: Callable[[], datetime] = _now):
        self.store = store or BlobStore()
        self.clock = clock

    def _bewaar(self, taak: Herberekening) -> None:
        self.store.write_json(TAKEN, f"{STATUS}/{taak.id}.json", taak.model_dump(mode="json"))

    def _zet(
        self, taak: Herberekening, status: Status, resultaat: HerberekeningResultaat | None = None
    ) -> None:
        update = {"status": status, "resultaat": resultaat, "gewijzigd_op": self.clock()}
        self._bewaar(taak.model_copy(update=update))

    def start(self, peildatum: date, organisatie: str | None, client_id: str) -> Herberekening:
        """Record the job, its order and the audit entry; the work starts from the order."""
        moment = self.clock()
        taak = Herberekening(
            id=str(uuid.uuid4()),
            peildatum=peildatum,
            aangevraagd_door=client_id,
            aangevraagd_op=moment,
            status="gepland",
            gewijzigd_op=moment,
        )
        audit.record(
            "herberekening starten",
            Resultaat.TOEGESTAAN,
            organisatie=organisatie,
            client_id=client_id,
            dienst="beslagvrije-voet",
            reden=f"taak {taak.id}, peildatum {peildatum.isoformat()}",
            moment=moment,
        )
        self._bewaar(taak)
        self.store.write_json(TAKEN, f"{OPDRACHTEN}/{taak.id}.json", {"id": taak.id})
        return taak

    def lees(self, taak_id: str) -> Herberekening | None:
        try:
            data = self.store.client(TAKEN, f"{STATUS}/{taak_id}.json").download_blob().readall()
        except ResourceNotFoundError:
            return None
        return Herberekening.model_validate_json(data)

    def voer_uit(self, opdracht: BlobClient) -> None:
        taak_id = str(json.loads(opdracht.download_blob().readall())["id"])
        taak = self.lees(taak_id)
        if taak is None or taak.status == "klaar":
            return
        self._bewaar(taak.model_copy(update={"status": "bezig", "gewijzigd_op": self.clock()}))
        vastgestelde_sets.vergeet()  # the sets approved now, not this instance's copy
        try:
            resultaat = Berekeningen().herbereken(taak.peildatum)
        except Exception:
            self._bewaar(
                taak.model_copy(update={"status": "mislukt", "gewijzigd_op": self.clock()})
            )
            raise  # Event Grid tries the order again
        klaar = taak.model_copy(
            update={"status": "klaar", "resultaat": resultaat, "gewijzigd_op": self.clock()}
        )
        self._bewaar(klaar)
        audit.record(
            "herberekening uitgevoerd",
            Resultaat.TOEGESTAAN,
            organisatie=None,
            client_id=taak.aangevraagd_door,
            dienst="beslagvrije-voet",
            reden=(
                f"taak {taak.id}: {resultaat.bekeken} bekeken, {resultaat.gewijzigd} gewijzigd, "
                f"{resultaat.niet_mogelijk} niet mogelijk"
            ),
        )
        log.info(
            "herberekening %s: %d bekeken, %d gewijzigd, %d niet mogelijk",
            taak.id,
            resultaat.bekeken,
            resultaat.gewijzigd,
            resultaat.niet_mogelijk,
        )
