"""Documents gathered per emmer into batches Cosmos DB accepts: at most 100 operations of
one partition and well under its 2 MB payload, nothing lost, nothing mixed."""

from __future__ import annotations

import json
from typing import Any

from shared.storage.emmers import BATCH_BYTES, Batches, emmer


def document(nummer: int, partitie: str, vulling: int = 10) -> dict[str, Any]:
    return {"id": f"{nummer:064x}", "emmer": partitie, "records": ["x" * vulling]}


def test_a_batch_is_sent_at_a_hundred_documents_of_one_emmer() -> None:
    batches = Batches()
    sent = [batch for n in range(250) for batch in batches.add(document(n, "s.1"))]
    assert [len(batch) for batch in sent] == [100, 100]
    assert [len(batch) for batch in batches.rest()] == [50]
    assert batches.rest() == []


def test_documents_of_different_emmers_never_share_a_batch() -> None:
    batches = Batches()
    sent = [batch for n in range(300) for batch in batches.add(document(n, f"s.{n % 3}"))]
    rest = batches.rest()
    everything = sent + rest
    assert [len(batch) for batch in sent] == [100, 100, 100]
    assert rest == []
    for batch in everything:
        assert len({d["emmer"] for d in batch}) == 1
    assert sorted(d["id"] for batch in everything for d in batch) == [
        f"{n:064x}" for n in range(300)
    ]


def test_a_batch_is_sent_before_it_would_pass_its_byte_limit() -> None:
    batches = Batches()
    groot = BATCH_BYTES // 3
    assert batches.add(document(1, "s.1", groot)) == []
    assert batches.add(document(2, "s.1", groot)) == []
    [sent] = batches.add(document(3, "s.1", groot))  # three would pass the limit
    assert [d["id"] for d in sent] == [f"{1:064x}", f"{2:064x}"]
    [rest] = batches.rest()
    assert [d["id"] for d in rest] == [f"{3:064x}"]


def test_a_document_larger_than_a_batch_goes_alone() -> None:
    batches = Batches()
    assert batches.add(document(1, "s.1")) == []
    [sent] = batches.add(document(2, "s.1", BATCH_BYTES + 1))
    assert [d["id"] for d in sent] == [f"{1:064x}"]
    [sent] = batches.add(document(3, "s.1"))
    assert [d["id"] for d in sent] == [f"{2:064x}"]
    assert [[d["id"] for d in batch] for batch in batches.rest()] == [[f"{3:064x}"]]


def test_the_emmer_is_the_snapshot_and_a_number_from_the_id() -> None:
    ids = [f"{n:08x}" + "0" * 56 for n in range(1000)]
    emmers = {emmer("levering-1", i, 64) for i in ids}
    assert emmers == {f"levering-1.{n}" for n in range(64)}
    assert emmer("levering-1", ids[5], 64) == emmer("levering-1", ids[5], 64)


def test_a_document_is_measured_as_sent_with_non_ascii_escaped() -> None:
    """Two documents of 'é's: in UTF-8 they would fit one batch together; as the SDK sends
    them by default (each 'é' as a six-character escape) they do not."""
    batches = Batches()
    tekens = BATCH_BYTES // 9
    eerste = {"id": "1", "emmer": "s.1", "records": ["é" * tekens]}
    tweede = {"id": "2", "emmer": "s.1", "records": ["é" * tekens]}
    assert 2 * len(json.dumps(eerste, ensure_ascii=False).encode()) < BATCH_BYTES
    assert batches.add(eerste) == []
    assert batches.add(tweede) == [[eerste]]
