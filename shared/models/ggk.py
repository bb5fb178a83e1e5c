"""GGk messages on the wire and in the store: the track of one message, never its content."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel
from shared.storage.vervolg import Vervolg

Status = Literal["nieuw", "bevestigd", "afgekeurd"]
"""nieuw: in the receiver's postbus until acknowledged (offered again until then);
bevestigd: acknowledged; afgekeurd: refused, with the Fo01 in the sender's postbus."""


class Fout(ApiModel):
    code: str
    omschrijving: str


class GgkBericht(ApiModel):
    id: str
    soort: str = Field(description="Di01, Du01 or Fo01; what a refused envelope said it was.")
    functie: str = Field(description="The message type, e.g. WMO301; Fo01 for a foutbericht.")
    zender: str = Field(description="The envelope's zender (CBS code, AGB code or IB).")
    ontvanger: str = Field(description="The envelope's ontvanger.")
    referentienummer: str
    crossrefnummer: str | None = None
    status: Status
    ontvangen_op: AwareDatetime
    opgehaald_op: AwareDatetime | None = Field(default=None, description="First fetched.")
    bevestigd_op: AwareDatetime | None = None
    fout: Fout | None = Field(default=None, description="Why it was refused (afgekeurd).")
    foutbericht: str | None = Field(default=None, description="The id of its Fo01.")
    retour: str | None = Field(default=None, description="The id of its retour (Du01).")
    retour_ontvangen_op: AwareDatetime | None = None
    grootte: int


class Kenmerken(ApiModel):
    """What the stuurinformatie counts of a delivered message, read once when it passed: no
    person, only codes and amounts."""

    categorieen: list[str] = Field(default_factory=list, description="301: each product's.")
    retourcodes: list[str] = Field(default_factory=list, description="A retour's codes.")
    bedrag_cent: int | None = Field(default=None, description="323: TotaalIngediendBedrag.")


class GgkBerichtDocument(GgkBericht):
    postbus: str
    """Whose inbox (or, for a refused message, whose sent traffic) this is."""
    afzender: str
    """The platform organisation that sent it (GM…, VECOZO), or IB for the GGk's own Fo01s."""
    blob: str
    kenmerken: Kenmerken | None = None

    def openbaar(self) -> GgkBericht:
        return self.als(GgkBericht)


class GgkReferentie(ApiModel):
    id: str
    zender: str
    bericht: str


class GgkBerichten(ApiModel):
    berichten: list[GgkBericht]
    volgende: str | None = None


class GgkBerichtenQuery(ApiModel):
    richting: Literal["ontvangen", "verzonden"] = Field(
        default="ontvangen",
        description="ontvangen: the own postbus; verzonden: the track of what one sent.",
    )
    status: Status | None = Field(default=None, description="Only this status (e.g. nieuw).")
    pagina_grootte: int = Field(default=100, ge=1, le=1000)
    vervolg: Vervolg | None = None


class Telling(ApiModel):
    sleutel: str
    aantal: int


class Toewijzingen(ApiModel):
    categorie: str
    aanbieder: str
    aantal: int


class Declaraties(ApiModel):
    aanbieder: str
    aantal: int
    bedrag: str = Field(description="The declared total in euro (debit minus credit).")


class Doorlooptijd(ApiModel):
    aantal: int = Field(description="Heen messages of the month whose retour came.")
    mediaan_uren: float | None = None
    p90_uren: float | None = None


class Stuurinformatie(ApiModel):
    """One organisation's GGk traffic in one month, aggregates only (no BSN)."""

    organisatie: str
    maand: str
    verzonden: list[Telling] = Field(description="Messages sent, per functie.")
    ontvangen: list[Telling] = Field(description="Messages received, per functie.")
    afkeur: list[Telling] = Field(description="Own messages refused, per Fo01 code.")
    retourcodes: list[Telling] = Field(description="Retour codes in the retours exchanged.")
    doorlooptijd: Doorlooptijd = Field(description="From an own heen message to its retour.")
    toewijzingen: list[Toewijzingen]
    declaraties: list[Declaraties]


class StuurinformatieQuery(ApiModel):
    maand: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")
