"""Benchmark: the beslagvrije voet, in process and over HTTP under concurrent load.

- in process: `formule.bereken` for a middle income (parameters cached after the first);
- over HTTP against the local host (seeded as `make run`), BENCH_CLIENTS concurrent
  clients each sending BENCH_REQUESTS requests: the reference is an unknown route (the
  host's own cost), then POST a calculation (token, connection, audit, store) and GET it.

Prints the in-process time per calculation and HTTP p50/p99 with the ratio to the reference.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

from local.runtime import Platform, Ports
from local.seed import GEMEENTE
from shared.rules.bvv.formule import Invoer, Leefsituatie, bereken
from tests.e2e.api import Api

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
VERZOEK = {
    "peildatum": "2026-03-01",
    "leefsituatie": "GEHUWD_MET_KINDEREN",
    "woonadresInNederland": True,
    "belastbaarJaarinkomen": "40000.00",
    "inkomenMaand": "2600.00",
    "nietBeslagenInkomenPartnerMaand": "300.00",
}


def in_process(count: int = 5000) -> None:
    invoer = Invoer(
        date(2026, 3, 1),
        Leefsituatie.GEHUWD_MET_KINDEREN,
        True,
        Decimal("40000"),
        Decimal("2600"),
        Decimal("300"),
    )
    bereken(invoer)
    started = time.perf_counter()
    for _ in range(count):
        bereken(invoer)
    per_call = (time.perf_counter() - started) / count * 1e6
    print(f"bvv in process: {per_call:.0f} µs per calculation ({1e6 / per_call:,.0f}/s), one core")


def _client(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes | None
) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status >= 500:
            raise SystemExit(f"{method} {path}: {answer.status}")
    connection.close()
    return timings


def load(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[float, float, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(
            pool.map(lambda _: _client(port, method, path, headers, body), range(CLIENTS))
        )
    elapsed = time.perf_counter() - started
    timings = [t for r in results for t in r]
    return (
        statistics.median(timings),
        statistics.quantiles(timings, n=100)[98],
        len(timings) / elapsed,
    )


def main() -> None:
    in_process()
    with tempfile.TemporaryDirectory() as workspace:
        platform = Platform(Ports.free(), Path(workspace))
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            token = {
                "Authorization": f"Bearer {Api(platform).token(GEMEENTE)}",
                "Content-Type": "application/json",
            }
            port = platform.ports.host
            body = json.dumps(VERZOEK).encode()
            created = (
                Api(platform)
                .call(
                    "POST",
                    "/api/v1/beslagvrije-voet/berekeningen",
                    Api(platform).token(GEMEENTE),
                    VERZOEK,
                )
                .json()["id"]
            )
            print(f"bvv over HTTP: {CLIENTS} concurrent clients x {REQUESTS} requests")
            reference = None
            for name, method, path, payload in (
                ("reference: unknown route", "GET", "/api/v1/bestaat-niet", None),
                ("POST berekeningen", "POST", "/api/v1/beslagvrije-voet/berekeningen", body),
                ("GET berekening", "GET", f"/api/v1/beslagvrije-voet/berekeningen/{created}", None),
            ):
                p50, p99, rate = load(port, method, path, token, payload)
                reference = reference or p50
                ratio = p50 / reference
                print(f"  {name:26} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms", end="")
                print(f"  x{ratio:5.1f}  {rate:4.0f}/s")
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
