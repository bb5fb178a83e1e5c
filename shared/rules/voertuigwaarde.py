"""The value of a car for the asset tests, from RDW data: catalogue price and age.

URI art. 12 lid 3 values a car at "de prijs die de autohandel bereid is te betalen bij
inkoop zonder gelijktijdige verkoop van een andere auto". No register holds that price.
The law prescribes no table for it. The method here is the platform's own estimate,
borrowed from a table that depreciates the BPM, not a trade value: the forfaitaire
afschrijvingstabel of the Wet op de belasting van personenauto's en motorrijwielen 1992
(art. 10 lid 3, the version quoted on brommerforum.nl/showtopic/17017, 2004; not checked
against the text in force, and the table in force today is built differently), applied to
the catalogue price by the time since first admission. It is an estimate:
a valuation the household or the organisation gives always wins, and every result
names this method and its source. The table's months and shares are dated, sourced
parameters (`voertuig_afschrijving_*` among the kwijtschelding parameters), not code.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from shared.rules.afronding import op_centen
from shared.rules.parameters import (
    KWIJTSCHELDING,
    MissingParameters,
    Parametersets,
    in_force,
    parameters,
    vastgesteld,
    volgende_herziening,
)

METHODE = (
    "catalogusprijs min de forfaitaire afschrijving naar leeftijd sinds de eerste toelating "
    "(Wet BPM 1992 art. 10 lid 3, tabel zoals geciteerd op brommerforum.nl/showtopic/17017, "
    "2004; lage zekerheid, niet tegen wetten.overheid.nl nagegaan); een opgegeven taxatie gaat voor"
)
STAP = re.compile(r"voertuig_afschrijving_\d+")
"""The table, in the kwijtschelding set, step by step: `voertuig_afschrijving_NN_vanaf`
(whole months since the first admission, unit maand) and `voertuig_afschrijving_NN` (the
share written off, unit ratio), each dated and sourced as every kwijtschelding parameter."""


def stappen() -> list[str]:
    """The steps of the table (`voertuig_afschrijving_NN`), in order."""
    return sorted(naam for naam in parameters(KWIJTSCHELDING.map) if STAP.fullmatch(naam))


def afschrijving(
    peildatum: date, sets: Parametersets | None = None
) -> list[tuple[Decimal, Decimal]]:
    """(from this many whole months since first admission, share written off) in force on the
    peildatum; `MissingParameters` names every step not known then."""
    namen = stappen()
    p = in_force(peildatum, [*namen, *(f"{naam}_vanaf" for naam in namen)], sets)
    return [(p[f"{naam}_vanaf"].value, p[naam].value) for naam in namen]


def maanden(van: date, tot: date) -> int:
    """Whole months from one date to another.

    >>> maanden(date(2020, 1, 31), date(2020, 2, 29))
    0
    >>> maanden(date(2020, 1, 31), date(2021, 1, 31))
    12
    """
    months = (tot.year - van.year) * 12 + tot.month - van.month
    return max(0, months - (1 if tot.day < van.day else 0))


def handelswaarde(catalogusprijs: Decimal, eerste_toelating: date, peildatum: date) -> Decimal:
    """The estimated value on the peildatum.

    >>> handelswaarde(Decimal("30000"), date(2020, 5, 1), date(2026, 5, 31))
    Decimal('6900.00')
    >>> handelswaarde(Decimal("30000"), date(2001, 1, 1), date(2026, 5, 31))
    Decimal('0.00')
    """
    age = maanden(eerste_toelating, peildatum)
    deel = max(share for months, share in afschrijving(peildatum) if age >= months)
    return op_centen(catalogusprijs * (1 - deel))


def sql_maanden(van: str, tot: str) -> str:
    """`maanden` in DuckDB SQL."""
    return (
        f"greatest(0, (year({tot}) - year({van})) * 12 + month({tot}) - month({van}) "
        f"- CASE WHEN day({tot}) < day({van}) THEN 1 ELSE 0 END)"
    )


def _procent(deel: Decimal) -> int:
    """A share of the table as whole percent, for the integer arithmetic in SQL."""
    percent = deel * 100
    if percent != percent.to_integral_value():
        raise ValueError(f"afschrijving {deel} is geen heel percentage")
    return int(percent)


Afschrijvingsperiode = tuple[date, date, int, int]
"""(from, until (exclusive), whole months since first admission, percent written off)."""


def afschrijvingsperioden(
    peildatum: date, sets: Parametersets | None = None
) -> list[Afschrijvingsperiode]:
    """Every step of every table in force up to the peildatum, each for the period its set
    applies: the rows of the SQL table `afschrijvingen`. `MissingParameters` when the table of
    the peildatum itself is not known: a run is refused rather than valuing no car."""
    sets = sets or vastgesteld()
    afschrijving(peildatum, sets)
    ingangen = [i for i in sets.ingangsdata(KWIJTSCHELDING) if i <= peildatum]
    rijen = []
    for ingang, volgende in zip(ingangen, [*ingangen[1:], None], strict=True):
        try:
            tabel = afschrijving(ingang, sets)
        except MissingParameters:
            continue  # a set of that date without the table values no car in its period
        einde = min(d for d in (volgende, volgende_herziening(ingang)) if d is not None)
        rijen += [(ingang, einde, int(maanden), _procent(deel)) for maanden, deel in tabel]
    return rijen


def sql_afschrijving(van: str, tot: str) -> str:
    """The percent depreciated on `tot` in DuckDB SQL, from the table `afschrijvingen`
    (`afschrijvingsperioden`); NULL on a date no table covers."""
    age = sql_maanden(van, tot)
    return (
        f"(SELECT max(a.procent) FROM afschrijvingen a "  # noqa: S608 (SQL of ours)
        f"WHERE {tot} >= a.van AND {tot} < a.tot AND {age} >= a.maanden)"
    )


def sql_handelswaarde_cent(catalogusprijs_cent: str, eerste_toelating: str, peildatum: str) -> str:
    """`handelswaarde` in DuckDB SQL, in whole cents (half up, as `op_centen`)."""
    percent = sql_afschrijving(eerste_toelating, peildatum)
    return f"(({catalogusprijs_cent} * (100 - {percent}) + 50) // 100)"
