"""Organisations, the client applications bound to them, and their connections to services.

Every right here has a period: `geldigVan` (inclusive) to `geldigTot` (exclusive, open
when absent). A right is checked against the moment of the request, so a right whose
period has ended stops working at that moment, without anyone acting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import AwareDatetime, ConfigDict, Field, model_validator
from pydantic.config import JsonDict, JsonValue

from shared.models.base import ApiModel, samenhang
from shared.security.diensten import (
    CATALOGUS,
    Doel,
    waarom_niet_namens,
    waarom_niet_te_mandateren,
    zoek,
)
from shared.validation.organisatie import ANY_ORGANISATION, OIN, Soort, soort_of


class Periode(ApiModel):
    geldig_van: AwareDatetime
    geldig_tot: AwareDatetime | None = Field(default=None, description="Exclusive; open if absent.")

    LEEG_TOEGESTAAN: ClassVar[bool] = False
    """A stored right revoked before it started has an empty period (`geldigTot` equal to
    `geldigVan`): it never was active. What an operator sends must end after it starts."""

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Periode:
        if self.geldig_tot is None:
            return self
        if self.geldig_tot < self.geldig_van or (
            self.geldig_tot == self.geldig_van and not self.LEEG_TOEGESTAAN
        ):
            raise samenhang("geldigTot moet na geldigVan liggen")
        return self

    def is_actief(self, moment: datetime) -> bool:
        return self.geldig_van <= moment and (self.geldig_tot is None or moment < self.geldig_tot)


def _paren(doelen: list[Doel]) -> JsonDict:
    """The document's form of a dienst+doel pair: one of the catalogue's."""
    paren: list[JsonValue] = [
        {"properties": {"dienst": {"const": d.dienst}, "doel": {"const": d.code}}} for d in doelen
    ]
    return {"anyOf": paren}


class MandaatDienst(ApiModel):
    """One service and purpose a mandate covers."""

    model_config = ConfigDict(json_schema_extra=_paren([d for d in CATALOGUS if d.via_mandaat]))

    dienst: str = Field(min_length=1, max_length=50)
    doel: str = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _te_mandateren(self) -> MandaatDienst:
        reden = waarom_niet_te_mandateren(self.dienst, self.doel)
        if reden:
            raise ValueError(reden)
        return self


class Mandaat(Periode):
    """An organisation mandates another to act for it, for a period and for the services it
    names: a gemeente or waterschap an agency (debt relief, collecting local taxes as a
    belastingsamenwerking), a Doorstroompunt a gemeente of its region. Acting for it on any
    other service is refused; which kind may act for which, per service, is the catalogue's
    (`shared.security.diensten`)."""

    gemeente: str = Field(
        pattern=r"^((GM|WS)[0-9]{4}|DP[0-9]{2})$",
        description="The mandating gemeente, waterschap or Doorstroompunt (the name is kept "
        "for compatibility).",
    )
    diensten: list[MandaatDienst] = Field(
        min_length=1,
        max_length=len(CATALOGUS),
        description="The services and purposes the mandate covers; at least one.",
    )

    def waarom_niet_voor(self, gemandateerde: Soort) -> str | None:
        """Why an organisation of this kind cannot hold this mandate, or None."""
        mandant = soort_of(self.gemeente)
        doelen = (zoek(d.dienst, d.doel) for d in self.diensten)  # each one the catalogue's
        redenen = (waarom_niet_namens(d, mandant, gemandateerde) for d in doelen if d)
        return next(filter(None, redenen), None)

    def dekt(self, gemeente: str, doel: Doel, moment: datetime) -> bool:
        return (
            self.gemeente == gemeente
            and self.is_actief(moment)
            and any(d.dienst == doel.dienst and d.doel == doel.code for d in self.diensten)
        )


GEMEENTECODE = r"^GM[0-9]{4}$"


class DoorstroompuntRegio(ApiModel):
    """The region a Doorstroompunt serves (WEB art. 9.2.4): its gemeenten with the
    contactgemeente among them, as the regio-indeling in force publishes them."""

    naam: str = Field(min_length=1, max_length=200)
    contactgemeente: str = Field(pattern=GEMEENTECODE)
    gemeenten: list[Annotated[str, Field(pattern=GEMEENTECODE)]] = Field(
        min_length=1, max_length=100, description="Every gemeente of the region, each once."
    )
    bron: str = Field(
        min_length=1,
        max_length=300,
        description="Where this indeling is published (e.g. the bijlage of the Regeling "
        "regionaal programma en Doorstroompuntfunctie 2026-2029, Stcrt. 2025, 34596).",
    )

    @model_validator(mode="after")
    def _contactgemeente_in_de_regio(self) -> DoorstroompuntRegio:
        if len(set(self.gemeenten)) != len(self.gemeenten):
            raise samenhang("een gemeente staat meer dan eens in gemeenten")
        if self.contactgemeente not in self.gemeenten:
            raise samenhang("de contactgemeente hoort bij de gemeenten van de regio")
        return self


class OrganisatieGegevens(ApiModel):
    """What an operator sends to create or change an organisation."""

    naam: str = Field(min_length=1, max_length=200)
    mandaten: list[Mandaat] = Field(
        default_factory=list,
        max_length=400,
        description="At most one per gemeente and waterschap of the country, with room to spare.",
    )
    regio: DoorstroompuntRegio | None = Field(
        default=None, description="A Doorstroompunt's region; only a Doorstroompunt has one."
    )
    oin: str | None = Field(
        default=None,
        pattern=OIN,
        description="Its Organisatie-identificatienummer: how exchanges that name parties by "
        "OIN (VUM's X-VUM-fromParty) know it.",
    )


class Organisatie(OrganisatieGegevens):
    id: str = Field(pattern=ANY_ORGANISATION)
    organisatie: str = Field(description="The partition key: the same as `id`.")
    soort: Soort

    @model_validator(mode="after")
    def _consistent(self) -> Organisatie:
        if self.organisatie != self.id or soort_of(self.id) is not self.soort:
            raise ValueError("id, organisatie en soort horen bij elkaar")
        reden = next(filter(None, (m.waarom_niet_voor(self.soort) for m in self.mandaten)), None)
        if reden:
            raise ValueError(reden)
        if self.regio is not None and self.soort is not Soort.DOORSTROOMPUNT:
            raise ValueError("alleen een doorstroompunt heeft een regio")
        return self

    def in_regio(self, gemeente: str) -> bool:
        """Whether `gemeente` belongs to this Doorstroompunt's region."""
        return self.regio is not None and gemeente in self.regio.gemeenten

    def mandaat_voor(self, gemeente: str, doel: Doel, moment: datetime) -> bool:
        """Whether an active mandate of `gemeente` covers this service and purpose now."""
        return any(m.dekt(gemeente, doel, moment) for m in self.mandaten)


def binnen_de_regio(mandant_id: str, mandant: Organisatie | None, gemandateerde: str) -> bool:
    """Whether the mandant's region admits the mandated organisation: a Doorstroompunt
    mandates only a gemeente of its region (`mandant`: its stored organisation, None when it
    has none); other mandants have no region.

    >>> binnen_de_regio("GM0363", None, "MA12345678")
    True
    >>> binnen_de_regio("DP13", None, "GM0363")
    False
    """
    if soort_of(mandant_id) is not Soort.DOORSTROOMPUNT:
        return True
    return mandant is not None and mandant.id == mandant_id and mandant.in_regio(gemandateerde)


class OrganisatieLijst(ApiModel):
    organisaties: list[Organisatie]
    volgende: str | None = None


class AansluitingAanvraag(Periode):
    """What `autorisatiebeheer` sends to connect an organisation to a service."""

    model_config = ConfigDict(json_schema_extra=_paren(list(CATALOGUS)))

    dienst: str = Field(min_length=1)
    doel: str = Field(min_length=1)
    grondslag: str = Field(min_length=1, description="The legal basis of the purpose.")


class AansluitingWijziging(Periode):
    grondslag: str = Field(min_length=1)


class Aansluiting(AansluitingAanvraag):
    LEEG_TOEGESTAAN = True

    id: str
    organisatie: str
    verleend_door: str = Field(description="Client id of the autorisatiebeheer that last set it.")
    gewijzigd_op: AwareDatetime


class AansluitingenLijst(ApiModel):
    aansluitingen: list[Aansluiting]


class KoppelingAanvraag(Periode):
    """Binds a client application (its Entra ID client id) to an organisation."""

    organisatie: str = Field(pattern=ANY_ORGANISATION)
    omschrijving: str = Field(min_length=1, max_length=200)


class Koppeling(KoppelingAanvraag):
    LEEG_TOEGESTAAN = True

    id: str = Field(description="The client id.")
    client_id: str
    verleend_door: str
    gewijzigd_op: AwareDatetime
