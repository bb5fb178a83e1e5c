"""The Fo01 code of each check, from `foutcodes.yaml` (data: the numbering changes)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

TABEL = Path(__file__).parent / "foutcodes.yaml"


@cache
def codes() -> dict[str, tuple[str, str]]:
    inhoud = yaml.safe_load(TABEL.read_text(encoding="utf-8"))
    return {sleutel: (str(code), str(tekst)) for sleutel, (code, tekst) in inhoud["codes"].items()}


def code(sleutel: str) -> tuple[str, str]:
    """(code, omschrijving) of a check; a check missing from the table is a KeyError at once."""
    return codes()[sleutel]
