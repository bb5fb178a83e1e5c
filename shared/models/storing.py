"""Outage notices (storingen) and the organisations' subscriptions to them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import AwareDatetime, Field, field_validator, model_validator

from shared.models.base import ApiModel, samenhang
from shared.storingen.adressen import AdresGeweigerd, controleer_url


class Soort(StrEnum):
    STORING = "storing"
    ONDERHOUD = "onderhoud"
    """Planned maintenance."""


class StoringMelding(ApiModel):
    soort: Soort
    titel: str = Field(min_length=1, max_length=200)
    omschrijving: str = Field(min_length=1, max_length=4000)
    diensten: list[str] = Field(default_factory=list, description="Affected services; empty: all.")
    begin: AwareDatetime
    einde: AwareDatetime | None = Field(default=None, description="Expected or actual end.")

    @model_validator(mode="after")
    def _einde_na_begin(self) -> Self:
        if self.einde is not None and self.einde <= self.begin:
            raise samenhang("einde ligt niet na begin")
        return self

    def actueel(self, moment: datetime) -> bool:
        return self.begin <= moment and (self.einde is None or moment < self.einde)


class Storing(StoringMelding):
    id: str
    partitie: str = Field(description="The partition key: one partition, notices are few.")
    gemeld_door: str
    gewijzigd_op: AwareDatetime


class StoringenOverzicht(ApiModel):
    actueel: list[Storing]
    gepland: list[Storing]


HTTPS_ADRES = (
    r"^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"
    r"(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
    r"([/?][!\"$-~]*)?$"
)
"""The form the document promises: a host name or IPv4 address (not an IPv6 literal), a
port, a path without spaces, control characters or fragment. Where it resolves to is checked
when subscribing (422 when it points inside the platform) and again at every send."""


class _Adres(ApiModel):
    url: str = Field(
        max_length=2000,
        json_schema_extra={"pattern": HTTPS_ADRES},
        description="https, a public address (no private, loopback, link-local or metadata "
        "address, no user name or password); the notice is POSTed there as JSON.",
    )


class AbonnementAanvraag(_Adres):
    @field_validator("url")
    @classmethod
    def _https(cls, url: str) -> str:
        """The form of the address; where it resolves to is checked by the service."""
        try:
            controleer_url(url)
        except AdresGeweigerd as geweigerd:
            raise ValueError(geweigerd.reden) from None
        return url


class Bezorging(ApiModel):
    moment: AwareDatetime
    storing: str
    gelukt: bool
    toelichting: str


class Abonnement(_Adres):
    """Stored without re-checking its address: the check runs again at every delivery, so
    a subscription made under older rules stays readable and is refused there, with why."""

    id: str
    organisatie: str
    aangemaakt_op: AwareDatetime
    laatste_bezorging: Bezorging | None = None


class AbonnementenLijst(ApiModel):
    abonnementen: list[Abonnement]
