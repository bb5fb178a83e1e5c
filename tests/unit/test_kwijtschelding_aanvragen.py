"""The kwijtschelding batch groups its lines per household with bounded memory: the lines
wait on disk, and the households come back in file order, a chunk at a time (issue 13 §4)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from shared.intake.processing import Verwerkingsresultaat
from shared.kwijtschelding.aanvragen import MAX_AANSLAGEN, Aanvragen, Regel, per
from shared.models.kwijtschelding import KOLOMMEN
from synth.identifiers import BsnReeks

DATUM = "2026-03-01"


def regel(bsn: str, soort: str = "OZB", datum: str = DATUM, woonlasten: int = 50_000) -> str:
    return f"GM0363;{bsn};{soort};12345;{datum};N;{woonlasten};12000;0;0;N"


def bestand(*regels: str) -> Iterator[str]:
    yield ";".join(KOLOMMEN)
    yield from regels
    yield f"#aantal;{len(regels)}"


def huishoudens(households: int) -> Iterator[str]:
    """Two lines per household, the second after the next household's first (not adjacent)."""
    reeks = BsnReeks(20_000_000)
    bsns = [reeks.next() for _ in range(households)]  # the test's own input, not measured
    regels = []
    for i, bsn in enumerate(bsns):
        regels.append(regel(bsn))
        if i:
            regels.append(regel(bsns[i - 1], "AFV"))
    regels.append(regel(bsns[-1], "AFV"))
    return bestand(*regels)


def alle(aanvragen: Aanvragen, chunk: int = 200) -> Iterator[list[Regel]]:
    assert list(aanvragen.weiger(lambda organisatie: True)) == []
    for _, groep in aanvragen.groepen(lambda datum: None):
        yield from per(groep, chunk)


def test_households_are_grouped_in_file_order_whatever_the_order_of_their_lines(
    tmp_path: Path,
) -> None:
    result = Verwerkingsresultaat()
    with Aanvragen(tmp_path / "a.sqlite") as aanvragen:
        aanvragen.lees(
            bestand(
                regel("111222333"),
                regel("123456782"),
                regel("111222333", "AFV"),
                regel("111222333", "OZB"),  # the same request again
                regel("123456782", "AFV", woonlasten=1),  # other figures for the household
                regel("111222333", "RIO", datum="2026-04-01"),  # another request date
            ),
            result,
        )
        found = [(r.nummers, r.aanvraag.bsn) for deel in alle(aanvragen) for r in deel]
    assert found == [([2, 4], "111222333"), ([3], "123456782"), ([7], "111222333")]
    assert [(a.regel, a.reden[:40]) for a in result.afkeuringen] == [
        (5, "dezelfde aanvraag staat al op regel 2"),
        (6, "hetzelfde huishouden als regel 3 met and"),
    ]


def test_a_household_holds_at_most_max_aanslagen_lines(tmp_path: Path) -> None:
    result = Verwerkingsresultaat()
    lines = [regel("111222333", f"soort-{n}") for n in range(MAX_AANSLAGEN + 1)]
    with Aanvragen(tmp_path / "a.sqlite") as aanvragen:
        aanvragen.lees(bestand(*lines), result)
        [[household]] = list(alle(aanvragen))
    assert len(household.nummers) == MAX_AANSLAGEN
    assert [a.regel for a in result.afkeuringen] == [MAX_AANSLAGEN + 2]


def test_households_of_an_organisation_not_allowed_are_returned_for_rejection(
    tmp_path: Path,
) -> None:
    lines = [regel("111222333"), regel("123456782").replace("GM0363", "GM0599", 1)]
    with Aanvragen(tmp_path / "a.sqlite") as aanvragen:
        aanvragen.lees(bestand(*lines), Verwerkingsresultaat())
        refused = list(aanvragen.weiger(lambda organisatie: organisatie == "GM0363"))
        groups = [(d, [r.aanvraag.bsn for r in g]) for d, g in aanvragen.groepen(lambda d: 0)]
    assert [r.nummers for r in refused] == [[3]]
    assert groups == [(date(2026, 3, 1), ["111222333"])]


def peak(tmp_path: Path, households: int) -> int:
    lines = huishoudens(households)
    tracemalloc.start()
    try:
        with Aanvragen(tmp_path / f"{households}.sqlite") as aanvragen:
            result = Verwerkingsresultaat()
            aanvragen.lees(lines, result)
            assert result.aantal_afgekeurd == 0
            assert sum(len(deel) for deel in alle(aanvragen)) == households
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_households(tmp_path: Path) -> None:
    small, large = peak(tmp_path, 500), peak(tmp_path, 4_000)
    # Kept in memory, a household takes about 3 KB: 3,500 more added 11 MB (measured by
    # keeping every household `alle` returned). On disk, what grows is SQLite's page cache
    # (bounded by CACHE_KIB): about 120 KB measured.
    assert large - small < 512 * 1024, f"peak {small} bytes for 500, {large} for 4 000"
