"""Each organisation's kwijtschelding policy (`shared.beleid`): an organisation that set
nothing is tested with the law's defaults."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.beleid import Beleidsregister
from shared.models.kwijtschelding import BeleidDocument, KwijtscheldingBeleid, VastgesteldBeleid
from shared.rules.kwijtschelding.toets import GRENZEN, OngeldigBeleid, controleer
from shared.rules.parameters import in_force
from shared.security.access import Caller
from shared.storage.containers import KWIJTSCHELDINGSBELEID


def _waarom_ongeldig(beleid: KwijtscheldingBeleid) -> str | None:
    try:
        controleer(beleid.regel(), in_force(datetime.now(UTC).date(), GRENZEN))
    except OngeldigBeleid as error:
        return str(error)
    return None


class BeleidRepository(Beleidsregister[KwijtscheldingBeleid, BeleidDocument]):
    def __init__(self) -> None:
        super().__init__(
            KWIJTSCHELDINGSBELEID,
            BeleidDocument,
            "kwijtschelding",
            "kwijtscheldingsbeleid",
            _waarom_ongeldig,
        )

    def van(self, organisatie: str) -> tuple[VastgesteldBeleid, str | None]:
        """The organisation's policy (the default when it set none) and its ETag."""
        found = self.eigen(organisatie)
        if found is None:
            return VastgesteldBeleid(organisatie=organisatie, standaard=True), None
        document, etag = found
        fields = document.model_dump(include=set(KwijtscheldingBeleid.model_fields))
        return (
            VastgesteldBeleid(
                **fields,
                organisatie=organisatie,
                standaard=False,
                gewijzigd_op=document.gewijzigd_op,
            ),
            etag,
        )

    def vastleggen(
        self, caller: Caller, organisatie: str, beleid: KwijtscheldingBeleid, etag: str | None
    ) -> tuple[VastgesteldBeleid, str]:
        nieuw = self.zet(caller, organisatie, beleid, etag)
        return self.van(organisatie)[0], nieuw
