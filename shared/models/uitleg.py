"""How an answer explains itself: the rule parameters it used and where each input came from."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal

from shared.models.base import ApiModel
from shared.rules.parameters import Waarde


class GebruiktParameter(ApiModel):
    naam: str
    waarde: str
    ingang: date
    bron: str
    artikel: str

    @classmethod
    def van(cls, waarde: Waarde) -> GebruiktParameter:
        """One model per value in force, shared by every answer that used it: both are
        immutable, and a batch would otherwise build the same few dozen per household. Keyed
        on the value's text: 1.0 and 1.00 are equal Decimals but are shown as given."""
        return _gebruikt(
            waarde.naam, str(waarde.value), waarde.ingang, waarde.source, waarde.artikel
        )


@lru_cache(maxsize=4096)
def _gebruikt(naam: str, waarde: str, ingang: date, bron: str, artikel: str) -> GebruiktParameter:
    return GebruiktParameter(naam=naam, waarde=waarde, ingang=ingang, bron=bron, artikel=artikel)


class Herkomst(ApiModel):
    """Where one input came from: given by the user, or which source and period."""

    invoer: str
    herkomst: Literal["opgegeven", "bron", "aangenomen"]
    bron: str | None = None
    snapshot: str | None = None
    periode: str | None = None
    toelichting: str | None = None
