"""One HTTPS call from the platform to an address an organisation gave, bounded in every way
it can hang or mislead: the outage webhooks (`shared.storingen.verzenden`) and the VUM bronnen
(`shared.vum.bron`) both call out through here.

- The address is checked and resolved here, at call time (`shared.storingen.adressen`), and
  the connection goes to the very address checked: the TCP connection is opened to that IP,
  while TLS SNI, certificate verification and the Host header use the host name. No second
  resolution happens, so there is no window for DNS rebinding.
- No redirect is followed: a 3xx is handed back as it is, and the caller says it failed.
- Time: `Grenzen.verbinden` to connect, `Grenzen.lezen` per read, and `Grenzen.totaal` for the
  whole call, enforced by a watchdog that shuts the socket down, so a server that trickles its
  TLS handshake, its headers or its body a byte at a time is cut off all the same.
- Bytes: the status line and headers are bounded by http.client (64 KiB a line, 100 headers);
  of the body at most `Grenzen.body` bytes are read, and a longer one fails the call.
- A registered server certificate (its SHA-256 fingerprint) is checked after the handshake, on
  top of the usual verification: a bron that names its certificate gets no other.

Why not a library: requests-hardened (maintained, Saleor) pins the resolved address the same
way inside a requests adapter, but it resolves and checks by its own rules (only the first
address, loopback allowed for all or none rather than named test hosts), has no total
deadline and exposes no socket to cut a trickling answer off; urllib3 and requests offer
per-operation timeouts only. The pinning itself is the standard technique (connect to the IP,
`server_hostname` for SNI and verification) on the standard library's http.client and ssl.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
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


@dataclass(frozen=True)
class Grenzen:
    verbinden: float
    """Seconds to open the TCP connection."""
    lezen: float
    """Seconds any one read may wait."""
    totaal: float
    """Seconds for the whole call, from resolving to the last byte."""
    body: int = 0
    """The most bytes of the answer's body that are read; 0: the body is never read."""


@dataclass(frozen=True)
class Antwoord:
    status: int
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes


class Mislukt(Exception):
    """No answer: `reden` says why (safe to show the organisation); `opnieuw`: worth another
    attempt (a network failure, a time-out)."""

    def __init__(self, reden: str, opnieuw: bool = False) -> None:
        self.reden = reden
        self.opnieuw = opnieuw
        super().__init__(reden)


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
        self,
        bestemming: Bestemming,
        adres: IPAdres,
        context: ssl.SSLContext,
        bewaker: _Bewaker,
        grenzen: Grenzen,
    ) -> None:
        super().__init__(bestemming.host, bestemming.port, timeout=grenzen.lezen, context=context)
        self._adres = adres
        self._context = context
        self._bewaker = bewaker
        self._grenzen = grenzen

    def connect(self) -> None:
        sock = socket.create_connection((str(self._adres), self.port), self._grenzen.verbinden)
        self._bewaker.bewaak(sock)
        sock.settimeout(self._grenzen.lezen)
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


def verstuur(
    methode: str,
    url: str,
    *,
    headers: dict[str, str],
    grenzen: Grenzen,
    body: bytes | None = None,
    prive: bool = False,
    vingerafdruk: str | None = None,
    resolver: Resolver = systeem_resolver,
    test: settings.StoringenTest | None = None,
) -> Antwoord:
    """Call `url` once; the answer as it came (any status, 3xx included), or `Mislukt`.

    `prive`: the address may be in a private network (a registered bron inside Diginetwerk);
    loopback, link-local and metadata addresses stay refused. `vingerafdruk`: the SHA-256 (hex)
    of the only server certificate accepted."""
    test = test or settings.storingen_test()
    try:
        bestemming = controleer_url(url)
        with _Bewaker(grenzen.totaal) as bewaker:
            adressen = adressen_van(bestemming, resolver, test.hosts, prive=prive)
            context = _test_tls(test.ca) if bestemming.host in test.hosts else _publiek_tls()
            return _roep(
                methode,
                bestemming,
                adressen,
                context,
                headers,
                body,
                grenzen,
                bewaker,
                vingerafdruk,
            )
    except AdresGeweigerd as geweigerd:
        raise Mislukt(f"adres geweigerd: {geweigerd.reden}") from None


def _roep(
    methode: str,
    bestemming: Bestemming,
    adressen: list[IPAdres],
    context: ssl.SSLContext,
    headers: dict[str, str],
    body: bytes | None,
    grenzen: Grenzen,
    bewaker: _Bewaker,
    vingerafdruk: str | None,
) -> Antwoord:
    laatste: Mislukt | None = None
    for adres in adressen:
        if bewaker.verlopen.is_set():
            break
        verbinding = _VastgepindeVerbinding(bestemming, adres, context, bewaker, grenzen)
        try:
            try:
                verbinding.connect()
            except OSError as error:
                if isinstance(error, ssl.SSLError) and not bewaker.verlopen.is_set():
                    raise
                laatste = Mislukt(f"verbinden mislukt: {type(error).__name__}", True)
                continue  # the next address of the name, if any
            _controleer_certificaat(verbinding, vingerafdruk, bestemming.host)
            verbinding.request(
                methode,
                bestemming.doel,
                body=body,
                headers={"Host": bestemming.host_header, "Connection": "close", **headers},
            )
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read(grenzen.body + 1) if grenzen.body else b""
            if len(inhoud) > grenzen.body:
                raise Mislukt(f"antwoord groter dan {grenzen.body} bytes")
            koppen = {naam.lower(): waarde for naam, waarde in antwoord.getheaders()}
            return Antwoord(antwoord.status, koppen, inhoud)
        except ssl.SSLCertVerificationError as error:
            raise Mislukt(
                f"certificaat niet geldig voor {bestemming.host}: {error.verify_message}"
            ) from None
        except (OSError, http.client.HTTPException) as error:
            if bewaker.verlopen.is_set():
                raise Mislukt(f"geen antwoord binnen {grenzen.totaal:g} s", True) from None
            if isinstance(error, TimeoutError):
                raise Mislukt(f"geen antwoord binnen {grenzen.lezen:g} s", True) from None
            raise Mislukt(f"verbinding mislukt: {type(error).__name__}", True) from None
        finally:
            verbinding.close()
    if bewaker.verlopen.is_set():
        raise Mislukt(f"geen antwoord binnen {grenzen.totaal:g} s", True)
    raise laatste or Mislukt("geen adres om te verbinden", True)


def _controleer_certificaat(
    verbinding: _VastgepindeVerbinding, vingerafdruk: str | None, host: str
) -> None:
    if vingerafdruk is None:
        return
    der = verbinding.sock.getpeercert(binary_form=True) or b""
    if not hmac.compare_digest(hashlib.sha256(der).hexdigest(), vingerafdruk.lower()):
        raise Mislukt(f"{host} toont niet het geregistreerde certificaat")
