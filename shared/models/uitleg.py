"""How an answer explains itself: the rule parameters it used and where each input came from."""

from __future__ import annotations

from datetime import date
from typing import Literal, Self

from shared.models.base import ApiModel
from shared.rules.parameters import Waarde


class GebruiktParameter(ApiModel):
    naam: str
    waarde: str
    ingang: date
    bron: str
    artikel: str

    @classmethod
    def van(cls, waarde: Waarde) -> Self:
        return cls(
            naam=waarde.naam,
            waarde=str(waarde.value),
            ingang=waarde.ingang,
            bron=waarde.source,
            artikel=waarde.artikel,
        )


class Herkomst(ApiModel):
    """Where one input came from: given by the user, or which source and period."""

    invoer: str
    herkomst: Literal["opgegeven", "bron", "aangenomen"]
    bron: str | None = None
    snapshot: str | None = None
    periode: str | None = None
    toelichting: str | None = None
