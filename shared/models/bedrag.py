"""Amounts on the wire: decimal strings in euros with two decimals, e.g. `"1331.43"`."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from shared.rules.afronding import op_centen

PATTERN = re.compile(r"^-?[0-9]{1,9}(\.[0-9]{1,2})?$")


NIET_NEGATIEF = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,2})?$")
"""Zero or more: an amount that cannot be negative (a toeslag, a value owned, a debt)."""
POSITIEF = re.compile(r"^([1-9][0-9]{0,8}(\.[0-9]{1,2})?|0\.([1-9][0-9]?|0[1-9]))$")
"""More than zero: what the document says of an amount that must be positive."""
PERCENTAGE = re.compile(r"^([0-9]{1,2}(\.[0-9]{1,2})?|100(\.00?)?)$")
"""0 to 100 with at most two decimals; which range the law allows is a dated rule parameter,
checked by the service (422), not by the form."""


def _parser(pattern: re.Pattern[str], wat: str) -> Any:
    def parse(value: Any) -> Decimal:
        """A JSON string of the document's form; from Python code a Decimal as it is."""
        if isinstance(value, Decimal):
            return value
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise ValueError(wat)
        return Decimal(value)

    return parse


def _in_centen(amount: Decimal) -> str:
    return str(op_centen(amount))


def _decimaal(pattern: re.Pattern[str], wat: str, voorbeeld: str, tekst: Any = _in_centen) -> Any:
    """A decimal on the wire as a text of `pattern`: the schema says exactly what is taken."""
    return Annotated[
        Decimal,
        BeforeValidator(_parser(pattern, wat)),
        PlainSerializer(tekst, return_type=str),
        WithJsonSchema({"type": "string", "pattern": pattern.pattern, "examples": [voorbeeld]}),
    ]


Bedrag = _decimaal(
    PATTERN, 'een bedrag is een tekst met ten hoogste twee decimalen, zoals "1331.43"', "1331.43"
)
NietNegatiefBedrag = _decimaal(
    NIET_NEGATIEF, 'een bedrag van nul of meer, zoals "601.00"', "601.00"
)
PositiefBedrag = _decimaal(POSITIEF, 'een bedrag groter dan nul, zoals "400.00"', "400.00")
Percentage = _decimaal(
    PERCENTAGE, 'een percentage van 0 tot en met 100, zoals "95"', "95", tekst=str
)
DECIMAAL = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,28})?$")
"""A rule parameter: an amount, a share or a count, exact to the context's 28 digits."""
Decimaal = _decimaal(DECIMAAL, 'een getal als tekst, zoals "1401.50" of "0.95"', "0.95", tekst=str)
