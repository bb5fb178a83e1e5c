"""The exchange as a client of one bron, per the Bron contract (`VUM-Bron-*.yaml`).

Every call goes out through `shared.uitgaand` (the checked address pinned, no redirect, every
wait bounded by the bron's time limit, a registered certificate enforced). The headers are the
ones the contract requires, filled in as its README's table says for VUM -> Bron:

- `X-VUM-toParty`: the bron's OIN; `X-VUM-viaParty`: its verwerker's (itself when it has none);
- `X-VUM-fromParty`: the asking verwerkingsverantwoordelijke (the bemiddelaar's own fromParty);
- `X-VUM-SUWIparty`: whether that party takes part in SUWI (`shared.vum.partijen`).

An answer counts only when it is a 200 whose body the Bron contract accepts and which says it
comes from the bron asked (`X-VUM-fromParty`); anything else is a failure with its reason, and
none of it is passed on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from shared import uitgaand
from shared.vum import contract
from shared.vum.bronnen import VumBron
from shared.vum.contract import Afwijking, Domein

VERBINDEN_SECONDEN = 2.0
MAX_ANTWOORD = 16 * 1024 * 1024
"""The largest answer read from a bron: 1,000 results (the highest maximum a registration may
set) of the largest the contract allows would not fit, but 16 MiB is over 30 times a
realistic answer of 100 results."""
USER_AGENT = "IB-Next-VUM/3"

Afloop = Literal["beantwoord", "mislukt", "niet-gevonden"]


@dataclass(frozen=True)
class BronAntwoord:
    bron: str
    """The bron's OIN."""
    afloop: Afloop
    reden: str | None = None
    """Why it failed (safe to show the bemiddelaar: no data of the bron's)."""
    inhoud: Any = None
    """The validated body of a 200."""
    duur_ms: int = 0


def _headers(bron: VumBron, van: str, suwi: bool) -> dict[str, str]:
    return {
        "X-VUM-berichtVersie": contract.VERSIE,
        "X-VUM-fromParty": van,
        "X-VUM-toParty": bron.oin,
        "X-VUM-viaParty": bron.via,
        "X-VUM-SUWIparty": "true" if suwi else "false",
        "API-Version": contract.VERSIE,
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }


def _roep(
    bron: VumBron, methode: str, pad: str, van: str, suwi: bool, body: bytes | None
) -> uitgaand.Antwoord:
    headers = _headers(bron, van, suwi)
    if body is not None:
        headers["Content-Type"] = "application/json"
    seconden = bron.tijdslimiet_ms / 1000
    return uitgaand.verstuur(
        methode,
        f"{bron.basis_url}{pad}",
        headers=headers,
        body=body,
        grenzen=uitgaand.Grenzen(
            min(VERBINDEN_SECONDEN, seconden), seconden, seconden, MAX_ANTWOORD
        ),
        prive=bron.prive_netwerk,
        vingerafdruk=bron.certificaat_vingerafdruk,
    )


def _lees(
    bron: VumBron,
    antwoord: uitgaand.Antwoord,
    afwijkingen: Callable[[Any], list[Afwijking]],
    begin: float,
) -> BronAntwoord:
    duur = round((time.monotonic() - begin) * 1000)
    if antwoord.status == 404:
        return BronAntwoord(bron.oin, "niet-gevonden", "de bron kent dit id niet", duur_ms=duur)
    if antwoord.status != 200:
        return BronAntwoord(bron.oin, "mislukt", f"HTTP {antwoord.status}", duur_ms=duur)
    if antwoord.headers.get("x-vum-fromparty") != bron.oin:
        return BronAntwoord(
            bron.oin, "mislukt", "het antwoord noemt een andere afzender", duur_ms=duur
        )
    try:
        inhoud = json.loads(antwoord.body)
    except ValueError:
        return BronAntwoord(bron.oin, "mislukt", "het antwoord is geen JSON", duur_ms=duur)
    fouten = afwijkingen(inhoud)
    if fouten:
        eerste = fouten[0]
        reden = (
            f"het antwoord volgt het Bron-contract niet ({eerste.plek or 'body'}: {eerste.reden})"
        )
        return BronAntwoord(bron.oin, "mislukt", reden[:300], duur_ms=duur)
    return BronAntwoord(bron.oin, "beantwoord", inhoud=inhoud, duur_ms=duur)


def _vraag(
    bron: VumBron,
    methode: str,
    pad: str,
    van: str,
    suwi: bool,
    body: bytes | None,
    afwijkingen: Callable[[Any], list[Afwijking]],
) -> BronAntwoord:
    """One call to the bron, judged: a failure to call is a failed answer like any other."""
    begin = time.monotonic()
    try:
        antwoord = _roep(bron, methode, pad, van, suwi, body)
    except uitgaand.Mislukt as mislukt:
        duur = round((time.monotonic() - begin) * 1000)
        return BronAntwoord(bron.oin, "mislukt", mislukt.reden, duur_ms=duur)
    return _lees(bron, antwoord, afwijkingen, begin)


def zoek(
    bron: VumBron, domein: Domein, vraag: dict[str, Any], van: str, suwi: bool
) -> BronAntwoord:
    """The bron's answer to the selectievraag `vraag` (the bemiddelaar's body as it came)."""
    body = json.dumps(vraag, ensure_ascii=False).encode("utf-8")
    return _vraag(
        bron,
        "POST",
        f"/{domein.pad}/matches",
        van,
        suwi,
        body,
        lambda inhoud: contract.bron_matches_afwijkingen(domein, inhoud),
    )


def detail(bron: VumBron, domein: Domein, bron_id: str, van: str, suwi: bool) -> BronAntwoord:
    """The bron's full record `bron_id`."""
    return _vraag(
        bron,
        "GET",
        f"/{domein.pad}/{quote(bron_id, safe='')}",
        van,
        suwi,
        None,
        lambda inhoud: contract.bron_detail_afwijkingen(domein, inhoud),
    )
