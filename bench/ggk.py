"""Benchmark: the GGk, in process and over HTTP.

- in process, one core: the synthetic traffic's flows (synth/ggk_verkeer.py: toewijzing,
  VOT and VOW of both domains with the iJw retours) through every check layer
  (`envelop.toets`), against the reference of schema validation alone of the same messages;
- over HTTP against the local platform (seeded as `make run`): BENCH_CLIENTS concurrent
  senders each posting a day of BENCH_STROMEN flows in order (one flow in ten an invalid
  envelope; every answer checked): send-to-inbox latency p50/p99 and throughput, and what a
  busy national day (~100,000 messages, an estimate) takes at that rate;
- peak memory (tracemalloc) of one envelope of about 24 MB through the layers.
"""

from __future__ import annotations

import http.client
import os
import statistics
import tempfile
import time
import tracemalloc
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from local.runtime import Platform, Ports
from shared.ggk import xml
from shared.ggk.envelop import VECOZO, Afzender, Soort, toets
from synth.ggk import Client, envelop, toewijzing
from synth.ggk_verkeer import Zending, verkeer
from tests.e2e.api import Api

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
STROMEN = int(os.environ.get("BENCH_STROMEN", "12"))
"""Flows per sender: about four messages each."""
DAG = date(2026, 11, 2)
AGB = "01234567"
GEMEENTEN = ("0363", "0344")
AANBIEDERS = (AGB, "87654321")
NATIONALE_DAG = 100_000
"""Messages on a busy day: an estimate (about a million Wmo and Jeugdwet clients, a few
dozen messages each a year); no public figure was found."""
BSNS = ("111222333", "123456782", "999999990", "100000009")


def dag(stromen: int, seed: int, ongeldig_per: int = 0) -> list[Zending]:
    """Synthetic traffic between the seeded gemeenten and two providers: whole flows."""
    clienten = [Client(b) for b in BSNS]
    return verkeer(GEMEENTEN, AANBIEDERS, clienten, stromen, seed=seed, ongeldig_per=ongeldig_per)


def _afzender(zending: Zending) -> Afzender:
    return Afzender(zending.organisatie[2:] if zending.organisatie.startswith("GM") else None)


def in_process(stromen: int = 600) -> None:
    reeks = dag(stromen, seed=1)
    alle: frozenset[Soort] = frozenset({"gemeente", "aanbieder"})
    berichten = [(z.functie, toets(z.envelop, _afzender(z), alle)[0].bericht) for z in reeks]
    begin = time.perf_counter()
    for functie, bericht in berichten:
        schema = xml.berichtschema(functie)
        if schema is None or bericht is None or not schema.validate(xml.lees(bericht)):
            raise SystemExit(f"{functie} ongeldig")
    referentie = (time.perf_counter() - begin) / len(reeks)
    begin = time.perf_counter()
    for zending in reeks:
        _, afkeur = toets(zending.envelop, _afzender(zending), alle)
        if afkeur is not None:
            raise SystemExit(f"{zending.functie} afgekeurd: {afkeur.tekst}")
    lagen = (time.perf_counter() - begin) / len(reeks)
    soorten = len({z.functie for z in reeks})
    print(f"ggk in process, one core: {len(reeks)} messages of {stromen} flows ({soorten} types)")
    print(
        f"  reference: message schema alone  {referentie * 1e6:6.0f} µs  {1 / referentie:8,.0f}/s  x 1.0"
    )
    print(
        f"  every layer of the envelope      {lagen * 1e6:6.0f} µs  {1 / lagen:8,.0f}/s  x {lagen / referentie:.1f}"
    )


def geheugen() -> None:
    """One envelope of about 24 MB: a WMO301 whose commentaar fills it (refused at the
    message's schema, after decoding and parsing it: the most memory a 25 MB envelope takes)."""
    bericht = toewijzing("WMO301", "0363", AGB, Client("111222333"), "G1", DAG)
    groot = bericht.replace(
        b"</m:ToegewezenProduct>",
        b"<m:Commentaar>" + b"x" * (17 * 1024 * 1024) + b"</m:Commentaar></m:ToegewezenProduct>",
    )
    inhoud = envelop("WMO301", "0363", AGB, str(uuid.uuid4()), groot)
    tracemalloc.start()
    toets(inhoud, Afzender("0363"), frozenset({"gemeente", "aanbieder"}))
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"ggk one envelope of {len(inhoud) / 2**20:.1f} MB: peak {piek / 2**20:.0f} MB "
        "(Python allocations, tracemalloc; lxml's own C memory not included)"
    )


def _zender(port: int, tokens: dict[str, str], reeks: list[Zending]) -> list[float]:
    """Post one day's traffic in order; each answer must be what the message deserves."""
    verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    tijden = []
    for zending in reeks:
        begin = time.perf_counter()
        verbinding.request(
            "POST",
            "/api/v1/ggk/berichten",
            body=zending.envelop,
            headers={
                "Authorization": f"Bearer {tokens[zending.organisatie]}",
                "Content-Type": "application/xml",
            },
        )
        antwoord = verbinding.getresponse()
        tekst = antwoord.read()
        tijden.append((time.perf_counter() - begin) * 1000)
        verwacht = b'"status":"nieuw"' if zending.verwacht is None else b'"status":"afgekeurd"'
        if antwoord.status != 201 or verwacht not in tekst:
            raise SystemExit(
                f"POST ggk/berichten {zending.functie}: {antwoord.status} {tekst[:300]!r}"
            )
    verbinding.close()
    return tijden


def over_http() -> None:
    with tempfile.TemporaryDirectory() as werkmap:
        platform = Platform(Ports.free(), Path(werkmap))
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            api = Api(platform)
            tokens = {o: api.token(o) for o in (*(f"GM{g}" for g in GEMEENTEN), VECOZO)}
            reeksen = [dag(STROMEN, seed=zender, ongeldig_per=10) for zender in range(CLIENTS)]
            begin = time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                resultaten = list(
                    pool.map(lambda r: _zender(platform.ports.host, tokens, r), reeksen)
                )
            duur = time.perf_counter() - begin
        finally:
            platform.stop()
    tijden = [t for r in resultaten for t in r]
    afgekeurd = sum(z.verwacht is not None for r in reeksen for z in r)
    per_seconde = len(tijden) / duur
    print(
        f"ggk over HTTP: {CLIENTS} concurrent senders, each a day of {STROMEN} flows "
        f"({len(tijden)} envelopes, {afgekeurd} refused on purpose; checked, stored, routed)"
    )
    print(
        f"  send to inbox  p50 {statistics.median(tijden):7.2f} ms  "
        f"p99 {statistics.quantiles(tijden, n=100)[98]:7.2f} ms  {per_seconde:6.0f}/s"
    )
    print(
        f"  a busy day of {NATIONALE_DAG:,} messages (estimate) at this rate: "
        f"{NATIONALE_DAG / per_seconde / 60:.0f} minutes"
    )


def main() -> None:
    in_process()
    geheugen()
    over_http()


if __name__ == "__main__":
    main()
