"""Benchmark: the kwijtscheldingstoets as a monthly file and in real time.

    BENCH_AANVRAGERS=100000 python -m bench.kwijtschelding

Batch: the heads of BENCH_AANVRAGERS households of a synthetic world (40% on benefits) apply;
the file names GM0363 (100% of the norm) and GM0344 (90%) alternately and is dropped by the
local belastingsamenwerking (mandated by both). The world's sources are validated as the
intake does and published as Parquet snapshots in the emulators (the source intake has its
own benchmark). The batch processor runs in this process, as the blob trigger runs it.
References, same run, same households: reading the sources in bulk alone, and that plus the
pure toets per household (no storage, no report), in the processor's chunks.

Real time: the local host, seeded as `make run`, with its small world loaded through the
intake; BENCH_CLIENTS clients × BENCH_REQUESTS `POST /api/v1/kwijtschelding/toetsen`, each
with a BSN of the world (sources read per request); reference: an unknown route.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path

from bench.realtime import client
from local.runtime import Platform, Ports
from local.seed import BELASTINGSAMENWERKING, GEMEENTE
from local.world import PEILDATUM, load_world, publish_as_parquet, wait_until_published
from shared.models.kwijtschelding import KOLOMMEN
from synth.files import write_world
from synth.world import Huishouden, Wereld

APPLICANTS = int(os.environ.get("BENCH_AANVRAGERS", "100000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
BRONPEIL, AANVRAAG = date(2026, 4, 30), date(2026, 5, 1)
"""The batch world's own reference date, so it does not replace the `make run` world."""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def world(work: Path) -> list[str]:
    """Generate the world, publish its sources as Parquet snapshots; the applicants' BSNs."""
    from shared.kwijtschelding.verwerking import ALLE_BRONNEN

    heads: list[str] = []

    def tap(households: Iterator[Huishouden]) -> Iterator[Huishouden]:
        for household in households:
            heads.append(household.leden[0].bsn)
            yield household

    uit = work / "synth"
    write_world(tap(Wereld(5, BRONPEIL).huishoudens(APPLICANTS, 0.4)), uit, BRONPEIL, APPLICANTS)
    publish_as_parquet(uit, BRONPEIL, ALLE_BRONNEN, work)
    return heads


def applicants_file(bsns: list[str]) -> list[str]:
    lines = [";".join(KOLOMMEN)]
    for index, bsn in enumerate(bsns):
        organisatie = GEMEENTE if index % 2 == 0 else "GM0344"
        ambtshalve = "J" if index % 5 < 3 else "N"
        lines.append(f"{organisatie};{bsn};AFVALSTOFFENHEFFING;30000;{AANVRAAG};{ambtshalve};;;;;N")
    lines.append(f"#aantal;{len(bsns)}")
    return lines


def batch(platform: Platform, work: Path) -> None:
    os.environ.update(platform.settings)
    from shared.intake.processing import Bestand
    from shared.kwijtschelding import verwerking
    from shared.kwijtschelding.beleid import BeleidRepository
    from shared.kwijtschelding.gegevens import afleiden
    from shared.kwijtschelding.toetsen import huishouden
    from shared.rules.kwijtschelding.toets import toets

    started = time.perf_counter()
    bsns = world(work)
    print(
        f"  world of {len(bsns):,} households generated and published in {time.perf_counter() - started:.0f} s"
    )

    policies = {code: BeleidRepository().van(code)[0].regel() for code in (GEMEENTE, "GM0344")}
    given = {"peildatum": AANVRAAG, "belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": 300}
    read = tested = 0.0
    uitkomsten: Counter[str] = Counter()
    lezer = verwerking.Bronlezer(work / "reference")
    lezer.werkmap.mkdir()
    for start in range(0, len(bsns), verwerking.PER_KEER):
        chunk = bsns[start : start + verwerking.PER_KEER]
        started = time.perf_counter()
        per_bsn, bewoners, bekend = lezer.lees(AANVRAAG, set(chunk))
        read += time.perf_counter() - started
        started = time.perf_counter()
        for index, bsn in enumerate(chunk, start):
            samenstelling = verwerking.huishouden_van(bsn, AANVRAAG, per_bsn, bewoners)
            derived = afleiden(samenstelling, per_bsn, set(given), bekend)
            policy = policies[GEMEENTE if index % 2 == 0 else "GM0344"]
            uitkomsten[toets(huishouden(given, derived), policy).uitkomst.value] += 1
        tested += time.perf_counter() - started

    lines = applicants_file(bsns)
    bestand = Bestand(
        "kwijtschelding", BELASTINGSAMENWERKING, "bench.csv", f"bench-{uuid.uuid4().hex}", "bench"
    )
    started = time.perf_counter()
    result = verwerking.process(bestand, iter(lines))
    total = time.perf_counter() - started
    reference = read + tested
    print(
        f"  reference: bulk read of the sources, in chunks of {verwerking.PER_KEER:,}  {read:7.1f} s"
    )
    print(
        f"  reference: + derive and toets, no storage  {reference:7.1f} s  ({len(bsns) / reference:,.0f} households/s)"
    )
    print(
        f"  batch file of {result.aantal_records:,} applicants: {total:.1f} s, "
        f"{result.aantal_goedgekeurd / total:,.0f} households/s (x{total / reference:.1f} of the reference; "
        f"the rest is storing every outcome in Cosmos and the report); {result.aantal_afgekeurd} rejected"
    )
    split = ", ".join(f"{name} {count:,}" for name, count in sorted(uitkomsten.items()))
    print(f"  outcomes of the {len(bsns):,} households: {split}")
    print(f"  peak RSS of this process                   {peak_mb():7.0f} MB")


def _client(port: int, token: str, bodies: list[bytes], *, path: str) -> list[float]:
    method = "POST" if path.endswith("toetsen") else "GET"
    return client(port, token, bodies, path=path, method=method)


def real_time(platform: Platform) -> None:
    from tests.e2e.api import Api

    uit = load_world(platform)
    wait_until_published(platform)
    with (
        uit / "bronnen" / "brp-personen" / PEILDATUM.isoformat() / "brp-personen.csv"
    ).open() as f:
        bsns = [row["bsn"] for row in csv.DictReader(f, delimiter=";") if row["bsn"] != "#aantal"]
    token = Api(platform).token(GEMEENTE)
    bodies = [
        json.dumps(
            {
                "peildatum": PEILDATUM.isoformat(),
                "bsn": bsn,
                "belastingsoort": "AFVALSTOFFENHEFFING",
                "aanslagbedrag": "300.00",
            }
        ).encode()
        for bsn in bsns
    ]
    warm_up = [bodies[i % len(bodies)] for i in range(REQUESTS)]
    _client(platform.ports.host, token, warm_up, path="/api/v1/kwijtschelding/toetsen")
    print(f"  real time over HTTP: {CLIENTS} concurrent clients x {REQUESTS} requests")
    reference = None
    routes = (
        ("reference: unknown route", "/api/v1/bestaat-niet"),
        ("POST toetsen (bsn)", "/api/v1/kwijtschelding/toetsen"),
    )
    for name, path in routes:
        per_client = [
            [bodies[(c * REQUESTS + i) % len(bodies)] for i in range(REQUESTS)]
            for c in range(CLIENTS)
        ]
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(
                pool.map(partial(_client, platform.ports.host, token, path=path), per_client)
            )
        timings = [t for r in results for t in r]
        p50, p99 = statistics.median(timings), statistics.quantiles(timings, n=100)[98]
        reference = reference or p50
        print(f"    {name:26} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  x{p50 / reference:.1f}")


def main() -> None:
    print(f"kwijtschelding: batch of {APPLICANTS:,} applicants, then real time")
    with tempfile.TemporaryDirectory(prefix="bench-kwijtschelding-") as workspace:
        platform = Platform(Ports.free(), Path(workspace) / "platform")
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            batch(platform, Path(workspace))
            real_time(platform)
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
