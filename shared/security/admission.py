"""May this organisation deliver this file? Its connection to the service decides.

A file under `aanleveringen/{dienst}/{organisatie}/` is processed only if that
organisation has an active connection to that service for the declared purpose. Both
outcomes go to the audit log: the file holds personal data, and reading it is an access.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from shared.bronnen.catalogus import BY_CODE
from shared.intake.pipeline import Pad
from shared.models.audit import Resultaat
from shared.security import audit
from shared.security.diensten import Doel
from shared.storage.toegang import AansluitingRepository
from shared.validation.organisatie import is_valid

ACTIE = "aanlevering verwerken"


def _now() -> datetime:
    return datetime.now(UTC)


class Aansluitingstoets:
    def __init__(self, doel: Doel, clock: Callable[[], datetime] = _now) -> None:
        self.doel = doel
        self.clock = clock
        self.aansluitingen = AansluitingRepository()

    def _refusal(self, pad: Pad, moment: datetime) -> str | None:
        if not is_valid(pad.organisatie):
            return f"{pad.organisatie} is geen bekende organisatiecode"
        if pad.dienst != self.doel.dienst:
            return f"dit bestand hoort niet bij {self.doel.dienst}"
        if not self.aansluitingen.actief(pad.organisatie, self.doel.dienst, self.doel.code, moment):
            return f"{pad.organisatie} heeft geen actieve aansluiting op {self.doel.dienst}"
        return None

    def __call__(self, pad: Pad) -> str | None:
        moment = self.clock()
        refusal = self._refusal(pad, moment)
        audit.record(
            ACTIE,
            Resultaat.GEWEIGERD if refusal else Resultaat.TOEGESTAAN,
            organisatie=pad.organisatie if is_valid(pad.organisatie) else None,
            dienst=self.doel.dienst,
            doel=self.doel.code,
            reden=refusal,
            moment=moment,
        )
        return refusal


BRONNEN_ORGANISATIE = "bronnen"
"""The audit partition of source intake: the bureau reads what source holders deliver."""


class Broninname:
    """A source file: known sources only (who may write there is Azure RBAC's job); audited."""

    def __call__(self, pad: Pad) -> str | None:
        refusal = None if pad.organisatie in BY_CODE else f"onbekende bron {pad.organisatie}"
        audit.record(
            "bron inlezen",
            Resultaat.GEWEIGERD if refusal else Resultaat.TOEGESTAAN,
            organisatie=BRONNEN_ORGANISATIE,
            dienst=pad.dienst,
            doel=pad.organisatie,
            reden=refusal,
        )
        return refusal
