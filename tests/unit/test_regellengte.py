"""A delivered file's lines are bounded: a line without an end costs neither memory nor time
beyond its chunk, a too-long record is rejected with its line, a too-long header refuses the
file, and the header's checks are linear in its width (issue 13 §4)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.intake import SourceRecords
from shared.intake import proefaanlevering
from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.intake.regels import regels
from shared.storage.blobs import MAX_REGEL_TEKENS, TeLangeRegel, iter_lines

BESTAND = Bestand("proefaanlevering", "GM0363", "test.csv", "id", "corr-12345678")
TE_LANG = MAX_REGEL_TEKENS * 3


def chunked(data: bytes, size: int = 16 * 1024) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def peak_of(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_line_without_an_end_is_read_in_bounded_memory() -> None:
    def endless() -> Iterator[bytes]:
        chunk = b"x" * (16 * 1024)
        for _ in range(512):  # 8 MiB in one line
            yield chunk

    found: list[str] = []
    peak = peak_of(lambda: found.extend(iter_lines(endless())))
    assert [(type(line), getattr(line, "lengte", None)) for line in found] == [
        (TeLangeRegel, 8 * 1024 * 1024)
    ]
    # Gathered, the line alone would be 8 MiB (and every chunk copied it again).
    assert peak < 1024 * 1024, f"peak {peak} bytes"


def test_lines_within_the_limit_are_whole_across_chunks() -> None:
    line = "é" * MAX_REGEL_TEKENS
    data = f"kop\r\n{line}\r\n{line}x\nstaart".encode()
    found = list(iter_lines(chunked(data, 1000)))
    assert found[:2] == ["kop", line]
    assert isinstance(found[2], TeLangeRegel)
    assert found[2].lengte == MAX_REGEL_TEKENS + 1
    assert found[3:] == ["staart"]


def test_a_too_long_record_is_rejected_with_its_line_and_the_rest_is_read() -> None:
    data = b"a;b\n1;2\n" + b"x;" * (TE_LANG // 2) + b"\n3;4\n"
    result = proefaanlevering.process(BESTAND, iter_lines(chunked(data)))
    assert (result.aantal_records, result.aantal_goedgekeurd) == (3, 2)
    assert [(a.regel, a.reden) for a in result.afkeuringen] == [
        (3, f"regel te lang: {TE_LANG} tekens, ten hoogste {MAX_REGEL_TEKENS}")
    ]


def test_a_too_long_header_refuses_the_file() -> None:
    data = b";".join([b"kolom"] * TE_LANG) + b"\n1;2\n"
    with pytest.raises(FileRejected) as rejected:
        proefaanlevering.process(BESTAND, iter_lines(chunked(data)))
    [afkeuring] = rejected.value.afkeuringen
    assert afkeuring.regel == 1
    assert afkeuring.reden.startswith("kop onleesbaar: regel te lang:")


def test_service_files_reject_a_too_long_record_and_count_it() -> None:
    """The kwijtschelding and rechtmatigheid formats (`regels`): the record counts towards
    the closing line and is rejected; the file is read to its end."""
    data = b"a;b\n1;2\n" + b"9" * TE_LANG + b"\n3;4\n#aantal;3\n"
    result = Verwerkingsresultaat()
    read = list(regels(iter_lines(chunked(data)), ("a", "b"), result, "records"))
    assert read == [(2, {"a": "1", "b": "2"}), (3, None), (4, {"a": "3", "b": "4"})]
    assert [a.regel for a in result.afkeuringen] == [3]


def test_a_quoting_error_is_a_rejected_record_not_a_failed_file() -> None:
    result = Verwerkingsresultaat()
    lines = iter(["a;b", '"1"x;2', "3;4", "#aantal;2"])
    read = list(regels(lines, ("a", "b"), result, "records"))
    assert read == [(2, None), (3, {"a": "3", "b": "4"})]
    assert result.afkeuringen[0].reden.startswith("onleesbaar record:")


def test_a_source_file_reports_a_too_long_record() -> None:
    bron = BY_CODE["brp-personen"]
    data = (";".join(bron.kolommen) + "\n").encode() + b"1" * TE_LANG + b"\n#aantal;1\n"
    records = SourceRecords(bron, date(2026, 1, 1))
    assert list(records.read(iter_lines(chunked(data)))) == []
    assert [a.regel for a in records.result.afkeuringen] == [2]
    assert "regel te lang" in records.result.afkeuringen[0].reden


class Naam(str):
    """A column name that counts how often it is compared with another."""

    vergelijkingen = 0
    GRENS = 0

    def strip(self, chars: str | None = None) -> Naam:
        return self

    def __eq__(self, other: object) -> bool:
        Naam.vergelijkingen += 1
        if Naam.vergelijkingen > Naam.GRENS:
            raise AssertionError(f"more than {Naam.GRENS} comparisons: quadratic")
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_duplicate_header_names_are_found_in_linear_comparisons() -> None:
    width = 3_000
    names: list[str] = [Naam(f"k{i}") for i in range(width)]
    names.append(Naam("k7"))
    Naam.vergelijkingen, Naam.GRENS = 0, 10 * width
    with pytest.raises(FileRejected) as rejected:
        proefaanlevering._check_header(names)
    assert rejected.value.afkeuringen[0].reden == "kop bevat dubbele kolomnamen: k7"
