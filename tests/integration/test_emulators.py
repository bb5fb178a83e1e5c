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
