"""Every rule parameter file reads, and every value names its effective date and its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.rules.parameters import parameters

RULES = Path(__file__).resolve().parents[2] / "shared" / "rules"
UNITS = {"EUR", "EUR/maand", "EUR/jaar", "ratio", "jaar", "maand", "personen"}
"""Amounts in euro (once, per month, per year), shares, periods, and numbers of persons."""
FOLDERS = sorted({p.parent for p in RULES.rglob("*.yaml") if "parameters" in p.parts})


@pytest.mark.parametrize("folder", sorted(set(FOLDERS)), ids=lambda p: p.parent.name)
def test_every_parameter_has_dated_sourced_values(folder: Path) -> None:
    loaded = parameters(folder)
    assert loaded
    for parameter in loaded.values():
        assert parameter.description
        assert parameter.artikel
        assert parameter.values, parameter.naam
        assert parameter.unit in UNITS, f"{parameter.naam}: unit {parameter.unit!r}"
        for ingang, _value, source in parameter.values:
            assert ingang.year >= 2021
            assert source.strip(), f"{parameter.naam} {ingang} has no source"
