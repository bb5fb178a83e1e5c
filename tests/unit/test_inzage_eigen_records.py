"""Art. 15 lid 4 in the source records of an answer and of the operators' lookup: his own
records without his BSN, and another person's BSN replaced."""

from __future__ import annotations

from typing import Any

from shared.inzage.antwoord import EEN_ANDER, eigen_records


def test_his_bsn_is_left_out_and_another_persons_replaced_an_empty_one_kept() -> None:
    records: list[dict[str, Any]] = [
        {"bsn": "111222333", "soort": "partner", "relatie_bsn": "123456782"},
        {"bsn": "111222333", "soort": "kind", "relatie_bsn": None},
    ]
    assert eigen_records(records) == [
        {"soort": "partner", "relatie_bsn": EEN_ANDER},
        {"soort": "kind", "relatie_bsn": None},
    ]
