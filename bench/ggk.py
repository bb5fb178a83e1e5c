"""Benchmark: the GGk, in process and over HTTP.

- in process, one core: synthetic WMO301/JW301/WMO305 envelopes through every check layer
  (`envelop.toets`), against the reference of schema validation alone of the same messages;
- over HTTP against the local platform (seeded as `make run`): BENCH_CLIENTS concurrent
  senders each posting BENCH_REQUESTS envelopes (checked, stored, routed): send-to-inbox
  latency p50/p99 and throughput, and what a busy national day (~100,000 messages, an
  estimate) takes at that rate;
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
from local.seed import GEMEENTE
from shared.ggk import xml
from shared.ggk.envelop import Afzender, toets
from synth.ggk import Client, envelop, start_levering, toewijzing
from tests.e2e.api import Api

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
DAG = date(2026, 11, 2)
AGB = "01234567"
NATIONALE_DAG = 100_000
"""Messages on a busy day: an estimate (about a million Wmo and Jeugdwet clients, a few
dozen messages each a year); no public figure was found."""
BSNS = ("111222333", "123456782", "999999990", "100000009")


def berichten(aantal: int) -> list[tuple[str, bytes, bytes]]:
    """(functie, message, envelope) of gemeente 0363 and a provider, by turns."""
    uit = []
    for i in range(aantal):
        client = Client(BSNS[i % len(BSNS)])
        if i % 3 == 2:
            bericht = start_levering("WMO305", AGB, "0363", client, f"S{i}", DAG)
            uit.append(
                ("WMO305", bericht, envelop("WMO305", AGB, "0363", str(uuid.uuid4()), bericht))
            )
        else:
            functie = "WMO301" if i % 3 == 0 else "JW301"
            bericht = toewijzing(functie, "0363", AGB, client, f"T{i}", DAG)
            uit.append(
                (functie, bericht, envelop(functie, "0363", AGB, str(uuid.uuid4()), bericht))
            )
    return uit


def in_process(aantal: int = 3000) -> None:
    reeks = berichten(aantal)
    for functie, bericht, _ in reeks[:3]:
        schema = xml.berichtschema(functie)
        if schema is None or xml.fouten(schema, xml.lees(bericht)):
            raise SystemExit(f"{functie} is niet geldig")
    begin = time.perf_counter()
    for functie, bericht, _ in reeks:
        schema = xml.berichtschema(functie)
        if schema is None or not schema.validate(xml.lees(bericht)):
            raise SystemExit(f"{functie} ongeldig")
    referentie = (time.perf_counter() - begin) / aantal
    begin = time.perf_counter()
    for functie, _, inhoud in reeks:
        afzender = Afzender(None if functie == "WMO305" else "0363")
        _, afkeur = toets(inhoud, afzender, frozenset({"gemeente", "aanbieder"}))
        if afkeur is not None:
            raise SystemExit(f"{functie} afgekeurd: {afkeur.tekst}")
    lagen = (time.perf_counter() - begin) / aantal
    print("ggk in process, one core, WMO301/JW301/WMO305 by turns")
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


def _zender(port: int, token: str, reeks: list[tuple[str, bytes, bytes]]) -> list[float]:
    verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    tijden = []
    for _, _, inhoud in reeks:
        begin = time.perf_counter()
        verbinding.request(
            "POST",
            "/api/v1/ggk/berichten",
            body=inhoud,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/xml"},
        )
        antwoord = verbinding.getresponse()
        tekst = antwoord.read()
        tijden.append((time.perf_counter() - begin) * 1000)
        if antwoord.status != 201 or b'"status":"nieuw"' not in tekst:
            raise SystemExit(f"POST ggk/berichten: {antwoord.status} {tekst[:300]!r}")
    verbinding.close()
    return tijden


def over_http() -> None:
    with tempfile.TemporaryDirectory() as werkmap:
        platform = Platform(Ports.free(), Path(werkmap))
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            token = Api(platform).token(GEMEENTE)
            reeksen = [
                [b for b in berichten(REQUESTS * 3) if b[0] != "WMO305"][:REQUESTS]
                for _ in range(CLIENTS)
            ]
            begin = time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                resultaten = list(
                    pool.map(lambda r: _zender(platform.ports.host, token, r), reeksen)
                )
            duur = time.perf_counter() - begin
        finally:
            platform.stop()
    tijden = [t for r in resultaten for t in r]
    per_seconde = len(tijden) / duur
    print(
        f"ggk over HTTP: {CLIENTS} concurrent senders x {REQUESTS} envelopes (checked, stored, routed)"
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
