"""No Cosmos id derived from a BSN is a plain hash: ids are keyed, so the ids that reach
dependency telemetry cannot be reversed by hashing every BSN (issue 13 §3)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from shared.rechtmatigheid.matching import SIGNALEN
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.storage import clients
from shared.storage.containers import BRONFEITEN, SIGNAALINDEX
from shared.storage.containers import SIGNALEN as SIGNALEN_CONTAINER
from shared.storage.emmers import EMMERS, persoonsemmer
from shared.storage.ids import document_id
from tests.integration.test_bronnen import PEILDATUM, deliver, fresh, source_file, world

pytestmark = pytest.mark.integration
__all__ = ["fresh", "world"]

ONTVANGER = "111222333"
PARTNER = "123456782"


def rows(gemeente: str, einddatum: str | None = None) -> pa.Table:
    bewijs = f'{{"begindatum":"2026-01-10","einddatum":{einddatum or "null"},"land":"NL"}}'
    return pa.Table.from_pylist(
        [
            {
                "gemeente": gemeente,
                "ontvanger": ONTVANGER,
                "betrokkene": betrokkene,
                "rol": rol,
                "type": "DETENTIE",
                "sleutel": "2026-01-10",
                "bewijs": bewijs,
            }
            for betrokkene, rol in ((ONTVANGER, "aanvrager"), (PARTNER, "partner"))
        ],
        schema=SIGNALEN,
    )


def ids(container: str, gemeente: str | None = None) -> list[dict[str, str]]:
    proxy = clients.cosmos_database().get_container_client(container)
    if gemeente is None:
        return list(proxy.query_items("SELECT * FROM c", enable_cross_partition_query=True))
    return list(
        proxy.query_items(
            "SELECT * FROM c WHERE c.organisatie = @g",
            parameters=[{"name": "@g", "value": gemeente}],
            partition_key=gemeente,
        )
    )


def test_no_source_fact_id_is_a_plain_hash_of_its_bsn(world: Path, fresh: None) -> None:
    delivered = deliver("brp-personen", source_file(world, "brp-personen"), "personen.csv")
    stored = [d for d in ids(BRONFEITEN.name) if d["snapshot"] == delivered.id]
    assert stored
    plain = {document_id(d["bsn"], d["bron"], d["snapshot"]) for d in stored}
    assert not plain & {d["id"] for d in stored}
    # the partition key is the person's emmer, from a keyed hash: nothing of the BSN
    assert {d["emmer"] for d in stored} <= {f"persoon.{n}" for n in range(EMMERS)}
    assert all(d["emmer"] == persoonsemmer(d["bsn"], EMMERS) for d in stored)
    from shared.bronnen.raadplegen import Bronnen

    [stand] = Bronnen().persoon(stored[0]["bsn"], PEILDATUM, ["brp-personen"])
    assert stand.records, "a person is found again by the keyed id"


def test_no_signal_id_is_a_plain_hash_of_its_bsns(app_settings: dict[str, str]) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    SignaalRepository().bewaar(rows(gemeente), "levering-1", datetime.now(UTC))
    stored = ids(SIGNALEN_CONTAINER.name, gemeente)
    assert len(stored) == 2
    plain = {
        document_id(gemeente, "DETENTIE", ONTVANGER, betrokkene, "2026-01-10")
        for betrokkene in (ONTVANGER, PARTNER)
    }
    assert not plain & {d["id"] for d in stored}
    index_keys = {k for d in ids(SIGNAALINDEX.name, gemeente) for k in d["hashes"]}
    assert index_keys == {d["id"] for d in stored}
