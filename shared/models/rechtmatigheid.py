"""The gemeente's delivery of its benefit recipients, and the signals that come back."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.models.base import ApiModel
from shared.models.bronnen import Bsn, Iban, Postcode

KOLOMMEN = (
    "bsn", "regeling", "begindatum", "einddatum", "partner_bsn", "iban", "postcode", "huisnummer",
)  # fmt: skip


class Ontvanger(BaseModel):
    """One recipient in the delivery file (UTF-8, `;`, this header, closing line `#aantal;N`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    bsn: Bsn
    regeling: Literal["PW", "IOAW", "IOAZ", "BBZ", "AIO"]
    begindatum: date
    einddatum: date | None = None
    partner_bsn: Bsn | None = None
    iban: Iban
    postcode: Postcode
    huisnummer: int = Field(ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.einddatum is not None and self.einddatum < self.begindatum:
            raise ValueError("einddatum ligt voor begindatum")
        if self.partner_bsn == self.bsn:
            raise ValueError("partner_bsn is gelijk aan bsn")
        return self

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Self:
        return cls.model_validate({k: (v if v != "" else None) for k, v in row.items()})


class SignaalStatus(StrEnum):
    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"


class Uitkomst(StrEnum):
    TERECHT = "terecht"
    ONTERECHT = "onterecht"
    AL_BEKEND = "al_bekend"


class EerdereLevering(ApiModel):
    """A signal as it was delivered before its evidence changed."""

    bewijs: dict[str, Any]
    geleverd_op: datetime
    levering: str


MEDEBEWONER = "medebewoner"
"""The field of a signal's evidence that names another person (KOSTENDELER)."""


class Signaal(ApiModel):
    id: str
    organisatie: str
    type: str
    omschrijving: str
    bsn: str = Field(description="The recipient the signal is about (the gemeente delivered it).")
    rol: Literal["aanvrager", "partner"]
    betrokkene_bsn: str = Field(description="Whose fact it is: the recipient or the partner.")
    sleutel: str = Field(description="What makes the fact this fact (e.g. the start date).")
    bewijs: dict[str, Any]
    inhoud_hash: str
    status: SignaalStatus
    geleverd_op: datetime
    levering: str = Field(description="The delivery (aanlevering) whose run produced it.")
    uitkomst: Uitkomst | None = None
    afgehandeld_op: datetime | None = None
    geschiedenis: list[EerdereLevering] = Field(
        default_factory=list,
        description="Earlier deliveries of this signal, newest last, with their evidence.",
    )

    @property
    def personen(self) -> list[str]:
        """Everyone whose data the signal holds: the recipient, whose fact it is, and the
        co-resident a KOSTENDELER signal names (`bewijs.medebewoner`)."""
        medebewoner = self.bewijs.get(MEDEBEWONER)
        return [self.bsn, self.betrokkene_bsn, *([medebewoner] if medebewoner else [])]


class SignaalLijst(ApiModel):
    signalen: list[Signaal]
    volgende: str | None = None


class Afhandeling(ApiModel):
    uitkomst: Uitkomst


class TypeCijfers(ApiModel):
    type: str
    geleverd: int
    terecht: int
    onterecht: int
    al_bekend: int
    open: int
    trefkans: float | None = Field(description="terecht / afgehandeld; None when none handled.")


class Productiecijfers(ApiModel):
    jaar: int
    maand: int | None
    per_type: list[TypeCijfers]
    totaal: int


class Leverkwaliteit(ApiModel):
    maand: str
    gemeenten: int
    correct: int
    aandeel_correct: float | None


class Signaalbestand(ApiModel):
    """One signal file of a gemeente (`{bestand}.signalen.csv` or `.json`), without content."""

    naam: str
    grootte: int = Field(description="Size in bytes.")
    gewijzigd: datetime


class SignaalbestandenLijst(ApiModel):
    bestanden: list[Signaalbestand]
