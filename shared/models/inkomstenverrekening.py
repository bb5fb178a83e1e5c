"""Inkomstenverrekening bijstand: the gemeente's choices."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.models.base import ApiModel
from shared.rules.oib import Vakantiegeld


class InkomstenverrekeningBeleid(ApiModel):
    """What the gemeente chose; storing it is also its choice to receive the monthly
    inkomstenverrekening with its rechtmatigheid delivery (the bureau's opt-in)."""

    vakantiegeld: Vakantiegeld = Field(
        description="AANSPRAAK: the monthly aanspraak op vakantietoeslag of the Regeling "
        "(art. 11-13) counts with the income; UITBETAALD: the holiday pay counts in the month "
        "it is paid."
    )
    vrijlating_arbeid: bool = Field(
        description="The college judges the vrijlating of art. 31 lid 2 n (25% of income "
        "from work, at most six months) to contribute to arbeidsinschakeling of its "
        "recipients aged 27 and over; false: the gemeente decides it per person itself."
    )


class InkomstenverrekeningBeleidDocument(InkomstenverrekeningBeleid):
    id: str
    organisatie: str
    gewijzigd_door: str
    gewijzigd_op: datetime


class VastgesteldInkomstenverrekeningBeleid(InkomstenverrekeningBeleid):
    organisatie: str
    gewijzigd_op: datetime
