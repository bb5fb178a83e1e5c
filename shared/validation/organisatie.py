"""Identifiers of the organisations that use the platform.

Each kind has its own prefix, so an identifier says what it identifies:

- gemeente: `GM` + the four-digit CBS gemeentecode (e.g. `GM0363`, Amsterdam);
- waterschap: `WS` + four digits (the waterschap's code in the CBS/UvW list, e.g. `WS0155`);
- doorstroompunt: `DP` + the two-digit number of its RMC region (e.g. `DP13`);
- gemandateerde (a mandated debt-relief agency): `MA` + its eight-digit KvK number;
- bureau (the platform's own organisation, for operators): `IB` + four digits;
- schakelpunt: `VECOZO`, through which care providers send and receive iWmo/iJw messages;
- uwv: `UWV`, the Uitvoeringsinstituut Werknemersverzekeringen as a party of its own (the VUM
  exchange of vacancies and job-seeker profiles).

Whether a gemeentecode exists on a date is checked against the dated list with the
source registrations; here only the form is checked.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Soort(StrEnum):
    GEMEENTE = "gemeente"
    WATERSCHAP = "waterschap"
    DOORSTROOMPUNT = "doorstroompunt"
    GEMANDATEERDE = "gemandateerde"
    BUREAU = "bureau"
    SCHAKELPUNT = "schakelpunt"
    UWV = "uwv"


PATTERNS: dict[Soort, re.Pattern[str]] = {
    Soort.GEMEENTE: re.compile(r"^GM[0-9]{4}$"),
    Soort.WATERSCHAP: re.compile(r"^WS[0-9]{4}$"),
    Soort.DOORSTROOMPUNT: re.compile(r"^DP[0-9]{2}$"),
    Soort.GEMANDATEERDE: re.compile(r"^MA[0-9]{8}$"),
    Soort.BUREAU: re.compile(r"^IB[0-9]{4}$"),
    Soort.SCHAKELPUNT: re.compile(r"^VECOZO$"),
    Soort.UWV: re.compile(r"^UWV$"),
}

CODE = "|".join(pattern.pattern.strip("^$") for pattern in PATTERNS.values())
ANY_ORGANISATION = f"^({CODE})$"


def soort_of(identifier: str) -> Soort | None:
    """The kind of organisation an identifier names, or None when it names none.

    >>> soort_of("GM0363")
    <Soort.GEMEENTE: 'gemeente'>
    >>> soort_of("MA12345678")
    <Soort.GEMANDATEERDE: 'gemandateerde'>
    >>> soort_of("GM363") is None
    True
    """
    for soort, pattern in PATTERNS.items():
        if pattern.fullmatch(identifier):
            return soort
    return None


def is_valid(identifier: str) -> bool:
    return soort_of(identifier) is not None


OIN = r"^[0-9]{20}$"
"""An Organisatie-identificatienummer (Logius, PKIoverheid): 20 digits, e.g. a gemeente's
`00000001` + its KvK or RSIN number + `0000`. Only the form is checked."""
