"""The beslagvrije-voet API: a request, and a stored, explained calculation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field, model_validator

from shared.models.base import ApiModel
from shared.models.bedrag import Bedrag
from shared.models.uitleg import GebruiktParameter, Herkomst
from shared.rules.bvv.formule import Leefsituatie
from shared.validation.identifiers import check_bsn

VEREIST_ZONDER_BSN = (
    "leefsituatie",
    "woonadres_in_nederland",
    "belastbaar_jaarinkomen",
    "inkomen_maand",
)


class Inrichting(ApiModel):
    kosten_maand: Bedrag


class BerekeningVerzoek(ApiModel):
    peildatum: date
    bsn: Annotated[str, AfterValidator(check_bsn)] | None = Field(
        default=None, description="Optional: gather every input not given from the sources."
    )
    leefsituatie: Leefsituatie | None = None
    woonadres_in_nederland: bool | None = None
    belastbaar_jaarinkomen: Bedrag | None = Field(default=None, description="C: debtor + partner.")
    inkomen_maand: Bedrag | None = Field(
        default=None, description="The debtor's monthly income incl. holiday pay."
    )
    niet_beslagen_inkomen_partner_maand: Bedrag | None = None
    niet_beslagen_eigen_inkomen_maand: Bedrag | None = None
    woonkosten_maand: Bedrag | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting: Inrichting | None = None

    @model_validator(mode="after")
    def _zonder_bsn_alles_opgeven(self) -> BerekeningVerzoek:
        if self.bsn is None:
            missing = [name for name in VEREIST_ZONDER_BSN if getattr(self, name) is None]
            if missing:
                raise ValueError(f"zonder bsn zijn verplicht: {', '.join(missing)}")
        if self.verzoek_verhoging_woonkosten and self.woonkosten_maand is None:
            raise ValueError("een verzoek om verhoging voor woonkosten vraagt woonkostenMaand")
        return self


class Onderdeel(ApiModel):
    code: str
    omschrijving: str
    bedrag: Bedrag
    artikel: str


class Invoerwaarden(ApiModel):
    """The inputs the calculation used (after gathering), kept for recalculation."""

    leefsituatie: Leefsituatie
    woonadres_in_nederland: bool
    belastbaar_jaarinkomen: Bedrag
    inkomen_maand: Bedrag
    niet_beslagen_inkomen_partner_maand: Bedrag
    niet_beslagen_eigen_inkomen_maand: Bedrag
    woonkosten_maand: Bedrag | None = None
    verzoek_verhoging_woonkosten: bool = False
    inrichting_kosten_maand: Bedrag | None = None


class Uitkomst(ApiModel):
    peildatum: date
    berekend_op: AwareDatetime
    beslagvrije_voet: Bedrag
    aflossingscapaciteit: Bedrag
    onderdelen: list[Onderdeel]
    parameters: list[GebruiktParameter]
    waarschuwingen: list[str]


class Berekening(Uitkomst):
    id: str
    organisatie: str
    geldig_tot: date = Field(description="Twelve months after the peildatum (Rv 475d lid 3).")
    invoer: Invoerwaarden
    bronnen: list[Herkomst]
    bsn_hash: str | None = Field(default=None, description="Keyed hash, never the BSN itself.")
    geschiedenis: list[Uitkomst] = Field(
        default_factory=list, description="Earlier outcomes, before a recalculation changed them."
    )
    gewijzigd_door_herberekening: bool = False


class HerberekeningVerzoek(ApiModel):
    peildatum: date = Field(description="The date new amounts take effect (1 January or 1 July).")


class HerberekeningResultaat(ApiModel):
    peildatum: date
    bekeken: int
    gewijzigd: int
    niet_mogelijk: int
    reden_niet_mogelijk: str | None = None
