"""The priority of a young person without a startkwalificatie whom a Doorstroompunt follows
(VSV 2.0), a pure function of the income relations the sources show in a loonperiode, and
whether a young person belongs to the target group on a date.

The bureau's five priorities (published as its prioritering VSV):
1. no work and no benefit found;
2. only work, its amounts added up below the threshold;
3. only work, at or above the threshold;
4. work together with a benefit;
5. only a benefit.
Ziektewet counts as work ("omdat hier een dienstverband aan ten grondslag ligt"); pensions
and lijfrenten are ignored; several relations are added up.

Readings (each stated, none silent):
- The published rules give prio 2 to "< drempel" and prio 3 to "> drempel": the threshold
  itself is unassigned. Prio 2 is read as strictly below, so an amount of exactly the
  threshold is prio 3.
- Zero and negative amounts still count as a relation (the bureau ignores them only "op
  termijn"): a job with nothing paid in the period is work, prio 2, and a negative amount
  (a correction) lowers the total, so it can turn prio 3 into prio 2.
- The total of the loonperiode as the sources deliver it is held against the monthly
  threshold without conversion (the bureau publishes none): a month that holds two
  four-weekly tijdvakken counts both, one that holds one counts one.
- The target group: younger than `doorstroompunt_maximumleeftijd` on the date (23, and 27
  from 2026-01-01 under the Wet van school naar duurzaam werk) and without a
  startkwalificatie.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum, StrEnum

from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import Parametersets, Waarde, in_force

NUL = Decimal(0)


class Prioriteit(IntEnum):
    GEEN_WERK_OF_UITKERING = 1
    WEINIG_WERK = 2  # not statutory: the bureau's priority number
    WERK = 3  # not statutory: the bureau's priority number
    WERK_EN_UITKERING = 4  # not statutory: the bureau's priority number
    UITKERING = 5  # not statutory: the bureau's priority number


class Soort(StrEnum):
    LOON = "LOON"
    ZIEKTEWET = "ZIEKTEWET"
    UITKERING = "UITKERING"
    PENSIOEN = "PENSIOEN"
    LIJFRENTE = "LIJFRENTE"


WERK = (Soort.LOON, Soort.ZIEKTEWET)
GENEGEERD = (Soort.PENSIOEN, Soort.LIJFRENTE)


@dataclass(frozen=True)
class Verhouding:
    """One income relation in the loonperiode: its kind and its amount for the period."""

    soort: Soort
    bedrag: Decimal


@dataclass(frozen=True)
class Uitkomst:
    prioriteit: Prioriteit
    loon: Decimal
    """The added-up amount of the work relations."""
    parameters: tuple[Waarde, ...] = ()


def prioriteit(
    verhoudingen: Iterable[Verhouding], peildatum: date, sets: Parametersets | None = None
) -> Uitkomst:
    geteld = [v for v in verhoudingen if v.soort not in GENEGEERD]
    werk = [v for v in geteld if v.soort in WERK]
    uitkering = [v for v in geteld if v.soort not in WERK]
    loon = sum((v.bedrag for v in werk), NUL)
    if not werk:
        soort = Prioriteit.UITKERING if uitkering else Prioriteit.GEEN_WERK_OF_UITKERING
        return Uitkomst(soort, loon)
    if uitkering:
        return Uitkomst(Prioriteit.WERK_EN_UITKERING, loon)
    drempel = in_force(peildatum, ["doorstroompunt_inkomensdrempel"], sets)
    waarde = drempel["doorstroompunt_inkomensdrempel"]
    soort = Prioriteit.WEINIG_WERK if loon < waarde.value else Prioriteit.WERK
    return Uitkomst(soort, loon, (waarde,))


def buiten_doelgroep(
    geboortedatum: date,
    startkwalificatie: bool,
    peildatum: date,
    sets: Parametersets | None = None,
) -> str | None:
    """Why the young person is not in the Doorstroompunt's target group on the date, or None."""
    if startkwalificatie:
        return "heeft een startkwalificatie"
    p = in_force(peildatum, ["doorstroompunt_maximumleeftijd"], sets)
    maximum = p["doorstroompunt_maximumleeftijd"].value
    if leeftijd(geboortedatum, peildatum) >= maximum:
        return f"is {maximum} jaar of ouder ({p['doorstroompunt_maximumleeftijd'].artikel})"
    return None
