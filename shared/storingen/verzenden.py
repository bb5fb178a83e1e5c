"""One POST of a notice to a subscriber's webhook, bounded in every way it can hang.

- The address is checked and resolved here, at send time (`shared.storingen.adressen`), and
  the connection goes to the very address checked: the TCP connection is opened to that IP,
  while TLS SNI, certificate verification and the Host header use the host name. No second
  resolution happens, so there is no window for DNS rebinding.
- No redirect is followed: a 3xx is a failed delivery that says so.
- Time: `VERBINDEN_SECONDEN` to connect, `LEZEN_SECONDEN` per read, and `TOTAAL_SECONDEN` for
  the whole call, enforced by a watchdog that shuts the socket down, so a subscriber that
  trickles its TLS handshake or its headers a byte at a time is cut off all the same.
- Bytes: only the status line and headers are read (http.client bounds them: 64 KiB a line,
  100 headers); the body is never read.

Why not a library: requests-hardened (maintained, Saleor) pins the resolved address the same
way inside a requests adapter, but it resolves and checks by its own rules (only the first
address, loopback allowed for all or none rather than named test hosts), has no total
deadline and exposes no socket to cut a trickling answer off; urllib3 and requests offer
per-operation timeouts only. The pinning itself is the standard technique (connect to the IP,
`server_hostname` for SNI and verification) on the standard library's http.client and ssl.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
from dataclasses import dataclass
from functools import cache

import certifi

from shared import settings
from shared.storingen.adressen import (
    AdresGeweigerd,
    Bestemming,
    IPAdres,
    Resolver,
    adressen_van,
    controleer_url,
    systeem_resolver,
)

VERBINDEN_SECONDEN = 3.0
LEZEN_SECONDEN = 5.0
TOTAAL_SECONDEN = 10.0
"""The longest one call may take, from resolving to the last header byte."""
USER_AGENT = "IB-Next-storingen/1"


@dataclass(frozen=True)
class Uitkomst:
    gelukt: bool
    toelichting: str
    opnieuw: bool = False
    """Worth another attempt (a network failure, a time-out, 408, 429, 5xx)."""


class _Bewaker:
    """Shuts the socket down once the deadline passes, wherever the call is."""

    def __init__(self, seconden: float) -> None:
        self.verlopen = threading.Event()
        self.sock: socket.socket | None = None
        self._slot = threading.Lock()
        self._timer = threading.Timer(seconden, self._verloop)
        self._timer.daemon = True

    def __enter__(self) -> _Bewaker:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def bewaak(self, sock: socket.socket) -> None:
        with self._slot:
            self.sock = sock
            if self.verlopen.is_set():
                self._sluit()

    def _verloop(self) -> None:
        with self._slot:
            self.verlopen.set()
            self._sluit()

    def _sluit(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError):
                # the plain socket's shutdown, also under TLS: the blocked read returns at once
                socket.socket.shutdown(self.sock, socket.SHUT_RDWR)


class _VastgepindeVerbinding(http.client.HTTPSConnection):
    """HTTPS to `bestemming.host`, connected to `adres` (already checked)."""

    def __init__(
        self, bestemming: Bestemming, adres: IPAdres, context: ssl.SSLContext, bewaker: _Bewaker
    ) -> None:
        super().__init__(bestemming.host, bestemming.port, timeout=LEZEN_SECONDEN, context=context)
        self._adres = adres
        self._context = context
        self._bewaker = bewaker

    def connect(self) -> None:
        sock = socket.create_connection((str(self._adres), self.port), VERBINDEN_SECONDEN)
        self._bewaker.bewaak(sock)
        sock.settimeout(LEZEN_SECONDEN)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        self._bewaker.bewaak(self.sock)  # wrapping detached `sock`: watch what replaced it


@cache
def _publiek_tls() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


def _test_tls(ca: str | None) -> ssl.SSLContext:
    if ca is None:
        raise AdresGeweigerd("testhost zonder STORINGEN_TEST_CA")
    try:
        return ssl.create_default_context(cafile=ca)
    except (OSError, ssl.SSLError) as error:
        raise AdresGeweigerd(f"STORINGEN_TEST_CA niet te lezen: {type(error).__name__}") from None


def post_json(
    url: str,
    body: bytes,
    *,
    resolver: Resolver = systeem_resolver,
    test: settings.StoringenTest | None = None,
) -> Uitkomst:
    """POST `body` (JSON) to `url`; never raises for what the subscriber does or is."""
    test = test or settings.storingen_test()
    try:
        bestemming = controleer_url(url)
        with _Bewaker(TOTAAL_SECONDEN) as bewaker:
            adressen = adressen_van(bestemming, resolver, test.hosts)
            context = _test_tls(test.ca) if bestemming.host in test.hosts else _publiek_tls()
            return _post(bestemming, adressen, context, body, bewaker)
    except AdresGeweigerd as geweigerd:
        return Uitkomst(False, f"adres geweigerd: {geweigerd.reden}")


def _post(
    bestemming: Bestemming,
    adressen: list[IPAdres],
    context: ssl.SSLContext,
    body: bytes,
    bewaker: _Bewaker,
) -> Uitkomst:
    laatste: Uitkomst | None = None
    for adres in adressen:
        if bewaker.verlopen.is_set():
            break
        verbinding = _VastgepindeVerbinding(bestemming, adres, context, bewaker)
        try:
            try:
                verbinding.connect()
            except OSError as error:
                if isinstance(error, ssl.SSLError) and not bewaker.verlopen.is_set():
                    raise
                laatste = Uitkomst(False, f"verbinden mislukt: {type(error).__name__}", True)
                continue  # the next address of the name, if any
            verbinding.request(
                "POST",
                bestemming.doel,
                body=body,
                headers={
                    "Host": bestemming.host_header,
                    "Content-Type": "application/json",
                    "User-Agent": USER_AGENT,
                    "Connection": "close",
                },
            )
            antwoord = verbinding.getresponse()
            return _beoordeel(antwoord.status, antwoord.getheader("Location"))
        except ssl.SSLCertVerificationError as error:
            return Uitkomst(
                False, f"certificaat niet geldig voor {bestemming.host}: {error.verify_message}"
            )
        except (OSError, http.client.HTTPException) as error:
            if bewaker.verlopen.is_set():
                return Uitkomst(False, f"geen antwoord binnen {TOTAAL_SECONDEN:g} s", True)
            if isinstance(error, TimeoutError):
                return Uitkomst(False, f"geen antwoord binnen {LEZEN_SECONDEN:g} s", True)
            return Uitkomst(False, f"verbinding mislukt: {type(error).__name__}", True)
        finally:
            verbinding.close()
    if bewaker.verlopen.is_set():
        return Uitkomst(False, f"geen antwoord binnen {TOTAAL_SECONDEN:g} s", True)
    return laatste or Uitkomst(False, "geen adres om te verbinden", True)


def _beoordeel(status: int, location: str | None) -> Uitkomst:
    if 200 <= status < 300:
        return Uitkomst(True, f"HTTP {status}")
    if 300 <= status < 400:
        waarheen = " (naar een ander adres)" if location else ""
        return Uitkomst(False, f"HTTP {status}: doorverwijzing{waarheen} niet gevolgd")
    return Uitkomst(False, f"HTTP {status}", opnieuw=status in (408, 429) or status >= 500)
