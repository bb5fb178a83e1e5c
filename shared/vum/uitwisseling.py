"""The exchange: a bemiddelaar's selectievraag to every connected bron at once, one answer back.

- Every bron registered for the domain and active now is asked in parallel, each within its
  own time limit; the exchange waits no longer than the longest limit (plus `MARGE_SECONDEN`),
  so one bron that hangs (even in its name lookup) does not hold the answer back.
- A bron that fails, is slow, or answers outside its contract is reported in `bronnen` with
  its reason; the others' results are answered all the same.
- Per bron, results past its maximum (`maximumAantalResultaten`, 100 unless registered
  otherwise) are dropped and `maximumAantalResultatenBereikt` is set, as it is when the bron
  says so itself; the answer's flag is set when any bron's is.
- Merging: a bron's result that repeats an id it already returned is dropped; a result whose
  content (all but the bron's id) is the same as one of a bron asked earlier (bronnen in OIN
  order) is dropped as the same vacancy or profile published twice. A stated reading: the
  contract promises an unordered set and defines no identity across bronnen.
- Each result gets a `vumID` in place of the bron's id (`shared.vum.vumid`): it routes the
  detail request back to the bron that returned it, for the same party only.

Nothing of the results is stored: `Verslag` keeps only who answered, how many, how fast.
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from shared.vum import bron as bronclient
from shared.vum import vumid
from shared.vum.bron import BronAntwoord
from shared.vum.bronnen import VumBron
from shared.vum.contract import Domein

MARGE_SECONDEN = 0.5
"""Past the longest time limit, what the exchange allows for threads and merging."""


@dataclass(frozen=True)
class Partijen:
    """Who asks, as the bemiddelaar's headers name them (OINs)."""

    van: str
    """X-VUM-fromParty: the asking verwerkingsverantwoordelijke."""
    via: str
    """X-VUM-viaParty: its verwerker (itself when it has none)."""


@dataclass(frozen=True)
class Verslag:
    """One bron's part in one exchange: never the data, only how it went."""

    bron: str
    afloop: str
    reden: str | None
    aantal: int
    maximum_bereikt: bool
    duur_ms: int

    def als_json(self) -> dict[str, Any]:
        verslag: dict[str, Any] = {
            "bronID": self.bron,
            "afloop": self.afloop,
            "aantal": self.aantal,
            "maximumAantalResultatenBereikt": self.maximum_bereikt,
            "duurMs": self.duur_ms,
        }
        if self.reden:
            verslag["reden"] = self.reden
        return verslag


@dataclass(frozen=True)
class Zoekresultaat:
    vraag_id: str
    matches: list[dict[str, Any]]
    maximum_bereikt: bool
    verslagen: list[Verslag]

    def als_json(self) -> dict[str, Any]:
        """The Bemiddelaar contract's answer, with `bronnen` beside it: what each bron did
        (the contract's answer object admits more properties, and a bemiddelaar that knows
        only the contract reads past it)."""
        return {
            "maximumAantalResultatenBereikt": self.maximum_bereikt,
            "vraagID": self.vraag_id,
            "matches": self.matches,
            "bronnen": [v.als_json() for v in self.verslagen],
        }


def _parallel(
    bronnen: list[VumBron], vraag: Any, seconden: float
) -> dict[str, BronAntwoord | None]:
    """Each bron's answer to `vraag(bron)`, None where none came within `seconden`."""
    if not bronnen:
        return {}
    pool = ThreadPoolExecutor(max_workers=len(bronnen), thread_name_prefix="vum-bron")
    lopend: dict[str, Future[BronAntwoord]] = {b.oin: pool.submit(vraag, b) for b in bronnen}
    wait(lopend.values(), timeout=seconden)
    pool.shutdown(wait=False, cancel_futures=True)
    return {oin: (f.result() if f.done() else None) for oin, f in lopend.items()}


def _grens(bronnen: list[VumBron]) -> float:
    return max((b.tijdslimiet_ms for b in bronnen), default=0) / 1000 + MARGE_SECONDEN


def zoek(
    domein: Domein,
    vraag: dict[str, Any],
    partijen: Partijen,
    suwi: bool,
    bronnen: list[VumBron],
) -> Zoekresultaat:
    grens = _grens(bronnen)
    antwoorden = _parallel(
        bronnen, lambda b: bronclient.zoek(b, domein, vraag, partijen.van, suwi), grens
    )
    matches: list[dict[str, Any]] = []
    verslagen: list[Verslag] = []
    gezien: set[str] = set()
    for bron in bronnen:
        antwoord = antwoorden[bron.oin]
        if antwoord is None:
            reden = f"geen antwoord binnen {bron.tijdslimiet_ms} ms"
            verslagen.append(Verslag(bron.oin, "mislukt", reden, 0, False, round(grens * 1000)))
            continue
        if antwoord.afloop != "beantwoord":
            verslagen.append(
                Verslag(bron.oin, "mislukt", antwoord.reden, 0, False, antwoord.duur_ms)
            )
            continue
        eigen, bereikt = _van_een_bron(domein, bron, antwoord.inhoud)
        aantal = 0
        for match in eigen:
            bron_id = match[domein.bron_id]
            rest = {k: v for k, v in match.items() if k != domein.bron_id}
            sleutel = json.dumps(rest, sort_keys=True, ensure_ascii=False)
            if sleutel in gezien:
                continue
            gezien.add(sleutel)
            matches.append(
                {"vumID": vumid.maak(domein.pad, partijen.van, bron.oin, bron_id), **rest}
            )
            aantal += 1
        verslagen.append(Verslag(bron.oin, "beantwoord", None, aantal, bereikt, antwoord.duur_ms))
    return Zoekresultaat(
        vraag_id=str(uuid.uuid4()),
        matches=matches,
        maximum_bereikt=any(v.maximum_bereikt for v in verslagen),
        verslagen=verslagen,
    )


def _van_een_bron(
    domein: Domein, bron: VumBron, inhoud: dict[str, Any]
) -> tuple[list[dict[str, Any]], bool]:
    """A bron's results, each id once, at most its maximum; and whether it reached it."""
    uniek: dict[str, dict[str, Any]] = {}
    for match in inhoud["matches"]:
        uniek.setdefault(match[domein.bron_id], match)
    eigen = list(uniek.values())
    bereikt = bool(inhoud["maximumAantalResultatenBereikt"])
    if len(eigen) > bron.maximum_aantal_resultaten:
        eigen, bereikt = eigen[: bron.maximum_aantal_resultaten], True
    return eigen, bereikt


@dataclass(frozen=True)
class Detail:
    verslag: Verslag
    record: dict[str, Any] | None
    """The bron's record, when it answered with one."""


def detail(
    domein: Domein,
    verwijzing: vumid.Verwijzing,
    partijen: Partijen,
    suwi: bool,
    bron: VumBron,
) -> Detail:
    """The record `verwijzing` names, from the bron that holds it, within its time limit."""
    antwoord = _parallel(
        [bron],
        lambda b: bronclient.detail(b, domein, verwijzing.bron_id, partijen.van, suwi),
        _grens([bron]),
    )[bron.oin]
    if antwoord is None:
        reden = f"geen antwoord binnen {bron.tijdslimiet_ms} ms"
        return Detail(Verslag(bron.oin, "mislukt", reden, 0, False, bron.tijdslimiet_ms), None)
    if antwoord.afloop == "beantwoord":
        verslag = Verslag(bron.oin, "beantwoord", None, 1, False, antwoord.duur_ms)
        return Detail(verslag, antwoord.inhoud)
    return Detail(
        Verslag(bron.oin, antwoord.afloop, antwoord.reden, 0, False, antwoord.duur_ms), None
    )
