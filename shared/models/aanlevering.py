"""The delivery (aanlevering) of a file by an organisation, and how far it got."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from shared.models.base import ApiModel
from shared.models.upload import UploadHerkomst


class Status(StrEnum):
    ONTVANGEN = "ontvangen"
    IN_BEHANDELING = "in behandeling"
    VERWERKT = "verwerkt"
    AFGEWEZEN = "afgewezen"

    @property
    def is_final(self) -> bool:
        return self in (Status.VERWERKT, Status.AFGEWEZEN)


class Afkeuring(ApiModel):
    """Why a record, or the whole file, was not accepted."""

    regel: int | None = Field(default=None, description="Line number in the file (1 = first).")
    reden: str


class Aanlevering(ApiModel):
    id: str = Field(description="Deterministic: a hash of service, organisation, name and content.")
    organisatie: str
    dienst: str
    bestandsnaam: str
    blobpad: str
    inhoud_hash: str = Field(description="SHA-256 of the file's content, hex.")
    grootte: int = Field(description="Size in bytes.")
    status: Status
    ontvangen: datetime
    bijgewerkt: datetime
    correlatie_id: str
    aantal_records: int | None = None
    aantal_goedgekeurd: int | None = None
    aantal_afgekeurd: int | None = None
    afkeuringen: list[Afkeuring] = Field(
        default_factory=list,
        description="The first reasons; the feedback report in `terugmeldingen` has them all.",
    )
    terugmelding: str | None = Field(default=None, description="Path of the feedback report.")
    quarantaine: str | None = Field(default=None, description="Path in quarantaine, if moved.")
    pogingen: int = Field(default=0, description="How often processing was started.")
    upload: UploadHerkomst | None = Field(
        default=None,
        description="The upload grant the file was written under, and who asked for it; "
        "absent for a file that appeared without one (it is refused).",
    )


class AanleveringenLijst(ApiModel):
    aanleveringen: list[Aanlevering]
    volgende: str | None = Field(default=None, description="Continuation token for the next page.")
