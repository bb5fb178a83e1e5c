"""The value of a car for the asset tests, from RDW data: catalogue price and age.

URI art. 12 lid 3 values a car at "de prijs die de autohandel bereid is te betalen bij
inkoop zonder gelijktijdige verkoop van een andere auto". No register holds that price.
The method here estimates it with a depreciation table laid down in law: the forfaitaire
afschrijvingstabel of the Wet op de belasting van personenauto's en motorrijwielen 1992
(art. 10 lid 3, the version quoted on brommerforum.nl/showtopic/17017, 2004), which
depreciates the catalogue price by the time since first admission. It is an estimate:
a valuation the household or the organisation gives always wins, and every result
names this method and its source.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.rules.afronding import op_centen

METHODE = (
    "catalogusprijs min de forfaitaire afschrijving naar leeftijd sinds de eerste toelating "
    "(Wet BPM 1992 art. 10 lid 3, tabel zoals geciteerd op brommerforum.nl/showtopic/17017, "
    "2004; lage zekerheid, niet tegen wetten.overheid.nl nagegaan); een opgegeven taxatie gaat voor"
)
INGANG = date(2004, 1, 1)

AFSCHRIJVING: tuple[tuple[int, int], ...] = (
    (0, 4),
    (1, 7),
    (2, 10),
    (3, 15),
    (6, 24),
    (12, 37),
    (24, 47),
    (36, 57),
    (48, 66),
    (60, 72),
    (72, 77),
    (84, 82),
    (96, 86),
    (108, 90),
    (300, 100),
)
"""(from this many whole months since first admission, percent depreciated)."""


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
    percent = max(p for months, p in AFSCHRIJVING if age >= months)
    return op_centen(catalogusprijs * (100 - percent) / 100)


def sql_maanden(van: str, tot: str) -> str:
    """`maanden` in DuckDB SQL."""
    return (
        f"greatest(0, (year({tot}) - year({van})) * 12 + month({tot}) - month({van}) "
        f"- CASE WHEN day({tot}) < day({van}) THEN 1 ELSE 0 END)"
    )


def sql_afschrijving(van: str, tot: str) -> str:
    """The percent depreciated (from `AFSCHRIJVING`) in DuckDB SQL."""
    age = sql_maanden(van, tot)
    cases = " ".join(
        f"WHEN {age} >= {months} THEN {percent}"
        for months, percent in sorted(AFSCHRIJVING, key=lambda row: -row[1])
    )
    return f"(CASE {cases} END)"


def sql_handelswaarde_cent(catalogusprijs_cent: str, eerste_toelating: str, peildatum: str) -> str:
    """`handelswaarde` in DuckDB SQL, in whole cents (half up, as `op_centen`)."""
    percent = sql_afschrijving(eerste_toelating, peildatum)
    return f"(({catalogusprijs_cent} * (100 - {percent}) + 50) // 100)"
