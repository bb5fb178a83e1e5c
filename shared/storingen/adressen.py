"""Which webhook addresses the platform will call: public https only (no SSRF).

An organisation names an address; the platform then POSTs to it from inside Azure, where
the instance metadata service, the platform's own private endpoints and the VNet are one
hop away. So an address is refused when it is, or resolves to, anything but a public
unicast address: private, loopback, link-local, multicast, reserved, unspecified, the
shared address space of carrier-grade NAT (100.64.0.0/10), IPv6 unique-local and
link-local, an IPv4-mapped, 6to4 or NAT64 IPv6 address of any of those, and the cloud
metadata and host addresses (`METADATA_ADRESSEN`, `METADATA_NAMEN`).

The check runs when an organisation subscribes (a 400 with the reason) and again at every
delivery on a fresh resolution, whose checked address is the one connected to
(`shared.storingen.verzenden`): a name that resolved to a public address yesterday and to
169.254.169.254 today is refused today.

`testhosts` (the setting `STORINGEN_TESTHOSTS`, refused in Azure by `shared.settings`) names
host names that may resolve to loopback, so the tests and `make run` can receive notices on
this machine; nothing else is relaxed for them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAdres = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[IPAdres]]
"""Host name and port → the addresses to connect to, in order (tests inject their own)."""

METADATA_ADRESSEN = frozenset(
    ipaddress.ip_address(adres)
    for adres in (
        "169.254.169.254",  # Azure IMDS, AWS, GCP, Oracle instance metadata
        "169.254.170.2",  # AWS container credentials
        "168.63.129.16",  # Azure WireServer: a public address that reaches the host
        "100.100.100.200",  # Alibaba Cloud metadata
        "fd00:ec2::254",  # AWS instance metadata over IPv6
    )
)
"""Cloud metadata and host endpoints. Most are link-local, ULA or CGNAT anyway; 168.63.129.16
is a public address that `ipaddress` calls global, so it must be named."""

METADATA_NAMEN = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
"""Names of metadata services, refused by name before any resolution."""

INTERNE_ACHTERVOEGSELS = (".localhost", ".local", ".internal", ".home.arpa", ".lan")
"""Names that by convention never denote a public host (RFC 6761, RFC 6762, RFC 8375)."""

NAT64 = ipaddress.ip_network("64:ff9b::/96")
"""RFC 6052's well-known NAT64 prefix: it reaches any IPv4 address, private ones included,
and Python 3.11's `ipaddress` calls it global, so the embedded IPv4 address is checked."""


class AdresGeweigerd(Exception):
    """The address is not one the platform will call; `reden` says why (safe to show)."""

    def __init__(self, reden: str) -> None:
        self.reden = reden
        super().__init__(reden)


@dataclass(frozen=True)
class Bestemming:
    """A checked https URL, split into what the connection needs."""

    host: str
    """Lower case, without brackets or a trailing dot: what SNI, the certificate and the
    Host header are checked against."""
    port: int
    doel: str
    """Path and query, as sent in the request line."""

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == 443 else f"{host}:{self.port}"


def systeem_resolver(host: str, port: int) -> list[IPAdres]:
    """The addresses the operating system resolves `host` to, in its order."""
    try:
        gevonden = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AdresGeweigerd(f"de naam {host} is niet op te zoeken") from error
    adressen: list[IPAdres] = []
    for _familie, _soort, _protocol, _naam, sockaddr in gevonden:
        adres = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if adres not in adressen:
            adressen.append(adres)
    return adressen


def reden_tegen(adres: IPAdres, prive: bool = False) -> str | None:
    """Why the platform will not connect to `adres`, or None for a public unicast address
    (`prive`: or an address of a private network, for a server registered as inside one;
    loopback, link-local, metadata and the like stay refused)."""
    if adres in METADATA_ADRESSEN:
        return f"{adres} is een metadata-adres van de cloud"
    if isinstance(adres, ipaddress.IPv6Address):
        ingebed = adres.ipv4_mapped or (adres.sixtofour if adres in _6TO4 else None)
        if ingebed is None and adres in NAT64:
            ingebed = ipaddress.IPv4Address(int(adres) & 0xFFFFFFFF)
        if ingebed is not None:
            reden = reden_tegen(ingebed, prive)
            return None if reden is None else f"{adres} bevat {ingebed}: {reden}"
    for eigenschap, wat in _EIGENSCHAPPEN:
        if getattr(adres, eigenschap) and not (prive and eigenschap == "is_private"):
            return f"{adres} is {wat}"
    if not adres.is_global and not prive:
        return f"{adres} is geen publiek adres"
    return None


_6TO4 = ipaddress.ip_network("2002::/16")
_EIGENSCHAPPEN = (
    ("is_unspecified", "een onbepaald adres"),
    ("is_loopback", "een loopback-adres"),
    ("is_link_local", "een link-local adres"),
    ("is_multicast", "een multicast-adres"),
    ("is_reserved", "een gereserveerd adres"),
    ("is_private", "een privé-adres"),
)
"""Checked in this order, so the reason names the most specific property."""


def controleer_url(url: str) -> Bestemming:
    """The URL's parts, when it is one the platform may call at all (before resolving)."""
    try:
        delen = urlsplit(url)
        poort = delen.port
    except ValueError as error:
        raise AdresGeweigerd("dit is geen geldig adres") from error
    if delen.scheme != "https":
        raise AdresGeweigerd("een abonnement vraagt een https-adres")
    if delen.username is not None or delen.password is not None or "@" in delen.netloc:
        raise AdresGeweigerd("een adres met gebruikersnaam of wachtwoord wordt niet aanvaard")
    host = (delen.hostname or "").rstrip(".").lower()
    if not host:
        raise AdresGeweigerd("het adres noemt geen host")
    if ":" in host:
        raise AdresGeweigerd("een adres noemt een hostnaam of IPv4-adres, geen IPv6-adres")
    if delen.fragment:
        raise AdresGeweigerd("een adres met een fragment (#) wordt niet aanvaard")
    doel = delen.path or "/"
    if delen.query:
        doel = f"{doel}?{delen.query}"
    if any(ord(teken) < 33 or ord(teken) == 127 for teken in doel):
        raise AdresGeweigerd("het pad bevat spaties of stuurtekens")
    return Bestemming(host=host, port=poort or 443, doel=doel)


def _letterlijk(host: str) -> IPAdres | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def adressen_van(
    bestemming: Bestemming, resolver: Resolver, testhosts: Iterable[str] = (), prive: bool = False
) -> list[IPAdres]:
    """The addresses to connect to, each checked; refused when any one is not allowed (a
    name that resolves to a public and a private address is refused as a whole, unless
    `prive` allows private networks: see `reden_tegen`)."""
    host = bestemming.host
    letterlijk = _letterlijk(host)
    if host in set(testhosts) and letterlijk is None:
        adressen = resolver(host, bestemming.port)
        if not adressen or not all(a.is_loopback for a in adressen):
            raise AdresGeweigerd(f"testhost {host} wijst niet (alleen) naar loopback")
        return adressen
    if letterlijk is not None:
        reden = reden_tegen(letterlijk, prive)
        if reden is not None:
            raise AdresGeweigerd(reden)
        return [letterlijk]
    if host in METADATA_NAMEN:
        raise AdresGeweigerd(f"{host} is een metadatadienst")
    if host == "localhost" or host.endswith(".localhost"):
        raise AdresGeweigerd(f"{host} is geen publieke naam")
    if not prive and (host.endswith(INTERNE_ACHTERVOEGSELS) or "." not in host):
        raise AdresGeweigerd(f"{host} is geen publieke naam")
    adressen = resolver(host, bestemming.port)
    if not adressen:
        raise AdresGeweigerd(f"de naam {host} heeft geen adres")
    for adres in adressen:
        reden = reden_tegen(adres, prive)
        if reden is not None:
            raise AdresGeweigerd(f"{host} wijst naar {reden}")
    return adressen


def controleer(
    url: str, resolver: Resolver = systeem_resolver, testhosts: Iterable[str] = ()
) -> list[IPAdres]:
    """Refuse (`AdresGeweigerd`) an address the platform will not call; else its addresses."""
    return adressen_van(controleer_url(url), resolver, testhosts)
