"""The inkomens- en vermogenstoets for categorical bijzondere bijstand and the gemeente's other
minimaregelingen (Participatiewet art. 35 lid 3: collective health insurance without
testing the actual costs; the energietoeslag of art. 35 lid 4-6): a pure function of the
household's figures and the gemeente's norms, as the bureau's service does it.

Readings (each answer repeats the ones it used):
- The norm is the bijstandsnorm of the household (art. 21: alleenstaande (ouder) or
  gehuwden; from the pensioengerechtigde leeftijd, of either spouse, art. 22), including
  vakantietoeslag; a person of 18 to 20 is held to it too, not to the youth norms of art. 20.
  The income it is compared with includes holiday pay: a twelfth of what was paid in the
  last twelve months or, when the polis shows none, the 8% of the Wet minimumloon on the
  net of the relations that carry it.
- The toetsbedrag is the norm times the gemeente's toetspercentage (100 to 150), rounded to
  the cent; an income equal to it meets it.
- A running PW, IOAW, IOAZ or AIO benefit shows an income below the minimum: no income
  obstacle, and no income is read (the bureau's rule).
- A household of three or more persons of 18 or older at the address is not tested: the
  bureau's rule, followed as it is (art. 22a makes one kostendeler enough for a
  kostendelersnorm, so the rule is a practical limit, not the law's).
- The overschrijding is shown as an amount, as a percentage of the toetsbedrag and with the
  income as a percentage of the norm: the base of the bureau's percentage is not published.
- The vermogen, when the gemeente tests it, is what is owned minus the debts against the
  gemeente's own limit or, without one, the vermogensgrens of art. 34 lid 3 for the
  leefsituatie: a policy reading, since art. 35 lid 1 puts art. 34 lid 2 aside for
  bijzondere bijstand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.bronnen.huishouden import Leefsituatie
from shared.rules.afronding import op_centen
from shared.rules.parameters import Waarde, in_force

HONDERD = Decimal(100)
PROCENT = Decimal("0.01")  # not statutory: a percentage is shown to two decimals
MINIMA_UITKERINGEN = ("PW", "IOAW", "IOAZ", "AIO")
"""Benefits that show an income below the minimum (the bureau's list)."""
NIET_GETOETST_VANAF = 3  # not statutory: the bureau's rule (three or more adults)


class Soort(StrEnum):
    INKOMEN = "INKOMEN"
    VERMOGEN = "VERMOGEN"
    HUISHOUDEN = "HUISHOUDEN"


class Uitkomst(StrEnum):
    VOLDOET = "VOLDOET"
    BELEMMERING = "BELEMMERING"
    NIET_GETOETST = "NIET_GETOETST"


@dataclass(frozen=True)
class Minimabeleid:
    toetspercentage: int
    vermogenstoets: bool
    vermogensgrens: Decimal | None = None
    """The gemeente's own limit; None: the vermogensgrens of art. 34 lid 3."""


@dataclass(frozen=True)
class Huishouden:
    leefsituatie: Leefsituatie
    pensioengerechtigd: bool
    volwassenen: int
    """Persons of 18 or older at the address, the person included."""
    minima_uitkering: str | None
    """A running PW, IOAW, IOAZ or AIO benefit of the person or the partner."""
    netto_inkomen: Decimal | None
    """Net per month with holiday pay, both partners (None: not known)."""
    bezittingen: Decimal | None = None
    schulden: Decimal | None = None


@dataclass(frozen=True)
class Belemmering:
    soort: Soort
    toelichting: str


@dataclass(frozen=True)
class Toets:
    uitkomst: Uitkomst
    belemmeringen: list[Belemmering]
    inkomensnorm: Decimal | None = None
    toetspercentage: int | None = None
    toetsbedrag: Decimal | None = None
    netto_inkomen: Decimal | None = None
    overschrijding: Decimal | None = None
    overschrijding_procent_toetsbedrag: Decimal | None = None
    inkomen_procent_norm: Decimal | None = None
    netto_vermogen: Decimal | None = None
    vermogensgrens: Decimal | None = None
    parameters: list[Waarde] = field(default_factory=list)


def _norm_naam(h: Huishouden) -> str:
    gehuwd = h.leefsituatie is Leefsituatie.GEHUWD
    naam = "norm_gehuwden" if gehuwd else "norm_alleenstaande"
    return f"{naam}_pensioen" if h.pensioengerechtigd else naam


def toets(peildatum: date, h: Huishouden, beleid: Minimabeleid) -> Toets:
    if h.volwassenen >= NIET_GETOETST_VANAF:
        reden = (
            f"{h.volwassenen} personen van 18 jaar of ouder op het adres: de kostendelersnorm "
            "past niet bij een percentage van de norm voor alleenstaanden of gehuwden"
        )
        return Toets(Uitkomst.NIET_GETOETST, [Belemmering(Soort.HUISHOUDEN, reden)])
    naam = _norm_naam(h)
    grens_naam = (
        "vermogensgrens_alleenstaande"
        if h.leefsituatie is Leefsituatie.ALLEENSTAANDE
        else "vermogensgrens_gezin"  # art. 34 lid 3 b: gehuwden and the alleenstaande ouder
    )
    namen = [naam, *([grens_naam] if beleid.vermogenstoets else [])]
    p = in_force(peildatum, namen)
    norm = p[naam].value
    toetsbedrag = op_centen(norm * beleid.toetspercentage / HONDERD)
    belemmeringen: list[Belemmering] = []
    overschrijding = procent_toetsbedrag = procent_norm = None
    if h.minima_uitkering is None:
        if h.netto_inkomen is None:
            belemmeringen.append(Belemmering(Soort.INKOMEN, "het inkomen is niet bekend"))
        else:
            procent_norm = (h.netto_inkomen / norm * HONDERD).quantize(PROCENT)
            if h.netto_inkomen > toetsbedrag:
                overschrijding = h.netto_inkomen - toetsbedrag
                procent_toetsbedrag = (overschrijding / toetsbedrag * HONDERD).quantize(PROCENT)
                belemmeringen.append(
                    Belemmering(
                        Soort.INKOMEN,
                        f"het inkomen is {overschrijding} hoger dan het toetsbedrag "
                        f"({beleid.toetspercentage}% van de norm)",
                    )
                )
    netto_vermogen = grens = None
    if beleid.vermogenstoets:
        grens = p[grens_naam].value if beleid.vermogensgrens is None else beleid.vermogensgrens
        if h.bezittingen is None or h.schulden is None:
            belemmeringen.append(Belemmering(Soort.VERMOGEN, "het vermogen is niet opgegeven"))
        else:
            netto_vermogen = h.bezittingen - h.schulden
            if netto_vermogen > grens:
                belemmeringen.append(
                    Belemmering(
                        Soort.VERMOGEN,
                        f"het vermogen van {netto_vermogen} is hoger dan de grens van {grens}",
                    )
                )
    return Toets(
        uitkomst=Uitkomst.BELEMMERING if belemmeringen else Uitkomst.VOLDOET,
        belemmeringen=belemmeringen,
        inkomensnorm=norm,
        toetspercentage=beleid.toetspercentage,
        toetsbedrag=toetsbedrag,
        netto_inkomen=None if h.minima_uitkering else h.netto_inkomen,
        overschrijding=overschrijding,
        overschrijding_procent_toetsbedrag=procent_toetsbedrag,
        inkomen_procent_norm=procent_norm,
        netto_vermogen=netto_vermogen,
        vermogensgrens=grens,
        parameters=list(p.values()),
    )
