"""The inkomens- en vermogenstoets (Participatiewet art. 35 lid 3 and 4): the gemeente's
norms, a toets request and its answer."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.bronnen.huishouden import Leefsituatie
from shared.models.base import ApiModel
from shared.models.bedrag import Bedrag, Decimaal, NietNegatiefBedrag
from shared.models.bronnen import Bsn
from shared.models.inkomenstoeslag import VermogenVerzoek
from shared.models.uitleg import GebruiktParameter
from shared.rules.minimatoets import Minimabeleid, Soort, Uitkomst


class MinimaBeleid(ApiModel):
    """The gemeente's norms: the toetspercentage the bureau's service also allows."""

    toetspercentage: int = Field(
        ge=100, le=150, description="The toetsbedrag as a percentage of the bijstandsnorm."
    )
    vermogenstoets: bool = Field(description="Also test the vermogen (given per request).")
    vermogensgrens: NietNegatiefBedrag | None = Field(
        default=None, description="The gemeente's own limit; absent: art. 34 lid 3."
    )

    def regel(self) -> Minimabeleid:
        return Minimabeleid(self.toetspercentage, self.vermogenstoets, self.vermogensgrens)


class MinimaBeleidDocument(MinimaBeleid):
    id: str
    organisatie: str
    gewijzigd_door: str
    gewijzigd_op: datetime


class VastgesteldMinimaBeleid(MinimaBeleid):
    organisatie: str
    gewijzigd_op: datetime


class MinimatoetsVerzoek(ApiModel):
    bsn: Bsn
    peildatum: date = Field(description="The date of the application (or the renewal).")
    vermogen: VermogenVerzoek | None = Field(
        default=None, description="Needed when the gemeente tests the vermogen."
    )


class BelemmeringUit(ApiModel):
    soort: Soort
    toelichting: str


class MinimatoetsUitkomst(ApiModel):
    peildatum: date
    organisatie: str
    leefsituatie: Leefsituatie
    uitkomst: Uitkomst
    belemmeringen: list[BelemmeringUit]
    minima_uitkering: str | None = Field(description="The running benefit that was found.")
    inkomensnorm: Bedrag | None
    toetspercentage: int | None
    toetsbedrag: Bedrag | None
    netto_inkomen: Bedrag | None
    overschrijding: Bedrag | None
    overschrijding_procent_toetsbedrag: Decimaal | None
    inkomen_procent_norm: Decimaal | None
    netto_vermogen: Bedrag | None
    vermogensgrens: Bedrag | None
    beleid: MinimaBeleid
    parameters: list[GebruiktParameter]
    lezingen: list[str]
