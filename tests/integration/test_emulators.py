"""The local Cosmos emulator stops when asked, even with a client gone quiet mid-request."""

from __future__ import annotations

import socket
from pathlib import Path

from local import emulators


def test_the_cosmos_emulator_stops_cleanly_with_a_request_left_half_sent(tmp_path: Path) -> None:
    emulator = emulators.cosmos(emulators.free_port(), tmp_path)
    emulator.start()
    connection = socket.create_connection(("127.0.0.1", emulator.port))
    with emulators.cosmos_tls().wrap_socket(connection) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the headers never end
        emulators.stop_process(emulator.process, grace_seconds=5)
    assert emulator.process is not None
    assert emulator.process.returncode == 0, "killed after the grace period, not stopped"


def test_a_write_asked_without_its_response_is_stored_and_not_echoed(
    app_settings: dict[str, str],
) -> None:
    """As Cosmos DB does for "Prefer: return=minimal" (the SDK's no_response): the emulator
    answers with the ETag and no body, and the document is stored."""
    from shared.storage import clients
    from shared.storage.containers import KWIJTSCHELDINGEN

    container = clients.cosmos_database().get_container_client(KWIJTSCHELDINGEN.name)
    document = {"id": "zonder-antwoord", "organisatie": "GM0000", "inhoud": "x" * 1000}
    assert container.upsert_item(document, no_response=True) == {}
    assert container.read_item("zonder-antwoord", partition_key="GM0000")["inhoud"] == "x" * 1000
    assert container.upsert_item(document)["inhoud"] == "x" * 1000


def test_a_query_with_a_partition_key_sees_that_partition_only(
    app_settings: dict[str, str],
) -> None:
    """As in Cosmos DB, a query sent with a partition key is scoped to that partition, also
    when its text does not name the key, and also after documents are replaced or deleted;
    a query on ids (answered from the emulator's id index) finds each id of that partition
    once, and nothing of another partition or deleted."""
    from shared.storage import clients
    from shared.storage.containers import KWIJTSCHELDINGEN

    container = clients.cosmos_database().get_container_client(KWIJTSCHELDINGEN.name)
    for organisatie, n in (("GM9001", 1), ("GM9001", 2), ("GM9002", 1)):
        container.upsert_item({"id": f"scope-{n}", "organisatie": organisatie, "versie": 1})
    container.upsert_item({"id": "scope-2", "organisatie": "GM9001", "versie": 2})
    container.delete_item("scope-1", partition_key="GM9001")

    def ids(organisatie: str) -> list[tuple[str, int]]:
        query = "SELECT c.id, c.versie FROM c WHERE STARTSWITH(c.id, 'scope-')"
        rows = container.query_items(query, partition_key=organisatie)
        return sorted((row["id"], row["versie"]) for row in rows)

    assert ids("GM9001") == [("scope-2", 2)]
    assert ids("GM9002") == [("scope-1", 1)]
    assert ids("GM9003") == []

    def by_id(organisatie: str, sql: str, *wanted: str) -> list[tuple[str, int]]:
        parameters: list[dict[str, object]] = [
            {"name": f"@i{n}", "value": v} for n, v in enumerate(wanted)
        ]
        rows = container.query_items(sql, parameters=parameters, partition_key=organisatie)
        return sorted((row["id"], row["versie"]) for row in rows)

    in_list = "SELECT * FROM c WHERE c.id IN (@i0, @i1, @i2)"
    assert by_id("GM9001", in_list, "scope-1", "scope-2", "scope-2") == [("scope-2", 2)]
    assert by_id("GM9002", in_list, "scope-1", "scope-2", "elders") == [("scope-1", 1)]
    assert by_id("GM9002", "SELECT * FROM c WHERE c.id = 'scope-1'") == [("scope-1", 1)]
    assert by_id("GM9001", "SELECT * FROM c WHERE c.id = @i0", "scope-1") == []
