"""One POST of a notice to a subscriber's webhook, through the platform's one way of calling
out (`shared.uitgaand`: the checked address pinned, no redirect followed, every wait bounded).
Only the status line and headers are read; the body never is.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared import settings, uitgaand
from shared.storingen.adressen import Resolver, systeem_resolver

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


def post_json(
    url: str,
    body: bytes,
    *,
    resolver: Resolver = systeem_resolver,
    test: settings.StoringenTest | None = None,
) -> Uitkomst:
    """POST `body` (JSON) to `url`; never raises for what the subscriber does or is."""
    try:
        antwoord = uitgaand.verstuur(
            "POST",
            url,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
            body=body,
            grenzen=uitgaand.Grenzen(VERBINDEN_SECONDEN, LEZEN_SECONDEN, TOTAAL_SECONDEN),
            resolver=resolver,
            test=test,
        )
    except uitgaand.Mislukt as mislukt:
        return Uitkomst(False, mislukt.reden, mislukt.opnieuw)
    return _beoordeel(antwoord.status, antwoord.headers.get("location"))


def _beoordeel(status: int, location: str | None) -> Uitkomst:
    if 200 <= status < 300:
        return Uitkomst(True, f"HTTP {status}")
    if 300 <= status < 400:
        waarheen = " (naar een ander adres)" if location else ""
        return Uitkomst(False, f"HTTP {status}: doorverwijzing{waarheen} niet gevolgd")
    return Uitkomst(False, f"HTTP {status}", opnieuw=status in (408, 429) or status >= 500)
