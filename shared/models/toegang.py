"""Organisations, the client applications bound to them, and their connections to services.

Every right here has a period: `geldigVan` (inclusive) to `geldigTot` (exclusive, open
when absent). A right is checked against the moment of the request, so a right whose
period has ended stops working at that moment, without anyone acting.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, Field, model_validator

from shared.models.base import ApiModel
from shared.validation.organisatie import ANY_ORGANISATION, Soort, soort_of


class Periode(ApiModel):
    geldig_van: AwareDatetime
    geldig_tot: AwareDatetime | None = Field(default=None, description="Exclusive; open if absent.")

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Periode:
        if self.geldig_tot is not None and self.geldig_tot <= self.geldig_van:
            raise ValueError("geldigTot moet na geldigVan liggen")
        return self

    def is_actief(self, moment: datetime) -> bool:
        return self.geldig_van <= moment and (self.geldig_tot is None or moment < self.geldig_tot)


class Mandaat(Periode):
    """A gemeente or waterschap mandates an agency to act for it (debt relief, collecting
    local taxes as a belastingsamenwerking), for a period."""

    gemeente: str = Field(
        pattern=r"^(GM|WS)[0-9]{4}$",
        description="The mandating gemeente or waterschap (the name is kept for compatibility).",
    )


class OrganisatieGegevens(ApiModel):
    """What an operator sends to create or change an organisation."""

    naam: str = Field(min_length=1, max_length=200)
    mandaten: list[Mandaat] = Field(default_factory=list)


class Organisatie(OrganisatieGegevens):
    id: str = Field(pattern=ANY_ORGANISATION)
    organisatie: str = Field(description="The partition key: the same as `id`.")
    soort: Soort

    @model_validator(mode="after")
    def _consistent(self) -> Organisatie:
        if self.organisatie != self.id or soort_of(self.id) is not self.soort:
            raise ValueError("id, organisatie en soort horen bij elkaar")
        if self.mandaten and self.soort is not Soort.GEMANDATEERDE:
            raise ValueError("alleen een gemandateerde organisatie heeft mandaten")
        return self

    def mandaat_actief(self, gemeente: str, moment: datetime) -> bool:
        return any(m.gemeente == gemeente and m.is_actief(moment) for m in self.mandaten)


class OrganisatieLijst(ApiModel):
    organisaties: list[Organisatie]
    volgende: str | None = None


class AansluitingAanvraag(Periode):
    """What `autorisatiebeheer` sends to connect an organisation to a service."""

    dienst: str = Field(min_length=1)
    doel: str = Field(min_length=1)
    grondslag: str = Field(min_length=1, description="The legal basis of the purpose.")


class AansluitingWijziging(Periode):
    grondslag: str = Field(min_length=1)


class Aansluiting(AansluitingAanvraag):
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
    id: str = Field(description="The client id.")
    client_id: str
    verleend_door: str
    gewijzigd_op: AwareDatetime
