"""Benchmark: the real-time services at 32 concurrent clients, against a reference route.

    BENCH_CLIENTS=32 BENCH_REQUESTS=20 python -m bench.realtime

The local host, seeded as `make run`, with its small world loaded through the intake.
`BENCH_CLIENTS` concurrent clients (keep-alive connections) each send `BENCH_REQUESTS`
requests, each with another BSN of the world:
- reference: `GET /api/v1/kwijtschelding/beleid`, a token validated, the caller's rights
  and one Cosmos point read (the organisation's policy);
- `POST /api/v1/beslagvrije-voet/berekeningen` with a `bsn` (income and household from the
  sources, audited, stored);
- `POST /api/v1/kwijtschelding/toetsen` with a `bsn` (the household and its sources);
- `POST /api/v1/inzage/bronnen`: a person lookup, every source (an operator with the role
  inzage).
Each prints p50, p99 and requests/s, with throughput and p99 as ratios to the reference's:
the targets are throughput at least x0.5 and p99 at most x3.

With `BENCH_PROFIEL=<folder>` py-spy samples the host during each route: the share of its
time in the main parts (the Cosmos SDK, token checks, the audit, ...) is printed, and the
samples are kept in the folder (py-spy's raw format, for flame graphs).
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))


def client(
    port: int,
    token: str,
    bodies: list[bytes],
    *,
    path: str,
    method: str = "POST",
    verwacht: int | None = None,
    timeout: float = 30,
) -> list[float]:
    """Milliseconds per request over one keep-alive connection; stops the benchmark on a
    5xx, or on any status other than `verwacht` when one is given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    timings = []
    for body in bodies:
        started = time.perf_counter()
        connection.request(method, path, body=body if method != "GET" else None, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status >= 500 or (verwacht is not None and answer.status != verwacht):
            raise SystemExit(f"{path}: {answer.status} {text[:300]!r}")
    connection.close()
    return timings


def meet(
    port: int, token: str, method: str, path: str, verwacht: int, bodies: list[bytes]
) -> tuple[float, float, float]:
    """(p50 ms, p99 ms, requests/s) of `CLIENTS` clients sending `REQUESTS` each."""
    per_client = [
        [bodies[(c * REQUESTS + i) % len(bodies)] for i in range(REQUESTS)] for c in range(CLIENTS)
    ]
    run = partial(client, port, token, path=path, method=method, verwacht=verwacht, timeout=120)
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(run, per_client))
    duur = time.perf_counter() - started
    timings = [t for r in results for t in r]
    return statistics.median(timings), statistics.quantiles(timings, n=100)[98], len(timings) / duur


DELEN = {
    "Cosmos SDK": ("azure/cosmos/", "(cosmos/"),
    "HTTP to the emulators": ("requests/", "urllib3/"),
    "token check": ("jwt/", "shared/security/tokens.py"),
    "audit and processing log": (
        "shared/security/audit",
        "shared/storage/audit.py",
        "verwerkingen",
    ),
    "access decision (with the token check)": (
        "shared/security/guard.py",
        "shared/storage/toegang",
    ),
    "source reads": ("shared/bronnen/raadplegen.py",),
    "pydantic": ("pydantic",),
    "JSON": ("json/",),
}
"""Parts of the host's time, by pieces of the file path in any frame of a sample (py-spy
shortens a package's path: `azure/cosmos/x.py` shows as `cosmos/x.py`). Parts overlap where
one calls another: the audit's Cosmos calls count in both, the guard checks the token."""


@contextmanager
def profiel(pid: int | None, naam: str, map: Path) -> Iterator[None]:
    """py-spy samples the process `pid` (all threads, idle ones not counted) while the block
    runs, into `map`; prints the share of samples in which each of `DELEN` is on the stack."""
    if pid is None:
        yield
        return
    uit = map / (naam.split(":")[0].replace(" ", "-") + ".txt")
    py_spy = str(Path(sys.executable).parent / "py-spy")
    spy = subprocess.Popen(
        [py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
         "--output", str(uit), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1)
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)
    stapels: Counter[str] = Counter()
    for regel in uit.read_text().splitlines():
        stapel, _, aantal = regel.rpartition(" ")
        if stapel:
            stapels[stapel] += int(aantal)
    totaal = sum(stapels.values()) or 1
    delen = {
        deel: sum(n for stapel, n in stapels.items() if any(s in stapel for s in stukken)) / totaal
        for deel, stukken in DELEN.items()
    }
    print(f"    profile of {naam}: " + ", ".join(f"{d} {100 * v:.0f}%" for d, v in delen.items()))


def main() -> None:
    from local.runtime import Platform, Ports
    from local.seed import BUREAU, GEMEENTE
    from local.world import PEILDATUM, load_world, wait_until_published
    from shared.security.access import INZAGE
    from tests.e2e.api import Api

    with tempfile.TemporaryDirectory(prefix="bench-realtime-") as workspace:
        platform = Platform(Ports.free(), Path(workspace) / "platform")
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            uit = load_world(platform)
            wait_until_published(platform)
            brp = uit / "bronnen" / "brp-personen" / PEILDATUM.isoformat() / "brp-personen.csv"
            with brp.open() as f:
                bsns = [r["bsn"] for r in csv.DictReader(f, delimiter=";") if r["bsn"] != "#aantal"]
            api = Api(platform)
            api.bind_operator((INZAGE,), since=datetime.now(UTC) - timedelta(hours=1))
            gemeente, operator = api.token(GEMEENTE), api.token(BUREAU, (INZAGE,))
            dag = (PEILDATUM + timedelta(days=15)).isoformat()
            kwijtschelding = {"belastingsoort": "AFVALSTOFFENHEFFING", "aanslagbedrag": "300.00"}
            routes = (
                ("reference: GET beleid", gemeente, "GET", "/api/v1/kwijtschelding/beleid", 200,
                 [b""]),
                ("BVV (bsn)", gemeente, "POST", "/api/v1/beslagvrije-voet/berekeningen", 201,
                 [json.dumps({"peildatum": dag, "bsn": b}).encode() for b in bsns]),
                ("kwijtschelding (bsn)", gemeente, "POST", "/api/v1/kwijtschelding/toetsen", 200,
                 [json.dumps({"peildatum": dag, "bsn": b, **kwijtschelding}).encode()
                  for b in bsns]),
                ("person lookup (15 sources)", operator, "POST", "/api/v1/inzage/bronnen", 200,
                 [json.dumps({"peildatum": dag, "bsn": b}).encode() for b in bsns]),
            )  # fmt: skip
            port = platform.ports.host
            for _, token, method, path, verwacht, bodies in routes:  # warm up
                client(port, token, bodies[:REQUESTS], path=path, method=method, verwacht=verwacht)
            print(
                f"real time over HTTP: {CLIENTS} concurrent clients x {REQUESTS} requests "
                f"({len(bsns)} residents)"
            )
            reference: tuple[float, float, float] | None = None
            map = Path(os.environ.get("BENCH_PROFIEL", "."))
            host = platform.host.pid if os.environ.get("BENCH_PROFIEL") and platform.host else None
            map.mkdir(parents=True, exist_ok=True)
            for name, token, method, path, verwacht, bodies in routes:
                with profiel(host, name, map):
                    p50, p99, per_s = meet(port, token, method, path, verwacht, bodies)
                reference = reference or (p50, p99, per_s)
                print(
                    f"  {name:27} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  {per_s:6.0f}/s  "
                    f"throughput x{per_s / reference[2]:.2f} (target >= 0.5), "
                    f"p99 x{p99 / reference[1]:.1f} (target <= 3)"
                )
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
