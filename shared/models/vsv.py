"""VSV 2.0 on the wire and in the store: a Doorstroompunt's register of the young people it
follows, the daily income signals and the weekly priorities."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel, NamensQuery
from shared.models.bronnen import Bsn
from shared.storage.vervolg import Vervolg


class Aanmeldreden(StrEnum):
    VOORTIJDIG_SCHOOLVERLATER = "VOORTIJDIG_SCHOOLVERLATER"
    JONGERE_IN_KWETSBARE_POSITIE = "JONGERE_IN_KWETSBARE_POSITIE"
    OVERIG = "OVERIG"


class Afmeldreden(StrEnum):
    ONDERWIJS = "ONDERWIJS"
    WERK = "WERK"
    STARTKWALIFICATIE = "STARTKWALIFICATIE"
    VERHUISD = "VERHUISD"
    BUITEN_DOELGROEP = "BUITEN_DOELGROEP"
    OVERIG = "OVERIG"


class Aanmelding(ApiModel):
    bsn: Bsn
    reden: Aanmeldreden
    datum: date = Field(description="From when the Doorstroompunt follows the young person.")


class Afmelding(ApiModel):
    reden: Afmeldreden
    datum: date = Field(description="From when the Doorstroompunt no longer follows him.")


class AfmeldQuery(Afmelding, NamensQuery):
    """A deregistration as the DELETE's query string."""


class Gebeurtenis(ApiModel):
    """One change of the register: who followed the young person from when, and why."""

    actie: Literal["AANGEMELD", "AFGEMELD"]
    doorstroompunt: str
    datum: date
    reden: str
    door: str = Field(description="The client (or delivery) that made the change.")
    moment: AwareDatetime


class Registratie(ApiModel):
    """One young person in the register: at most one Doorstroompunt follows him at a time.
    Stored per person (partition: the BSN); the id is a keyed hash of the BSN."""

    id: str
    bsn: str
    doorstroompunt: str | None = Field(description="Who follows him now; null: nobody.")
    aangemeld_op: date = Field(description="The date of the newest registration.")
    reden: Aanmeldreden
    prioriteit: int | None = Field(
        default=None, description="The priority of the newest weekly report; null: none yet."
    )
    prioriteit_week: str | None = None
    vorige_prioriteit: int | None = Field(
        default=None, description="The priority of the report before it (the change since)."
    )
    geschiedenis: list[Gebeurtenis] = Field(default_factory=list)

    def afgemeld(self, datum: date, reden: str, door: str, moment: datetime) -> Registratie:
        """Ended by the Doorstroompunt that follows him: nobody follows him any more, and
        the history keeps who did and why."""
        if self.doorstroompunt is None:
            raise ValueError("een registratie zonder Doorstroompunt wordt niet afgemeld")
        einde = Gebeurtenis(
            actie="AFGEMELD",
            doorstroompunt=self.doorstroompunt,
            datum=datum,
            reden=reden,
            door=door,
            moment=moment,
        )
        return self.model_copy(
            update={"doorstroompunt": None, "geschiedenis": [*self.geschiedenis, einde]}
        )


class Inschrijving(ApiModel):
    """A registration as the Doorstroompunt that holds it sees it."""

    id: str
    bsn: str
    aangemeld_op: date
    reden: Aanmeldreden
    prioriteit: int | None = None
    prioriteit_week: str | None = None
    geschiedenis: list[Gebeurtenis] = Field(
        description="The changes made by this Doorstroompunt (another region's are not shown)."
    )


class Inschrijvingen(ApiModel):
    inschrijvingen: list[Inschrijving]
    volgende: str | None = Field(default=None, description="`vervolg` of the next page.")


class InschrijvingenQuery(NamensQuery):
    vervolg: Vervolg | None = None


class VsvSignaal(ApiModel):
    """A new or ended income relation or benefit of a young person the Doorstroompunt
    follows who had no priority yet or priority 1, once, the day after a source shows it."""

    id: str
    doorstroompunt: str
    bsn: str
    soort: Literal["INKOMSTENVERHOUDING", "UITKERING"]
    gebeurtenis: Literal["BEGIN", "EINDE"]
    bron: str
    omschrijving: str = Field(
        description="The relation: the employer's loonheffingennummer, or the benefit and "
        "who pays it."
    )
    begindatum: date
    einddatum: date | None = None
    bron_peildatum: date = Field(description="The source snapshot that first showed it.")
    gesignaleerd_op: AwareDatetime


class VsvSignalen(ApiModel):
    signalen: list[VsvSignaal]


class SignalenQuery(NamensQuery):
    sinds: date | None = Field(
        default=None, description="Only signals made on or after this day (UTC)."
    )


class SuggestiesQuery(ApiModel):
    maand: str = Field(
        pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$", description="The month they turn 18 (YYYY-MM)."
    )


class Aanmeldsuggestie(ApiModel):
    bsn: str
    geboortedatum: date
    ingeschreven: bool | None = Field(
        description="Enrolled in education (DUO) on the peildatum: false; null when no "
        "snapshot of the enrolments is in force (then nobody is left out for it)."
    )


class Aanmeldsuggesties(ApiModel):
    """The gemeente's residents who turn 18 in the month without a startkwalificatie and
    whom no Doorstroompunt follows: a suggestion to register, no decision."""

    maand: str
    peildatum: date = Field(description="The sources are read as in force on this day.")
    suggesties: list[Aanmeldsuggestie]
