"""Rounding, stated once.

Rv art. 475c–475fa prescribe no rounding of the beslagvrije voet or its components, so
every amount is calculated unrounded (Decimal) and only the outcome is rounded: half up,
to the cent. Components shown in an answer are rounded for display the same way; their
sum may differ from the rounded outcome by a cent.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")  # not statutory: a cent, the unit of every amount paid


def op_centen(amount: Decimal) -> Decimal:
    """Half up to the cent.

    >>> op_centen(Decimal("1331.425"))
    Decimal('1331.43')
    >>> op_centen(Decimal("109.9230"))
    Decimal('109.92')
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
