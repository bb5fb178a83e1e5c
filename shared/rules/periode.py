"""Periods are half-open everywhere: `begindatum` is the first day, `einddatum` the first day
that no longer belongs to it (None: open-ended). A benefit or detention that ends on the day
bijstand starts does not overlap it. One helper for Python and one for DuckDB SQL, so every
service and every signal rule reads a period the same way.
"""

from __future__ import annotations

from datetime import date

EINDELOOS = date(9999, 12, 31)  # not statutory: the last date, for a period without end


def op(begin: date | None, einde: date | None, dag: date) -> bool:
    """Whether the period covers the day.

    >>> op(date(2026, 1, 1), date(2026, 3, 1), date(2026, 2, 28))
    True
    >>> op(date(2026, 1, 1), date(2026, 3, 1), date(2026, 3, 1))
    False
    >>> op(date(2026, 1, 1), None, date(2030, 1, 1))
    True
    """
    return (begin is None or begin <= dag) and (einde is None or dag < einde)


def overlappen(
    begin_a: date | None, einde_a: date | None, begin_b: date | None, einde_b: date | None
) -> bool:
    """Whether two periods share at least one day.

    >>> overlappen(date(2026, 1, 1), date(2026, 3, 1), date(2026, 3, 1), None)
    False
    >>> overlappen(date(2026, 1, 1), date(2026, 3, 2), date(2026, 3, 1), None)
    True
    """
    return (begin_a or date.min) < (einde_b or EINDELOOS) and (begin_b or date.min) < (
        einde_a or EINDELOOS
    )


def sql_overlappen(begin_a: str, einde_a: str, begin_b: str, einde_b: str) -> str:
    """The same test as `overlappen` in DuckDB SQL; NULL begin or end is open."""
    return (
        f"(coalesce({begin_a}, DATE '0001-01-01') < coalesce({einde_b}, DATE '{EINDELOOS}') "
        f"AND coalesce({begin_b}, DATE '0001-01-01') < coalesce({einde_a}, DATE '{EINDELOOS}'))"
    )


def sql_op(begin: str, einde: str, dag: str) -> str:
    """The same test as `op` in DuckDB SQL."""
    return (
        f"(coalesce({begin}, DATE '0001-01-01') <= {dag} "
        f"AND {dag} < coalesce({einde}, DATE '{EINDELOOS}'))"
    )
