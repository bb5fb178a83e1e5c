"""Identifiers and amounts are ASCII digits and match whole: Arabic-Indic or other Unicode
digits, and a trailing newline, are refused with a 4xx reason instead of passing a check and
crashing later (Python's `\\d` matches every Unicode digit; `$` matches before a newline)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.models.bedrag import Bedrag
from shared.models.bronnen import Polisregel
from shared.models.kwijtschelding import Aanvraag
from shared.validation import identifiers
from shared.validation.organisatie import soort_of

ARABISCH = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "value", ["111222333".translate(ARABISCH), "111222333\n", "１１１２２２３３３"]
)
def test_a_bsn_is_nine_ascii_digits(value: str) -> None:
    with pytest.raises(ValueError, match="9 cijfers"):
        identifiers.check_bsn(value)
    assert identifiers.check_bsn("111222333") == "111222333"


@pytest.mark.parametrize("value", ["GM0363".translate(ARABISCH), "GM0363\n", "MA1234567８"])
def test_an_organisation_code_is_ascii_and_whole(value: str) -> None:
    assert soort_of(value) is None


def test_a_gemeentecode_and_a_postcode_are_ascii() -> None:
    with pytest.raises(ValueError, match="4 cijfers"):
        identifiers.check_gemeentecode("0363".translate(ARABISCH), date(2026, 1, 1))
    with pytest.raises(ValueError, match="ongeldige postcode"):
        identifiers.check_postcode("1234AB".translate(ARABISCH))


@pytest.mark.parametrize("value", ["12.50".translate(ARABISCH), "12.50\n"])
def test_an_amount_is_ascii_digits(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Bedrag).validate_python(value)


def test_file_fields_are_ascii_digits() -> None:
    aanvraag: dict[str, Any] = {
        "organisatie": "GM0363".translate(ARABISCH),
        "bsn": "111222333",
        "belastingsoort": "AFVALSTOFFENHEFFING",
        "aanslagbedrag_cent": "100",
        "aanvraagdatum": "2026-03-01",
        "ambtshalve": "N",
    }
    with pytest.raises(ValidationError):
        Aanvraag.model_validate(aanvraag)
    with pytest.raises(ValidationError):
        TypeAdapter(Polisregel).validate_python(
            {"bsn": "111222333", "loonheffingennummer": "123456789L01".translate(ARABISCH)}
        )
