"""Identifiers in source and delivery files: BSN, IBAN, gemeentecode, kenteken, AGB, postcode.

BSN and IBAN are checked by python-stdnum (a well-kept library); the others by our own
code (stdnum has no gemeentecode, kenteken or AGB, and its postcode check is slower than
the one rule it applies). Each `check_*` returns the normal form or raises
`ValueError` with a reason a user understands.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

DATA = Path(__file__).parent / "data"
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")


def check_bsn(value: str) -> str:
    """A BSN: exactly nine digits passing the elfproef.

    stdnum's `compact` left-pads short input with zeros, so the raw length is checked first.

    >>> check_bsn("111222333")
    '111222333'
    >>> check_bsn("11122233")
    Traceback (most recent call last):
    ValueError: een BSN heeft 9 cijfers
    """
    if not _NINE_DIGITS.fullmatch(value) or value == "000000000":
        raise ValueError("een BSN heeft 9 cijfers")
    if stdnum_bsn.checksum(value) != 0:  # the raw form is checked, so compact() is not needed
        raise ValueError("BSN voldoet niet aan de elfproef")
    return value


def check_iban(value: str) -> str:
    """An IBAN (ISO 13616, mod 97-10), in compact form.

    >>> check_iban("NL91 ABNA 0417 1643 00")
    'NL91ABNA0417164300'
    """
    compact: str = stdnum_iban.compact(value)
    if not stdnum_iban.is_valid(compact):
        raise ValueError("ongeldig IBAN")
    return compact


def check_postcode(value: str) -> str:
    """A Dutch postcode, as `1234AB` (the letter pairs SA, SD and SS are not issued).

    >>> check_postcode("1012 jr")
    '1012JR'
    >>> check_postcode("1012SS")
    Traceback (most recent call last):
    ValueError: ongeldige postcode
    """
    compact = value.replace(" ", "").upper()
    if not _POSTCODE.fullmatch(compact) or compact[4:] in ("SA", "SD", "SS"):
        raise ValueError("ongeldige postcode")
    return compact


def check_agb(value: str) -> str:
    """An AGB code: eight digits (no check digit is published).

    >>> check_agb("41123456")
    '41123456'
    """
    if not re.fullmatch(r"[0-9]{8}", value):
        raise ValueError("een AGB-code heeft 8 cijfers")
    return value


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    geldig_van: date
    geldig_tot: date | None


@cache
def gemeenten() -> tuple[Gemeente, ...]:
    with (DATA / "gemeenten.csv").open(encoding="utf-8") as source:
        return tuple(
            Gemeente(
                code=row["gemeentecode"],
                naam=row["gemeentenaam"],
                geldig_van=date.fromisoformat(row["geldig_van"]),
                geldig_tot=date.fromisoformat(row["geldig_tot"]) if row["geldig_tot"] else None,
            )
            for row in csv.DictReader(source, delimiter=";")
        )


@cache
def _first_known_date() -> date:
    return min(g.geldig_van for g in gemeenten())


@cache
def _by_code() -> dict[str, tuple[Gemeente, ...]]:
    index: dict[str, list[Gemeente]] = {}
    for gemeente in gemeenten():
        index.setdefault(gemeente.code, []).append(gemeente)
    return {code: tuple(periods) for code, periods in index.items()}


def check_gemeentecode(value: str, on: date) -> str:
    """A CBS gemeentecode (four digits) that exists on the given date.

    >>> check_gemeentecode("0363", date(2026, 1, 1))
    '0363'
    >>> check_gemeentecode("0001", date(2026, 1, 1))
    Traceback (most recent call last):
    ValueError: gemeentecode 0001 bestaat niet op 2026-01-01
    """
    if not re.fullmatch(r"[0-9]{4}", value):
        raise ValueError("een gemeentecode heeft 4 cijfers")
    if on < _first_known_date():
        raise ValueError(f"geen gemeentelijst bekend voor {on.isoformat()}")
    for gemeente in _by_code().get(value, ()):
        if gemeente.geldig_van <= on and (gemeente.geldig_tot is None or on < gemeente.geldig_tot):
            return value
    raise ValueError(f"gemeentecode {value} bestaat niet op {on.isoformat()}")


# Kenteken sidecodes 1-14 (hyphens removed); letters X, digits 9.
SIDECODES = (
    "XX9999", "9999XX", "99XX99", "XX99XX", "XXXX99", "99XXXX", "99XXX9",
    "9XXX99", "XX999X", "X999XX", "XXX99X", "X99XXX", "9XX999", "999XX9",
)  # fmt: skip
FORBIDDEN_IN_KENTEKEN = (
    "SD", "SS", "SA", "WA", "GVD", "KKK", "LPF", "NSB", "PKK", "PSV", "PVV", "SGP", "TBS",
)  # fmt: skip
_SIDECODE_PATTERNS = tuple(
    re.compile("^" + shape.replace("X", "[A-Z]").replace("9", "[0-9]") + "$") for shape in SIDECODES
)


def check_kenteken(value: str) -> str:
    """A Dutch registration number: one of the sidecodes 1-14, without forbidden letter groups.

    >>> check_kenteken("12-ABC-3")
    '12ABC3'
    >>> check_kenteken("GVD-12-B")
    Traceback (most recent call last):
    ValueError: kenteken bevat een niet uitgegeven lettercombinatie
    """
    compact = value.replace("-", "").replace(" ", "").upper()
    if not any(pattern.fullmatch(compact) for pattern in _SIDECODE_PATTERNS):
        raise ValueError("kenteken past in geen zijcode")
    letters = re.sub(r"[0-9]+", " ", compact).split()
    if any(forbidden in group for group in letters for forbidden in FORBIDDEN_IN_KENTEKEN):
        raise ValueError("kenteken bevat een niet uitgegeven lettercombinatie")
    return compact
