"""Dated rule parameters: one YAML file per parameter, each value with its effective date
and its source, as OpenFisca keeps them. A value of `null` records that a new value took
effect on that date but is not known: a calculation for a date in that period is refused,
naming what is missing, instead of using a stale value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class MissingParameters(Exception):
    """The parameters (or rule text) needed for the reference date are not known."""

    def __init__(self, peildatum: date, missing: list[tuple[str, str]]) -> None:
        self.peildatum = peildatum
        self.missing = missing
        names = ", ".join(name for name, _ in missing)
        super().__init__(f"onbekend op {peildatum.isoformat()}: {names}")


@dataclass(frozen=True)
class Waarde:
    naam: str
    value: Decimal
    ingang: date
    source: str
    artikel: str
    unit: str | None = None


@dataclass(frozen=True)
class Parameter:
    naam: str
    description: str
    artikel: str
    values: tuple[tuple[date, Decimal | None, str], ...]
    unit: str | None = None

    def on(self, peildatum: date) -> Waarde | tuple[str, str]:
        """The value in force on the date, or (name, why it is not known)."""
        in_force = [v for v in self.values if v[0] <= peildatum]
        if not in_force:
            return self.naam, f"geen waarde vóór {self.values[0][0].isoformat()}"
        ingang, value, source = in_force[-1]
        if value is None:
            return self.naam, source
        return Waarde(self.naam, value, ingang, source, self.artikel, self.unit)


def _getal(tekst: str) -> Decimal:
    """A decimal, or a fraction the law names as one ("2/3": twee derde), as a Decimal of the
    context's 28 digits: exact enough that no amount in cents rounds otherwise.

    >>> _getal("0.95"), _getal("2/3") * 3
    (Decimal('0.95'), Decimal('2.000000000000000000000000000'))
    """
    teller, deel, noemer = tekst.partition("/")
    return Decimal(teller) / Decimal(noemer) if deel else Decimal(teller)


def _load(path: Path) -> Parameter:
    content: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = tuple(
        sorted(
            (
                ingang if isinstance(ingang, date) else date.fromisoformat(str(ingang)),
                _getal(str(entry["value"])) if entry["value"] is not None else None,
                str(entry["source"]),
            )
            for ingang, entry in content["values"].items()
        )
    )
    return Parameter(
        path.stem, content["description"], content["artikel"], values, content.get("unit")
    )


@cache
def parameters(folder: Path) -> dict[str, Parameter]:
    return {path.stem: _load(path) for path in sorted(folder.glob("*.yaml"))}


def in_force(folder: Path, peildatum: date, names: list[str] | None = None) -> dict[str, Waarde]:
    """Every (or each named) parameter on the date; `MissingParameters` lists all unknown ones."""
    known = parameters(folder)
    found: dict[str, Waarde] = {}
    missing: list[tuple[str, str]] = []
    for name in names or list(known):
        result = known[name].on(peildatum)
        if isinstance(result, Waarde):
            found[name] = result
        else:
            missing.append(result)
    if missing:
        raise MissingParameters(peildatum, missing)
    return found
