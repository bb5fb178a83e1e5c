"""Amounts on the wire: decimal strings in euros with two decimals, e.g. `"1331.43"`."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from shared.rules.afronding import op_centen

PATTERN = re.compile(r"^-?[0-9]{1,9}(\.[0-9]{1,2})?$")


def _parse(value: Any) -> Decimal:
    """A JSON string like "1331.43"; from Python code a Decimal is taken as it is."""
    if isinstance(value, Decimal):
        return value
    if not isinstance(value, str) or not PATTERN.fullmatch(value):
        raise ValueError('een bedrag is een tekst met ten hoogste twee decimalen, zoals "1331.43"')
    return Decimal(value)


Bedrag = Annotated[
    Decimal,
    BeforeValidator(_parse),
    PlainSerializer(lambda amount: str(op_centen(amount)), return_type=str),
    WithJsonSchema({"type": "string", "pattern": PATTERN.pattern, "examples": ["1331.43"]}),
]
