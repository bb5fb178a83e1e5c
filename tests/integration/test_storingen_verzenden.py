"""One webhook call (shared.storingen.verzenden) against HTTPS receivers on loopback.

No emulator is needed; the receivers are on 127.0.0.1 and the names they serve are resolved
by an injected resolver, so the tests show which address is connected to.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator

import pytest

from shared.settings import StoringenTest
from shared.storingen import verzenden
from shared.storingen.adressen import IPAdres, controleer
from tests.webhooks import Ontvanger, OntvangerCa

pytestmark = pytest.mark.integration

HOST = "ontvanger.localhost"
LOOPBACK = ipaddress.ip_address("127.0.0.1")


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> OntvangerCa:
    return OntvangerCa.maak(tmp_path_factory.mktemp("tls"), HOST)


@pytest.fixture
def ontvanger(tls: OntvangerCa) -> Iterator[Ontvanger]:
    running = Ontvanger(tls, host=HOST)
    yield running
    running.stop()


class Resolver:
    """Answers from a table and counts the questions."""

    def __init__(self, *antwoorden: list[IPAdres]) -> None:
        self.antwoorden = list(antwoorden)
        self.gevraagd = 0

    def __call__(self, host: str, port: int) -> list[IPAdres]:
        antwoord = self.antwoorden[min(self.gevraagd, len(self.antwoorden) - 1)]
        self.gevraagd += 1
        return antwoord


def test_the_call_goes_to_the_checked_address_with_sni_and_host_of_the_name(
    ontvanger: Ontvanger, tls: OntvangerCa
) -> None:
    resolver = Resolver([LOOPBACK])
    uitkomst = verzenden.post_json(
        ontvanger.url,
        b'{"storing": {"id": "s1"}}',
        resolver=resolver,
        test=StoringenTest(hosts=frozenset({HOST}), ca=str(tls.ca)),
    )
    assert uitkomst == verzenden.Uitkomst(True, "HTTP 200")
    assert resolver.gevraagd == 1  # resolved once: the connection used that very answer
    assert ontvanger.sni == [HOST]
    assert ontvanger.hosts == [f"{HOST}:{ontvanger.port}"]
    assert ontvanger.ontvangen == [{"storing": {"id": "s1"}}]


def test_a_name_that_resolves_to_a_private_address_at_send_time_is_not_called() -> None:
    """DNS rebinding: public when subscribing, the metadata address when sending."""
    url = "https://ontvanger.example/storingen"
    resolver = Resolver(
        [ipaddress.ip_address("93.184.215.14")], [ipaddress.ip_address("169.254.169.254")]
    )
    assert controleer(url, resolver) == [ipaddress.ip_address("93.184.215.14")]
    uitkomst = verzenden.post_json(
        url, b"{}", resolver=resolver, test=StoringenTest(frozenset(), None)
    )
    assert not uitkomst.gelukt
    assert not uitkomst.opnieuw
    assert uitkomst.toelichting == (
        "adres geweigerd: ontvanger.example wijst naar 169.254.169.254 is een metadata-adres "
        "van de cloud"
    )


def test_loopback_is_refused_unless_the_name_is_an_allowed_test_host(
    ontvanger: Ontvanger, tls: OntvangerCa
) -> None:
    uitkomst = verzenden.post_json(
        ontvanger.url,
        b"{}",
        resolver=Resolver([LOOPBACK]),
        test=StoringenTest(hosts=frozenset(), ca=str(tls.ca)),
    )
    assert uitkomst.toelichting.startswith("adres geweigerd: ")
    assert ontvanger.ontvangen == []


def test_a_redirect_is_not_followed(tls: OntvangerCa) -> None:
    elders = Ontvanger(tls, host=HOST)
    verwijzer = Ontvanger(tls, host=HOST, status=302, location=elders.url)
    try:
        uitkomst = verzenden.post_json(
            verwijzer.url,
            b"{}",
            resolver=Resolver([LOOPBACK]),
            test=StoringenTest(hosts=frozenset({HOST}), ca=str(tls.ca)),
        )
    finally:
        verwijzer.stop()
        elders.stop()
    assert uitkomst == verzenden.Uitkomst(
        False, "HTTP 302: doorverwijzing (naar een ander adres) niet gevolgd"
    )
    assert len(verwijzer.ontvangen) == 1
    assert elders.ontvangen == []


def _druppelaar(tls: OntvangerCa, stop: threading.Event, tls_ook: bool) -> socket.socket:
    """A loopback server that, after the request, answers a byte every 0.1 s, forever
    (or, without `tls_ook`, trickles its TLS handshake the same way)."""
    server = socket.create_server(("127.0.0.1", 0))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls.certificaat, tls.sleutel)

    def druppel() -> None:
        verbinding, _ = server.accept()
        try:
            if tls_ook:
                verbinding = context.wrap_socket(verbinding, server_side=True)
                verbinding.recv(65536)
                stroom = b"HTTP/1.1 200 OK\r\n" + b"X-Druppel: a\r\n" * 1000
            else:
                stroom = b"\x16\x03\x03\x40\x00" + b"\x00" * 16384  # one handshake record
            for byte in stroom:
                if stop.wait(0.1):
                    break
                verbinding.send(bytes([byte]))
        except OSError:
            pass
        finally:
            verbinding.close()

    threading.Thread(target=druppel, daemon=True).start()
    return server


@pytest.mark.parametrize("waar", ["handshake", "headers"])
def test_a_subscriber_that_trickles_is_cut_off(
    monkeypatch: pytest.MonkeyPatch, tls: OntvangerCa, waar: str
) -> None:
    """Each byte comes well within the read time-out; the whole would take minutes."""
    monkeypatch.setattr(verzenden, "TOTAAL_SECONDEN", 1.0)
    monkeypatch.setattr(verzenden, "LEZEN_SECONDEN", 0.5)
    stop = threading.Event()
    server = _druppelaar(tls, stop, tls_ook=waar == "headers")
    begin = time.monotonic()
    try:
        uitkomst = verzenden.post_json(
            f"https://{HOST}:{server.getsockname()[1]}/x",
            b"{}",
            resolver=Resolver([LOOPBACK]),
            test=StoringenTest(hosts=frozenset({HOST}), ca=str(tls.ca)),
        )
    finally:
        stop.set()
        server.close()
    assert not uitkomst.gelukt
    assert uitkomst.opnieuw
    if waar == "headers":  # past the handshake only the total time stops it
        assert uitkomst.toelichting == "geen antwoord binnen 1 s"
    assert time.monotonic() - begin < 10


def test_a_status_line_that_never_ends_is_cut_off_at_the_total_time(
    monkeypatch: pytest.MonkeyPatch, ontvanger: Ontvanger, tls: OntvangerCa
) -> None:
    """A subscriber that accepts the POST and then never answers."""
    monkeypatch.setattr(verzenden, "TOTAAL_SECONDEN", 1.0)
    ontvanger.vrij = threading.Event()
    uitkomst = verzenden.post_json(
        ontvanger.url,
        b"{}",
        resolver=Resolver([LOOPBACK]),
        test=StoringenTest(hosts=frozenset({HOST}), ca=str(tls.ca)),
    )
    assert uitkomst == verzenden.Uitkomst(False, "geen antwoord binnen 1 s", opnieuw=True)
    assert len(ontvanger.ontvangen) == 1
