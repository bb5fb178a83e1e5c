"""Proefaanlevering: the shared file format (UTF-8, `;`, header) is checked record by record."""

from __future__ import annotations

import pytest

from shared.intake import proefaanlevering
from shared.intake.processing import Bestand, FileRejected

BESTAND = Bestand("proefaanlevering", "GM0363", "test.csv", "id", "corr-12345678")


def test_records_that_fit_the_header_are_accepted() -> None:
    result = proefaanlevering.process(BESTAND, iter(["bsn;regeling", "111222333;PW", "1;IOAW"]))
    assert (result.aantal_records, result.aantal_goedgekeurd, result.aantal_afgekeurd) == (2, 2, 0)


def test_a_record_with_too_many_fields_is_rejected_with_its_line() -> None:
    result = proefaanlevering.process(BESTAND, iter(["a;b", "1;2", "1;2;3", "4;5"]))
    assert result.aantal_afgekeurd == 1
    assert result.afkeuringen[0].regel == 3
    assert result.afkeuringen[0].reden == "3 velden, de kop heeft er 2"


def test_quoted_separators_belong_to_the_field() -> None:
    result = proefaanlevering.process(BESTAND, iter(["a;b", '"x;y";2']))
    assert result.aantal_afgekeurd == 0


def test_an_empty_line_is_a_rejected_record() -> None:
    result = proefaanlevering.process(BESTAND, iter(["a;b", "1;2", "", "3;4"]))
    assert [(a.regel, a.reden) for a in result.afkeuringen] == [(3, "lege regel")]


@pytest.mark.parametrize(
    ("lines", "reden"),
    [
        ((), "leeg bestand"),
        (("a;b",), "bestand bevat alleen een kop"),
        (("a;;b", "1;2;3"), "kop bevat een lege kolomnaam"),
        (("a;b;a", "1;2;3"), "kop bevat dubbele kolomnamen: a"),
    ],
)
def test_a_file_wrong_as_a_whole_is_rejected(lines: tuple[str, ...], reden: str) -> None:
    with pytest.raises(FileRejected) as rejected:
        proefaanlevering.process(BESTAND, iter(lines))
    assert [a.reden for a in rejected.value.afkeuringen] == [reden]
