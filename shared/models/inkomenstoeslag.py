"""The individuele inkomenstoeslag (Participatiewet art. 36): the gemeente's verordening, a
toets request and its answer."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from shared.bronnen.huishouden import Leefsituatie
from shared.models.base import ApiModel
from shared.models.bedrag import Bedrag, Decimaal, NietNegatiefBedrag
from shared.models.bronnen import Bsn
from shared.models.uitleg import GebruiktParameter
from shared.rules.iit import Aggregatie, Beleid, Uitkomst, Vergelijking


class InkomenstoeslagBeleid(ApiModel):
    """A gemeente's choices in its verordening (art. 8 lid 1 b: the raad sets what
    "langdurig" and "laag inkomen" mean and the amounts; the law sets no bounds, the
    ranges here are what verordeningen are seen to choose)."""

    percentage: int = Field(
        ge=100, le=150, description="The income limit as a percentage of the bijstandsnorm."
    )
    aggregatie: Aggregatie = Field(
        description="ELKE_MAAND: every month at or below the limit; GEMIDDELD: the months "
        "together at or below the limits together."
    )
    referteperiode_maanden: int = Field(
        ge=12, le=60, description="Whole calendar months before the month of the application."
    )
    met_vakantietoeslag: bool = Field(
        description="The norm including vakantietoeslag and the income including accrued "
        "holiday pay; or both without."
    )
    vermogenstoets: bool = Field(description="Test the vermogen of art. 34 (given per request).")
    bedragen: dict[Leefsituatie, NietNegatiefBedrag] = Field(
        description="The toeslag per year for each leefsituatie the verordening names."
    )

    def regel(self) -> Beleid:
        return Beleid(
            percentage=self.percentage,
            aggregatie=self.aggregatie,
            referteperiode_maanden=self.referteperiode_maanden,
            met_vakantietoeslag=self.met_vakantietoeslag,
            vermogenstoets=self.vermogenstoets,
            bedragen=dict(self.bedragen),
        )


class InkomenstoeslagBeleidDocument(InkomenstoeslagBeleid):
    id: str
    organisatie: str
    gewijzigd_door: str
    gewijzigd_op: datetime


class VastgesteldInkomenstoeslagBeleid(InkomenstoeslagBeleid):
    organisatie: str
    gewijzigd_op: datetime


class VermogenVerzoek(ApiModel):
    bezittingen: NietNegatiefBedrag = Field(description="Art. 34 lid 1: what is owned.")
    schulden: NietNegatiefBedrag = Field(description="Art. 34 lid 1: the debts.")


class InkomenstoeslagVerzoek(ApiModel):
    bsn: Bsn
    peildatum: date = Field(description="The date of the application.")
    vorige_toeslag: date | None = Field(
        default=None, description="When the gemeente last granted an IIT to the person."
    )
    vermogen: VermogenVerzoek | None = Field(
        default=None, description="Needed when the verordening tests the vermogen."
    )


class MaandUit(ApiModel):
    maand: str
    netto_inkomen: Bedrag | None
    norm: Bedrag | None
    toetsingsnorm: Bedrag | None
    netto_inkomen_procentueel: Decimaal | None
    vergelijking: Vergelijking
    volledig: bool
    reden: str | None


class VermogenUit(ApiModel):
    netto_vermogen: Bedrag
    grens: Bedrag
    procentueel: Decimaal
    vergelijking: Vergelijking


class InkomenstoeslagUitkomst(ApiModel):
    peildatum: date
    organisatie: str
    leefsituatie: Leefsituatie
    uitkomst: Uitkomst
    redenen: list[str]
    bedrag: Bedrag | None = Field(description="The toeslag per year, when the toets is met.")
    gemiddeld_procentueel: Decimaal | None
    maanden: list[MaandUit]
    vermogen: VermogenUit | None
    beleid: InkomenstoeslagBeleid
    parameters: list[GebruiktParameter]
    lezingen: list[str]
