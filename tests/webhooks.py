"""HTTPS webhook receivers on loopback for the storingen tests, with a CA of their own
(`local.tls.LokaleCa`, here `OntvangerCa`): a `Ontvanger` serves its host on 127.0.0.1 and
records every POST, answering as told: a status, a redirect, or only once `vrij` is set.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from local.tls import LokaleCa as OntvangerCa

__all__ = ["Ontvanger", "OntvangerCa", "uiteindelijk"]


@dataclass
class Ontvanger:
    """A subscriber's HTTPS endpoint on 127.0.0.1 that records what it is sent."""

    tls: OntvangerCa
    host: str = "localhost"
    status: int = 200
    location: str | None = None
    vrij: threading.Event | None = None
    """When given, every answer waits until it is set (a subscriber that hangs)."""
    ontvangen: list[dict[str, Any]] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    sni: list[str | None] = field(default_factory=list)
    beantwoord: int = 0

    def __post_init__(self) -> None:
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                ontvanger.ontvangen.append(json.loads(self.rfile.read(length)))
                ontvanger.hosts.append(self.headers.get("Host", ""))
                if ontvanger.vrij is not None:
                    ontvanger.vrij.wait(60)
                self.send_response(ontvanger.status)
                if ontvanger.location:
                    self.send_header("Location", ontvanger.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                ontvanger.beantwoord += 1

            def log_message(self, *args: object) -> None:
                pass

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.tls.certificaat, self.tls.sleutel)
        context.sni_callback = lambda sock, naam, ctx: self.sni.append(naam)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}/storingen"

    def stop(self) -> None:
        if self.vrij is not None:
            self.vrij.set()
        self.server.shutdown()
        self.server.server_close()


def uiteindelijk(
    voorwaarde: Callable[[], Any], seconden: float = 30, wat: str = "de voorwaarde"
) -> Any:
    """Wait until `voorwaarde()` is truthy (background work), and return it."""
    einde = time.monotonic() + seconden
    while True:
        waarde = voorwaarde()
        if waarde:
            return waarde
        if time.monotonic() > einde:
            raise AssertionError(f"{wat} niet binnen {seconden:g} s")
        time.sleep(0.1)
