"""Signals are delivered once per fact; a changed fact is delivered again, marked gewijzigd."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from shared.models.rechtmatigheid import Signaal, SignaalStatus, Uitkomst
from shared.rechtmatigheid.matching import SIGNALEN
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.rechtmatigheid.signaalindex import SignaalIndex

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


def test_a_changed_signal_keeps_the_gemeentes_outcome_and_its_history(
    app_settings: dict[str, str],
) -> None:
    """The gemeente recorded an outcome; the evidence then changed (or a rule gained a field):
    the re-delivered signal keeps uitkomst and afgehandeldOp, and the earlier delivery."""
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    repository = SignaalRepository()
    [first] = repository.bewaar(found(gemeente, None), "levering-1", datetime.now(UTC))
    current, etag = repository.get(gemeente, first.id) or pytest.fail("not stored")
    handled = datetime(2026, 6, 1, tzinfo=UTC)
    afgehandeld = current.model_copy(
        update={"uitkomst": Uitkomst.TERECHT, "afgehandeld_op": handled}
    )
    repository.replace(first.id, afgehandeld, etag)
    repository.bewaar(found(gemeente, '"2026-03-01"'), "levering-2", datetime.now(UTC))
    stored = (repository.get(gemeente, first.id) or pytest.fail("gone"))[0]
    assert (stored.status, stored.uitkomst, stored.afgehandeld_op) == (
        SignaalStatus.GEWIJZIGD,
        Uitkomst.TERECHT,
        handled,
    )
    assert [(e.levering, e.bewijs["einddatum"]) for e in stored.geschiedenis] == [
        ("levering-1", None)
    ]


def test_signals_whose_files_were_not_written_are_delivered_again(
    app_settings: dict[str, str],
) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    repository = SignaalRepository()

    def crash(signalen: list[Signaal]) -> None:
        raise RuntimeError("stopped before the signal files were written")

    with pytest.raises(RuntimeError):
        repository.bewaar(found(gemeente, None), "levering-1", datetime.now(UTC), leveren=crash)
    delivered: list[Signaal] = []
    again = repository.bewaar(
        found(gemeente, None), "levering-1", datetime.now(UTC), leveren=delivered.extend
    )
    assert [s.status for s in again] == [SignaalStatus.NIEUW]
    assert delivered == again
    assert repository.bewaar(found(gemeente, None), "levering-2", datetime.now(UTC)) == []


def test_the_index_holds_no_bsn(app_settings: dict[str, str]) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    SignaalRepository().bewaar(found(gemeente, None), "levering-1", datetime.now(UTC))
    parts = list(SignaalIndex().container.read_all_items())
    mine = [p for p in parts if p["organisatie"] == gemeente]
    assert len(mine) == 1
    assert len(mine[0]["hashes"]) == 1
    assert "111222333" not in json.dumps(mine)
