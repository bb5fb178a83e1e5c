"""The parameters an answer shows it used: one shared model per value in force."""

from datetime import date
from decimal import Decimal

from shared.models.uitleg import GebruiktParameter
from shared.rules.parameters import Waarde


def waarde(value: str) -> Waarde:
    return Waarde("normbedrag", Decimal(value), date(2026, 1, 1), "bron", "art. 1", "euro")


def test_a_value_is_shown_as_given_even_when_an_equal_one_was_shown_before() -> None:
    """1.0 and 1.00 are equal Decimals (and equal Waarden); each answer shows its own text."""
    assert GebruiktParameter.van(waarde("1.0")).waarde == "1.0"
    assert GebruiktParameter.van(waarde("1.00")).waarde == "1.00"


def test_the_same_value_gives_one_immutable_model() -> None:
    eerste, tweede = GebruiktParameter.van(waarde("12.34")), GebruiktParameter.van(waarde("12.34"))
    assert eerste is tweede
    assert eerste.model_dump() == {
        "naam": "normbedrag",
        "waarde": "12.34",
        "ingang": date(2026, 1, 1),
        "bron": "bron",
        "artikel": "art. 1",
    }
    assert eerste.model_config.get("frozen") is True
