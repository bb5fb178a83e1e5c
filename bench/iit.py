"""Benchmark: the individuele inkomenstoeslag toets in real time.

    BENCH_CLIENTS=32 BENCH_REQUESTS=20 python -m bench.iit

The local host, seeded as `make run` (GM0363 has a verordening: 36 months, on average), with
its small world loaded through the intake. BENCH_CLIENTS concurrent clients each post
BENCH_REQUESTS `POST /api/v1/individuele-inkomenstoeslag/toetsen` with a BSN of the world
(the household and 36 months of its income read from the sources per request); reference,
same run, same clients: an unknown route (a token checked, a 404).
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from bench.realtime import client
from local.runtime import Platform, Ports
from local.seed import GEMEENTE
from local.world import PEILDATUM, load_world, wait_until_published
from tests.e2e.api import Api

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
TOETSEN = "/api/v1/individuele-inkomenstoeslag/toetsen"


def _client(port: int, token: str, bodies: list[bytes], *, path: str) -> list[float]:
    verwacht = 200 if path == TOETSEN else None
    return client(port, token, bodies, path=path, verwacht=verwacht, timeout=60)


def run(platform: Platform) -> None:
    uit = load_world(platform)
    wait_until_published(platform)
    with (
        uit / "bronnen" / "brp-personen" / PEILDATUM.isoformat() / "brp-personen.csv"
    ).open() as f:
        bsns = [row["bsn"] for row in csv.DictReader(f, delimiter=";") if row["bsn"] != "#aantal"]
    token = Api(platform).token(GEMEENTE)
    bodies = [json.dumps({"peildatum": PEILDATUM.isoformat(), "bsn": bsn}).encode() for bsn in bsns]
    _client(platform.ports.host, token, bodies[:REQUESTS], path=TOETSEN)  # warm up
    print(
        f"iit real time over HTTP: {CLIENTS} concurrent clients x {REQUESTS} requests "
        f"({len(bsns)} residents)"
    )
    reference = None
    for name, path in (
        ("reference: unknown route", "/api/v1/bestaat-niet"),
        ("POST toetsen (bsn)", TOETSEN),
    ):
        per_client = [
            [bodies[(c * REQUESTS + i) % len(bodies)] for i in range(REQUESTS)]
            for c in range(CLIENTS)
        ]
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(
                pool.map(partial(_client, platform.ports.host, token, path=path), per_client)
            )
        duur = time.perf_counter() - started
        timings = [t for r in results for t in r]
        p50, p99 = statistics.median(timings), statistics.quantiles(timings, n=100)[98]
        reference = reference or (p50, p99)
        print(
            f"  {name:26} p50 {p50:8.2f} ms  p99 {p99:8.2f} ms  {len(timings) / duur:7.0f}/s  "
            f"p50 x{p50 / reference[0]:.1f}, p99 x{p99 / reference[1]:.1f}"
        )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-iit-") as workspace:
        platform = Platform(Ports.free(), Path(workspace) / "platform")
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            run(platform)
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
