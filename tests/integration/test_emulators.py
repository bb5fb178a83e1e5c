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
