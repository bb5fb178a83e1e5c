"""Asking what the sources hold on one person (the BSN travels in the body, never the URL)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel
from shared.models.bronnen import Bsn
from shared.models.bronsnapshot import Snapshot


class PersoonVraag(ApiModel):
    bsn: Bsn
    peildatum: date = Field(description="The reference date: the snapshots in force on it.")


class BronStand(ApiModel):
    bron: str
    snapshot: Snapshot | None = Field(description="None: no snapshot of this source for the date.")
    records: list[dict[str, Any]] = Field(description="In the source file's own column names.")


class PersoonBronnen(ApiModel):
    peildatum: date
    bronnen: list[BronStand]


class VerzoekStatus(StrEnum):
    ONTVANGEN = "ONTVANGEN"
    VERLENGD = "VERLENGD"
    SAMENGESTELD = "SAMENGESTELD"
    VRIJGEGEVEN = "VRIJGEGEVEN"
    GEWEIGERD = "GEWEIGERD"


class InzageverzoekAanvraag(ApiModel):
    """A resident's request to see what is held on him (AVG art. 15), as received."""

    bsn: Bsn
    ontvangen_op: date = Field(
        description="The day the request was received: the term runs from it."
    )
    identiteit: str = Field(
        min_length=1,
        max_length=300,
        description="How the requester's identity was established (e.g. DigiD Substantieel, an "
        "identity document at the desk).",
    )


class Verlenging(ApiModel):
    """AVG art. 12 lid 3: at most two further months, told with reasons within the first."""

    maanden: int = Field(ge=1, le=2)
    redenen: str = Field(min_length=1, max_length=2000)


class Weigering(ApiModel):
    """AVG art. 12 lid 4 and 5: refused with reasons and the means of redress."""

    redenen: str = Field(min_length=1, max_length=2000)


RECHTSMIDDELEN = (
    "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (AVG art. 77) of naar de "
    "rechter gaan (AVG art. 79)."
)


class Inzageverzoek(ApiModel):
    id: str
    bsn: str
    ontvangen_op: date
    identiteit: str
    termijn: date = Field(description="One month after receipt (AVG art. 12 lid 3).")
    uiterste_termijn: date = Field(description="The term with its extension, if any.")
    status: VerzoekStatus
    verlenging: Verlenging | None = None
    weigering: Weigering | None = None
    rechtsmiddelen: str | None = None
    geregistreerd_door: str = Field(
        description="Who did it: the principal of the operator's token (Entra `oid`: the person "
        "signed in, the same through any client); the four-eyes rule compares these."
    )
    antwoord: str | None = Field(
        default=None, description="The id of the answer assembled last: the one to release."
    )
    samengesteld_door: str | None = None
    samengesteld_op: AwareDatetime | None = None
    vrijgegeven_door: str | None = None
    vrijgegeven_op: AwareDatetime | None = None


class Brongegevens(ApiModel):
    bron: str
    houder: str
    omschrijving: str
    peildatum: date | None = Field(description="The snapshot's date; None: none held.")
    records: list[dict[str, Any]]


class UitkomstOverU(ApiModel):
    soort: str
    organisatie: str
    organisatie_naam: str | None = None
    datum: str
    gegevens: dict[str, Any]
    uitleg: str = Field(description="The logic behind it, in plain Dutch (AVG art. 15 lid 1 h).")
    achtergehouden: list[str] = Field(
        default_factory=list, description="What was left out as other people's data."
    )


class Verwerkingsregel(ApiModel):
    tijdstip: AwareDatetime
    organisatie: str
    organisatie_naam: str | None = None
    handeling: str
    grondslag: str
    bronnen: list[str]
    bewaartermijn: str
    vertrouwelijk: str | None = Field(
        default=None,
        description="The legal ground on which this use is withheld from the resident's own "
        "view; None: shown there too.",
    )


class Vrijgave(ApiModel):
    """The release names the answer the second operator reviewed: an answer assembled again
    since is not released unseen."""

    antwoord: str = Field(min_length=1, max_length=100)


class InzageAntwoord(ApiModel):
    id: str
    verzoek: str
    samengesteld_op: AwareDatetime
    gegevens: list[Brongegevens]
    uitkomsten: list[UitkomstOverU]
    verwerkingen: list[Verwerkingsregel]
    rechten: str
    anderen: str = Field(description="How other people's data were left out (AVG art. 15 lid 4).")
    categorieen: list[str] = Field(description="The categories of data held (AVG art. 15 lid 1 b).")
    bewaartermijnen: str = Field(description="How long each is kept (AVG art. 15 lid 1 d).")


class OpgeslagenAntwoord(ApiModel):
    """One assembled version of an answer, stored by its request."""

    id: str
    verzoek: str
    antwoord: InzageAntwoord
