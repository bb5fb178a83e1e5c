"""Kwijtschelding: the real-time request and answer, an organisation's policy, the batch file."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from shared.bronnen.huishouden import Leefsituatie
from shared.models.base import ApiModel, samenhang, zonder_bsn_verplicht
from shared.models.bedrag import Bedrag, Percentage, PositiefBedrag
from shared.models.bronnen import Bsn, Cent
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.rules.kwijtschelding.toets import Autogrens, Beleid, Pensioennorm, Soort, Uitkomst

NUL = Decimal(0)
VEREIST_ZONDER_BSN = ("leefsituatie", "pensioengerechtigd")
INKOMEN = ("netto_besteedbaar_inkomen_maand", "netto_inkomen_maand")
"""Without a bsn one of these is required."""
VERDELING = (
    "de kwijtschelding is over de aanslagen verdeeld naar verhouding van hun bedragen: de wet "
    "kent geen volgorde (URI art. 11), en zo hangt de uitkomst niet af van de volgorde waarin "
    "ze zijn opgegeven"
)


class AanslagVerzoek(ApiModel):
    belastingsoort: str = Field(min_length=1, max_length=80)
    aanslagbedrag: PositiefBedrag


class ToetsVerzoek(ApiModel):
    peildatum: date = Field(description="The date of the request for remission.")
    model_config = ConfigDict(
        json_schema_extra=zonder_bsn_verplicht(*((naam,) for naam in VEREIST_ZONDER_BSN), INKOMEN)
    )

    bsn: Bsn | None = Field(
        default=None, description="Optional: gather every figure not given from the sources."
    )
    belastingsoort: str | None = Field(default=None, min_length=1, max_length=80)
    aanslagbedrag: PositiefBedrag | None = None
    aanslagen: list[AanslagVerzoek] | None = Field(
        default=None,
        min_length=1,
        max_length=50,
        description="Several assessments of one household, tested together (URI art. 11): "
        "instead of belastingsoort and aanslagbedrag.",
    )
    leefsituatie: Leefsituatie | None = None
    pensioengerechtigd: bool | None = None
    aantal_kostendelende_medebewoners: int | None = Field(
        default=None, ge=0, le=50, description="Pw art. 19a; from the sources with a bsn."
    )
    netto_besteedbaar_inkomen_maand: Bedrag | None = Field(
        default=None, description="Debtor and partner, after the URI art. 15 expenses."
    )
    netto_inkomen_maand: Bedrag | None = Field(
        default=None,
        description="Debtor and partner, net, before the URI art. 15 expenses (which the "
        "toets deducts from woonlastenMaand and zorgpremieMaand).",
    )
    woonlasten_maand: Bedrag = Field(
        default=NUL, description="Netto-woonlasten: rent or mortgage interest minus huurtoeslag."
    )
    zorgpremie_maand: Bedrag = NUL
    kinderopvang_maand: Bedrag = NUL
    aflossingen_maand: Bedrag = Field(
        default=NUL, description="Repayments on other debts (URI art. 17)."
    )
    liquide_middelen: Bedrag | None = None
    auto_waarde: Bedrag | None = Field(
        default=None, description="The trade value (URI art. 12 lid 3); else estimated from RDW."
    )
    auto_onmisbaar: bool = False
    ondernemer: bool = False
    bezwaar_of_beroep_aanhangig: bool = False
    belasting_zakelijk: bool = Field(default=False, description="An ondernemer's business tax.")
    inboedel_waarde: Bedrag = NUL
    eigen_woning_waarde: Bedrag = NUL
    hypotheekschuld: Bedrag = NUL
    alimentatie_ontvangen_maand: Bedrag = Field(
        default=NUL, description="Already part of the income; named in the explanation."
    )

    @model_validator(mode="after")
    def _zonder_bsn_alles_opgeven(self) -> Self:
        if self.bsn is None:
            missing = [to_camel(name) for name in VEREIST_ZONDER_BSN if getattr(self, name) is None]
            if all(getattr(self, name) is None for name in INKOMEN):
                missing.append(" of ".join(to_camel(name) for name in INKOMEN))
            if missing:
                raise samenhang(f"zonder bsn zijn verplicht: {', '.join(missing)}")
        if all(getattr(self, name) is not None for name in INKOMEN):
            raise samenhang("geef nettoBesteedbaarInkomenMaand of nettoInkomenMaand, niet beide")
        enkel = (self.belastingsoort, self.aanslagbedrag)
        if self.aanslagen is None and None in enkel:
            raise samenhang("geef belastingsoort en aanslagbedrag, of aanslagen")
        if self.aanslagen is not None and enkel != (None, None):
            raise samenhang("geef aanslagen of belastingsoort en aanslagbedrag, niet beide")
        return self


class KwijtscheldingBeleid(ApiModel):
    """An organisation's choices in its kwijtscheldingsverordening."""

    kosten_van_bestaan_percentage: Percentage = Field(
        default=Decimal(90), description="URI art. 16, RKBM art. 2: 90 to 100."
    )
    verhoging_vermogensnorm: Bedrag = Field(
        default=NUL,
        description="RKBM art. 4, gehuwden; 90% for an alleenstaande ouder, 75% alleenstaande.",
    )
    autogrens: Autogrens = Autogrens.URI
    kinderopvang_aftrekbaar: bool = False
    belastingsoorten: list[str] | None = Field(
        default=None, description="The tax types that qualify; absent: all."
    )
    pensioennorm: Pensioennorm = Pensioennorm.BIJSTANDSNORM
    ondernemers_prive: bool = False

    def regel(self) -> Beleid:
        return Beleid(
            kosten_van_bestaan_percentage=self.kosten_van_bestaan_percentage,
            verhoging_vermogensnorm=self.verhoging_vermogensnorm,
            autogrens=self.autogrens,
            kinderopvang_aftrekbaar=self.kinderopvang_aftrekbaar,
            belastingsoorten=None
            if self.belastingsoorten is None
            else frozenset(self.belastingsoorten),
            pensioennorm=self.pensioennorm,
            ondernemers_prive=self.ondernemers_prive,
        )


class BeleidDocument(KwijtscheldingBeleid):
    id: str
    organisatie: str
    gewijzigd_door: str
    gewijzigd_op: datetime


class VastgesteldBeleid(KwijtscheldingBeleid):
    organisatie: str
    standaard: bool = Field(
        description="True: the organisation has set nothing; the law's default."
    )
    gewijzigd_op: datetime | None = None


class BelemmeringUit(ApiModel):
    soort: Soort
    omschrijving: str
    artikel: str
    bedrag: Bedrag | None = None


class Voertuigwaardering(ApiModel):
    kenteken: str
    catalogusprijs: Bedrag
    datum_eerste_toelating: date
    waarde: Bedrag
    methode: str


class AanslagUitkomst(ApiModel):
    belastingsoort: str
    aanslagbedrag: Bedrag
    kwijtschelding: Bedrag
    te_betalen: Bedrag


class Toetsuitkomst(ApiModel):
    peildatum: date
    organisatie: str
    belastingsoort: str
    aanslagbedrag: Bedrag = Field(description="The assessment, or the total of `aanslagen`.")
    uitkomst: Uitkomst
    kwijtschelding: Bedrag = Field(description="For all assessments together.")
    te_betalen: Bedrag
    aanslagen: list[AanslagUitkomst] = Field(
        default_factory=list, description="Each assessment with its share."
    )
    kosten_van_bestaan: Bedrag
    netto_besteedbaar_inkomen: Bedrag | None = None
    woonlasten_aftrek: Bedrag | None = Field(default=None, description="URI art. 15 b.")
    zorgpremie_aftrek: Bedrag | None = Field(default=None, description="URI art. 15 c.")
    aantal_kostendelende_medebewoners: int = 0
    betalingscapaciteit: Bedrag
    vermogen: Bedrag
    belemmeringen: list[BelemmeringUit]
    beleid: KwijtscheldingBeleid
    parameters: list[GebruiktParameter]
    herkomst: list[Herkomst]
    voertuigen: list[Voertuigwaardering] = Field(default_factory=list)
    waarschuwingen: list[str] = Field(default_factory=list)


KOLOMMEN = (
    "organisatie", "bsn", "belastingsoort", "aanslagbedrag_cent", "aanvraagdatum", "ambtshalve",
    "woonlasten_maand_cent", "zorgpremie_maand_cent", "kinderopvang_maand_cent",
    "aflossingen_maand_cent", "ondernemer",
)  # fmt: skip


class Aanvraag(BaseModel):
    """One applicant in the batch file (UTF-8, `;`, this header, closing line `#aantal;N`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    organisatie: str = Field(pattern=r"^(GM|WS)[0-9]{4}$")
    bsn: Bsn
    belastingsoort: str = Field(min_length=1, max_length=80)
    aanslagbedrag_cent: Cent = Field(gt=0)
    aanvraagdatum: date
    ambtshalve: Literal["J", "N"]
    woonlasten_maand_cent: Cent = 0
    zorgpremie_maand_cent: Cent = 0
    kinderopvang_maand_cent: Cent = 0
    aflossingen_maand_cent: Cent = 0
    ondernemer: Literal["J", "N"] = "N"

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Self:
        return cls.model_validate({k: v for k, v in row.items() if v != ""})


class Toetsing(ApiModel):
    """One household of a batch file, stored per organisation (the tax authority)."""

    id: str
    organisatie: str
    aangeleverd_door: str
    levering: str
    regel: int
    regels: list[int] = Field(
        default_factory=list, description="Every line of the household: one per assessment."
    )
    bsn: str
    ambtshalve_verlenging: bool
    uitkomst: Toetsuitkomst


class ToetsingDocument(Toetsing):
    """A toetsing as stored: with the keyed hashes of the others whose records its figures
    came from (partner, children, co-residents), so that a read of it is on record for
    them; the hashes never leave the platform (`openbaar`)."""

    huishouden_hashes: list[str] = Field(default_factory=list)

    def openbaar(self) -> Toetsing:
        return self.als(Toetsing)


class ToetsingenDeel(ApiModel):
    """Stored: consecutive toetsingen of one delivery for one organisation, in the order
    they were tested; the shape the list of toetsingen is read in (whole parts, found by
    `volgorde`). `bsns` repeats the applicants' BSNs as the one indexed field, so a person's
    toetsingen are found without indexing the outcomes."""

    id: str
    organisatie: str
    levering: str
    volgorde: str = Field(description="Sorts the parts: start of processing, delivery, part.")
    aantal: int
    bsns: list[str]
    toetsingen: list[ToetsingDocument]


class ToetsingenLijst(ApiModel):
    toetsingen: list[Toetsing]
    volgende: str | None = None
