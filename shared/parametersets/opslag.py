"""The store of parameter sets: every version of every set, and the approved ones the
services compute with (read at most once a `TTL_SECONDEN` per process).

Each version is one document (`{ingangsdatum}.{versie}`) in the partition of its regeling;
nothing is deleted, so the history of a set is its versions. A store without any set of a
regeling is given the code's initial sets the first time it is read (and by provisioning),
so a fresh deployment starts with what the code knows; after that only operators change them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from datetime import UTC, date, datetime

from shared.models.audit import Resultaat
from shared.models.parametersets import (
    INITIEEL,
    ParametersetDocument,
    ParameterWaarde,
    Status,
)
from shared.rules import parameters as regels
from shared.rules.parameters import Parameterset, Parametersets, Regeling, Waarde
from shared.security import audit
from shared.storage.containers import PARAMETERSETS
from shared.storage.documents import AlreadyExists, DocumentRepository
from shared.telemetrie import gebeurtenis

log = logging.getLogger(__name__)

TTL_SECONDEN = 60
"""How long a process computes with the approved sets it read before reading them again: an
approval reaches every instance within this time (in its own process at once). Sets take
effect on a future date, so the delay changes no answer; a correction of the set in force
reaches every answer within a minute."""

CODE_BRON = "de parameterbestanden van de code; elke waarde met haar eigen bron"


def document_id(ingangsdatum: date, versie: int) -> str:
    return f"{ingangsdatum.isoformat()}.{versie:04d}"


def als_regelset(
    regeling: str,
    ingangsdatum: date,
    parameters: Mapping[str, ParameterWaarde],
    onbekend: Mapping[str, str] | None = None,
) -> Parameterset:
    """A set (stored or proposed) as the rules read it."""
    return Parameterset(
        regeling,
        ingangsdatum,
        {
            naam: Waarde(naam, p.waarde, ingangsdatum, p.bron, p.artikel, p.eenheid)
            for naam, p in parameters.items()
        },
        dict(onbekend or {}),
    )


def als_document(s: Parameterset, moment: datetime) -> ParametersetDocument:
    """An initial set of the code as the store keeps it."""
    return ParametersetDocument(
        id=document_id(s.ingangsdatum, 1),
        regeling=s.regeling,
        ingangsdatum=s.ingangsdatum,
        versie=1,
        status=Status.VASTGESTELD,
        bron=CODE_BRON,
        parameters={
            naam: ParameterWaarde(
                waarde=w.value, eenheid=w.unit or "", bron=w.source, artikel=w.artikel
            )
            for naam, w in s.waarden.items()
        },
        onbekend=dict(s.onbekend),
        voorgesteld_door=INITIEEL,
        voorgesteld_op=moment,
        vastgesteld_door=INITIEEL,
        vastgesteld_op=moment,
    )


class ParametersetRepository(DocumentRepository[ParametersetDocument]):
    def __init__(self) -> None:
        super().__init__(PARAMETERSETS, ParametersetDocument)

    def versies(self, regeling: str, ingangsdatum: date) -> list[ParametersetDocument]:
        """Every version of one set, oldest first."""
        documenten = self.all(
            "SELECT * FROM c WHERE c.regeling = @regeling AND c.ingangsdatum = @datum",
            {"@regeling": regeling, "@datum": ingangsdatum.isoformat()},
            partition=regeling,
        )
        return sorted(documenten, key=lambda d: d.versie)

    def lijst(self, regeling: str | None) -> list[ParametersetDocument]:
        """Every version of every set (of one regeling), by regeling, date and version."""
        documenten = (
            self.all("SELECT * FROM c", {}, partition=None)
            if regeling is None
            else self.all(
                "SELECT * FROM c WHERE c.regeling = @regeling",
                {"@regeling": regeling},
                partition=regeling,
            )
        )
        return sorted(documenten, key=lambda d: (d.regeling, d.ingangsdatum, d.versie))

    def vastgesteld(self) -> list[ParametersetDocument]:
        return list(
            self.all(
                "SELECT * FROM c WHERE c.status = @status",
                {"@status": Status.VASTGESTELD.value},
                partition=None,
            )
        )


def provisioneer(regeling: Regeling | None = None) -> int:
    """Store the code's initial sets that are not stored yet; the number stored."""
    repository = ParametersetRepository()
    moment = datetime.now(UTC)
    opgeslagen = 0
    for r in [regeling] if regeling else list(regels.REGELINGEN.values()):
        for s in regels.initiele_sets(r):
            try:
                repository.create(als_document(s, moment))
                opgeslagen += 1
                gebeurtenis(
                    "parameterset vastgesteld",
                    dienst=r.naam,
                    ingangsdatum=s.ingangsdatum.isoformat(),
                    aantal=1,
                )
            except AlreadyExists:
                pass
    if opgeslagen:
        audit.record(
            "parametersets geprovisioneerd",
            Resultaat.TOEGESTAAN,
            organisatie=None,
            client_id=INITIEEL,
            dienst="parametersets",
            reden=f"{opgeslagen} initiële sets uit de code opgeslagen",
            moment=moment,
        )
    return opgeslagen


def _lees() -> Parametersets:
    documenten = ParametersetRepository().vastgesteld()
    opgeslagen = {d.regeling for d in documenten}
    zonder = [r for r in regels.REGELINGEN.values() if r.naam not in opgeslagen]
    if zonder:
        for r in zonder:
            log.warning("geen parametersets van %s: de initiële sets worden opgeslagen", r.naam)
            provisioneer(r)
        documenten = ParametersetRepository().vastgesteld()
    per_datum: dict[tuple[str, date], ParametersetDocument] = {}
    for d in sorted(documenten, key=lambda d: d.versie):
        per_datum[(d.regeling, d.ingangsdatum)] = d  # the newest approved version wins
    sets: dict[str, list[Parameterset]] = {}
    for (regeling, _), d in sorted(per_datum.items()):
        sets.setdefault(regeling, []).append(
            als_regelset(d.regeling, d.ingangsdatum, d.parameters, d.onbekend)
        )
    return Parametersets({naam: tuple(s) for naam, s in sets.items()})


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sets: Parametersets | None = None
        self._gelezen = 0.0

    def __call__(self) -> Parametersets:
        with self._lock:
            if self._sets is None or time.monotonic() - self._gelezen > TTL_SECONDEN:
                self._sets = _lees()
                self._gelezen = time.monotonic()
            return self._sets

    def vergeet(self) -> None:
        with self._lock:
            self._sets = None


vastgestelde_sets = _Cache()
"""The approved sets, as the function app installs them for the rules."""
