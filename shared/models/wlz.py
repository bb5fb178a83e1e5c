"""The Wlz–Wmo samenloop on the wire and in the store."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel
from shared.models.bronnen import Bsn


class Registertoets(ApiModel):
    bsn: Bsn
    peildatum: date


class Indicatie(ApiModel):
    begindatum: date
    einddatum: date | None = None
    zorgprofiel: str | None = None


class RegistertoetsUitkomst(ApiModel):
    peildatum: date
    wlz_indicatie: Indicatie | None = Field(
        description="The indicatie in force on the peildatum in the CIZ Wlz-register, or null."
    )
    register_peildatum: date | None = Field(
        description="The date of the register's snapshot read; null when none is in force."
    )


class WmoToewijzing(ApiModel):
    """One assigned product of a resident (by its ToewijzingNummer), as its newest WMO301
    says (IV013); a removed one (RedenWijziging 13) is no longer active."""

    id: str
    gemeente: str
    bsn: str
    nummer: int
    ingangsdatum: date
    einddatum: date | None = None
    verwijderd: bool = False
    bijgewerkt_op: AwareDatetime


class WlzSignaal(ApiModel):
    id: str
    gemeente: str
    bsn: str
    indicatie_begindatum: date
    zorgprofiel: str | None = None
    gesignaleerd_op: AwareDatetime


class WlzSignalen(ApiModel):
    signalen: list[WlzSignaal]
