"""Signals are delivered once per fact; a changed fact is delivered again, marked gewijzigd."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from shared.models.rechtmatigheid import SignaalStatus
from shared.rechtmatigheid.matching import SIGNALEN
from shared.rechtmatigheid.opslag import SignaalRepository

pytestmark = pytest.mark.integration


def found(gemeente: str, einddatum: str | None) -> pa.Table:
    bewijs = f'{{"begindatum":"2026-01-10","einddatum":{einddatum or "null"},"land":"NL"}}'
    row = {
        "gemeente": gemeente,
        "ontvanger": "111222333",
        "betrokkene": "111222333",
        "rol": "aanvrager",
        "type": "DETENTIE",
        "sleutel": "2026-01-10",
        "bewijs": bewijs,
    }
    return pa.Table.from_pylist([row], schema=SIGNALEN)


def test_unchanged_is_not_delivered_again_changed_is(app_settings: dict[str, str]) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    repository = SignaalRepository()
    first = repository.bewaar(found(gemeente, None), "levering-1", datetime.now(UTC))
    assert [s.status for s in first] == [SignaalStatus.NIEUW]
    assert repository.bewaar(found(gemeente, None), "levering-2", datetime.now(UTC)) == []
    changed = repository.bewaar(found(gemeente, '"2026-03-01"'), "levering-3", datetime.now(UTC))
    assert [(s.status, s.id, s.bewijs["einddatum"]) for s in changed] == [
        (SignaalStatus.GEWIJZIGD, first[0].id, "2026-03-01")
    ]
