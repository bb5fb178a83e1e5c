"""A stored document shown as the model it extends: only that model's fields, the same JSON
as validating them again would give, and never a field only the document has."""

from __future__ import annotations

from datetime import date

import pytest

from shared.models.base import ApiModel


class Getoond(ApiModel):
    regel: int
    peildatum: date
    toelichting: str | None = None


class Opgeslagen(Getoond):
    huishouden_hashes: list[str]


class Anders(ApiModel):
    regel: int


def test_a_document_shows_its_public_fields_as_validating_them_again_would() -> None:
    document = Opgeslagen(regel=7, peildatum=date(2026, 3, 1), huishouden_hashes=["ab12"])
    getoond = document.als(Getoond)
    assert type(getoond) is Getoond
    opnieuw = Getoond.model_validate(document.model_dump(exclude={"huishouden_hashes"}))
    assert getoond.model_dump_json(by_alias=True) == opnieuw.model_dump_json(by_alias=True)
    assert getoond.model_dump_json(by_alias=True) == (
        '{"regel":7,"peildatum":"2026-03-01","toelichting":null}'
    )
    assert "huishoudenHashes" not in getoond.model_dump(by_alias=True)
    assert getoond.model_fields_set == {"regel", "peildatum"}


def test_a_document_cannot_be_shown_as_a_model_it_does_not_extend() -> None:
    document = Opgeslagen(regel=7, peildatum=date(2026, 3, 1), huishouden_hashes=[])
    with pytest.raises(TypeError):
        document.als(Anders)
