"""Parameter sets on the wire and in the store: one regeling's amounts from one date on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from statistics import median_low
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from shared.models.base import ApiModel
from shared.models.bedrag import Decimaal

Regelingnaam = Literal["beslagvrije-voet", "kwijtschelding", "participatiewet", "doorstroompunt"]
Naam = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,79}$")]
Tekst = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Client = Annotated[str, StringConstraints(max_length=200)]

INITIEEL = "provisioning"
"""Who proposed and approved an initial set: the deployment, from the code's parameters."""


class Status(StrEnum):
    VOORGESTELD = "VOORGESTELD"
    VASTGESTELD = "VASTGESTELD"
    INGETROKKEN = "INGETROKKEN"
    """Replaced: a proposal by a newer one, an approved set by its approved correction."""


class ParameterWaarde(ApiModel):
    waarde: Decimaal
    eenheid: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    bron: Tekst = Field(description="Where the value is published (Staatscourant, wet).")
    artikel: Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Toelichting(ApiModel):
    """Why a value outside the band is right: it holds for this value only, so a body sent
    back with an old reason does not let a changed (mistyped) value through."""

    waarde: Decimaal
    reden: Tekst


class Bandafwijking(ApiModel):
    naam: Naam
    vorige: Decimaal
    nieuw: Decimaal
    toelichting: str | None = Field(
        default=None, description="Why the proposer accepts it; without one the set is refused."
    )


class Verschillen(ApiModel):
    """How much the outcomes the new set changes move, in euro (new minus old)."""

    aantal: int
    min: Decimaal | None = None
    mediaan: Decimaal | None = None
    max: Decimaal | None = None


def verschillen_van(bedragen: list[Decimal]) -> Verschillen:
    """The count, smallest, median (of an even count the lower middle one: an amount that
    occurs) and largest of the differences."""
    if not bedragen:
        return Verschillen(aantal=0)
    return Verschillen(
        aantal=len(bedragen), min=min(bedragen), mediaan=median_low(bedragen), max=max(bedragen)
    )


class BerekeningenVoorvertoning(ApiModel):
    bekeken: int
    gewijzigd: Verschillen
    niet_mogelijk: int
    reden_niet_mogelijk: str | None = None


class BeleidVoorvertoning(ApiModel):
    organisatie: str
    kosten_van_bestaan_oud: Decimaal | None
    kosten_van_bestaan_nieuw: Decimaal | None
    geldig: bool | None = Field(
        description="Still allowed with the set; null: not to compute yet (a set is missing)."
    )
    reden: str | None = None


class Voorvertoning(ApiModel):
    """What approving the set would change, computed when it was proposed."""

    peildatum: date
    berekeningen: BerekeningenVoorvertoning | None = Field(
        default=None, description="Stored BVV calculations the set would change."
    )
    beleid: list[BeleidVoorvertoning] = Field(
        default_factory=list,
        description=(
            "Per kwijtschelding policy the monthly kosten van bestaan of an alleenstaande "
            "before and with the set, and whether the policy is still allowed."
        ),
    )
    beleid_verschillen: Verschillen | None = None


class Controles(ApiModel):
    """The checks before approval; an approval is refused while `lid8` names a problem."""

    compleet: bool
    band: list[Bandafwijking] = Field(
        default_factory=list, description="Values outside the band of the previous period."
    )
    bandbreedte: str
    lid8: list[str] | None = Field(
        default=None,
        description="BVV: each 475da lid 1 maximum the formula does not reproduce (lid 8).",
    )
    voorvertoning: Voorvertoning | None = None


ALLEEN_LEZEN = "Alleen-lezen: mag worden teruggestuurd en wordt dan genegeerd."


class ParametersetVoorstel(ApiModel):
    """A proposed set. The body a GET returns can be sent back as is: its read-only fields
    are taken and ignored (regeling and ingangsdatum must match the path)."""

    bron: Tekst = Field(description="The publication the set is taken from.")
    parameters: dict[Naam, ParameterWaarde] = Field(max_length=200)
    toelichtingen: dict[Naam, Toelichting] = Field(
        default_factory=dict,
        max_length=200,
        description="Per parameter outside the band of the previous period: why, for that value.",
    )
    regeling: Regelingnaam | None = Field(default=None, description=ALLEEN_LEZEN)
    ingangsdatum: date | None = Field(default=None, description=ALLEEN_LEZEN)
    versie: int | None = Field(default=None, description=ALLEEN_LEZEN)
    status: Status | None = Field(default=None, description=ALLEEN_LEZEN)
    onbekend: dict[Naam, str] | None = Field(default=None, description=ALLEEN_LEZEN)
    voorgesteld_door: Client | None = Field(default=None, description=ALLEEN_LEZEN)
    voorgesteld_op: AwareDatetime | None = Field(default=None, description=ALLEEN_LEZEN)
    vastgesteld_door: Client | None = Field(default=None, description=ALLEEN_LEZEN)
    vastgesteld_op: AwareDatetime | None = Field(default=None, description=ALLEEN_LEZEN)
    ingetrokken_op: AwareDatetime | None = Field(default=None, description=ALLEEN_LEZEN)
    controles: Controles | None = Field(default=None, description=ALLEEN_LEZEN)


class ParametersetSamenvatting(ApiModel):
    regeling: Regelingnaam
    ingangsdatum: date
    versie: int
    status: Status
    bron: str
    voorgesteld_door: str
    voorgesteld_op: AwareDatetime
    vastgesteld_door: str | None = None
    vastgesteld_op: AwareDatetime | None = None
    ingetrokken_op: AwareDatetime | None = None


class Parameterset(ParametersetSamenvatting):
    parameters: dict[str, ParameterWaarde]
    toelichtingen: dict[str, Toelichting] = Field(default_factory=dict)
    onbekend: dict[str, str] = Field(
        default_factory=dict,
        description="An initial set: the parameters the code did not know on the date, and why.",
    )
    controles: Controles | None = None


class ParametersetDocument(Parameterset):
    id: str

    def openbaar(self) -> Parameterset:
        return self.als(Parameterset)


class Parametersets(ApiModel):
    parametersets: list[ParametersetSamenvatting]


class ParametersetsQuery(ApiModel):
    regeling: Regelingnaam | None = None


class ParametersetQuery(ApiModel):
    versie: int | None = Field(default=None, ge=1, description="An earlier version (history).")
