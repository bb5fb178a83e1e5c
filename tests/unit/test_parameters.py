"""Every rule parameter file reads, and every value names its effective date and its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.rules.parameters import parameters

RULES = Path(__file__).resolve().parents[2] / "shared" / "rules"
UNITS = {"EUR", "EUR/maand", "EUR/jaar", "ratio", "jaar", "maand", "personen"}
"""Amounts in euro (once, per month, per year), shares, periods, and numbers of persons."""
HISTORISCH = ("voertuig_afschrijving_", 2004)
"""Parameters (by prefix) whose source is an older statute text on purpose: the forfaitaire
afschrijvingstabel of the Wet BPM 1992 as quoted in 2004, the method of the vehicle value
(`shared/rules/voertuigwaarde.py`). Every other value is dated 2021 or later."""
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
            assert ingang.year >= 2021 or (
                parameter.naam.startswith(HISTORISCH[0]) and ingang.year == HISTORISCH[1]
            ), f"{parameter.naam} {ingang}"
            assert source.strip(), f"{parameter.naam} {ingang} has no source"
