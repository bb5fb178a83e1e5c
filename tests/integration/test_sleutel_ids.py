"""No Cosmos id derived from a BSN is a plain hash: ids are keyed, so the ids that reach
dependency telemetry cannot be reversed by hashing every BSN (issue 13 §3)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from shared.models.rechtmatigheid import Signaal, SignaalStatus, Uitkomst
from shared.rechtmatigheid import sleutelmigratie
from shared.rechtmatigheid.matching import SIGNALEN
from shared.rechtmatigheid.opslag import SignaalRepository, inhoud_hash, oud_signaal_id
from shared.rechtmatigheid.signaalindex import SignaalIndex
from shared.storage import clients
from shared.storage.containers import BRONFEITEN, SIGNAALINDEX
from shared.storage.containers import SIGNALEN as SIGNALEN_CONTAINER
from shared.storage.documents import to_document
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


def delivered_before_keyed_ids(gemeente: str) -> Signaal:
    """A signal as a run before this release stored it: its old id, in the index too."""
    row = rows(gemeente).to_pylist()[1]
    oud = oud_signaal_id(gemeente, "DETENTIE", ONTVANGER, PARTNER, "2026-01-10")
    signaal = Signaal(
        id=oud,
        organisatie=gemeente,
        type="DETENTIE",
        omschrijving="detentie",
        bsn=ONTVANGER,
        rol="partner",
        betrokkene_bsn=PARTNER,
        sleutel="2026-01-10",
        bewijs=json.loads(row["bewijs"]),
        inhoud_hash=inhoud_hash(row["bewijs"]),
        status=SignaalStatus.NIEUW,
        geleverd_op=datetime(2026, 5, 1, tzinfo=UTC),
        levering="levering-oud",
        uitkomst=Uitkomst.TERECHT,
        afgehandeld_op=datetime(2026, 6, 1, tzinfo=UTC),
    )
    SignaalRepository().container.upsert_item(to_document(signaal))
    SignaalIndex().bevestig(gemeente, {oud: signaal.inhoud_hash})
    return signaal


def test_a_signal_under_its_old_id_is_recognised_and_keeps_its_outcome_when_changed(
    app_settings: dict[str, str],
) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    oud = delivered_before_keyed_ids(gemeente)
    repository = SignaalRepository()
    first = repository.bewaar(rows(gemeente), "levering-1", datetime.now(UTC))
    assert [s.betrokkene_bsn for s in first] == [ONTVANGER], "the unchanged one is not re-sent"
    [changed] = [
        s
        for s in repository.bewaar(rows(gemeente, '"2026-03-01"'), "l-2", datetime.now(UTC))
        if s.betrokkene_bsn == PARTNER
    ]
    assert changed.status is SignaalStatus.GEWIJZIGD
    assert changed.id != oud.id
    stored = repository.get(gemeente, changed.id)
    assert stored is not None
    assert stored[0].uitkomst is Uitkomst.TERECHT
    assert [e.levering for e in stored[0].geschiedenis] == ["levering-oud"]
    assert repository.get(gemeente, oud.id) is None, "the old record is removed"


def test_the_migration_moves_old_ids_and_rewrites_the_index(app_settings: dict[str, str]) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    oud = delivered_before_keyed_ids(gemeente)
    assert sleutelmigratie.migreer(gemeente) == 1
    assert sleutelmigratie.migreer(gemeente) == 0, "a second run finds nothing to move"
    stored = ids(SIGNALEN_CONTAINER.name, gemeente)
    assert [d["id"] for d in stored] != [oud.id]
    assert stored[0]["uitkomst"] == "terecht"
    assert set(SignaalIndex().lees(gemeente)) == {stored[0]["id"]}
    repository = SignaalRepository()
    again = repository.bewaar(rows(gemeente), "levering-1", datetime.now(UTC))
    assert [s.betrokkene_bsn for s in again] == [ONTVANGER], "the moved one is still known"
