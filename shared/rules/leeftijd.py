"""Age in whole years on a date, counted by month and day.

A reading, not a statutory rule: no article read here says when someone born on
29 February turns a year older in other years; counting by month and day makes it
1 March, the day after 28 February, so nobody is older in law than in days."""

from __future__ import annotations

from datetime import date


def leeftijd(geboortedatum: date, peildatum: date) -> int:
    """Whole years on `peildatum`.

    >>> leeftijd(date(2008, 2, 29), date(2026, 2, 28))
    17
    >>> leeftijd(date(2008, 2, 29), date(2026, 3, 1))
    18
    >>> leeftijd(date(2000, 5, 31), date(2026, 5, 31))
    26
    """
    before_birthday = (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day)
    return peildatum.year - geboortedatum.year - int(before_birthday)


def sql_leeftijd(geboortedatum: str, peildatum: str) -> str:
    """The same count as `leeftijd` in DuckDB SQL (by month and day, so 29 February turns
    a year older on 1 March)."""
    g, p = geboortedatum, peildatum
    return (
        f"(year({p}) - year({g}) - CASE WHEN month({p}) < month({g}) "
        f"OR (month({p}) = month({g}) AND day({p}) < day({g})) THEN 1 ELSE 0 END)"
    )
