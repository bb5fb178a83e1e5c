"""Benchmark: VUM match requests through the exchange, with 5 bronnen, at 32 concurrent clients.

    BENCH_CLIENTS=32 BENCH_REQUESTS=20 python -m bench.vum

The local host, seeded as `make run`; five reference bronnen (`local.vumbron`, 500 synthetic
vacancies each) in a process of their own, registered for vacatures. `BENCH_CLIENTS` clients
(keep-alive connections) each send `BENCH_REQUESTS` selectievragen:
- reference: one direct call to one bron (`POST {bron}/vacatures/matches` over HTTPS, as the
  exchange makes it);
- the exchange: `POST /api/vum/v3/vacatures/matches` as GM0363 (token, connection, the headers
  checked, the question validated against the contract, the five bronnen asked in parallel, each
  answer validated against the Bron contract, merged, logged and audited).
Printed: p50, p99, requests/s and the ratios to the reference measured in the same run.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
BRONNEN = [f"000000990002000000{n:02d}" for n in range(1, 6)]
VRAGEN = [
    {"vraagObject": {"selectiegebied": {"postcode": f"{pc}AB", "afstand": 50}}}
    for pc in range(1000, 10000, 450)
]
"""Selectievragen around the country: each bron finds some tens of its 500 vacancies."""


def client(
    url: str, headers: dict[str, str], bodies: list[bytes], context: ssl.SSLContext | None
) -> list[float]:
    """Milliseconds per request over one keep-alive connection; stops on any status but 200."""
    delen = urlsplit(url)
    port = delen.port or (443 if delen.scheme == "https" else 80)
    connection: http.client.HTTPConnection = (
        http.client.HTTPSConnection(delen.hostname or "", port, timeout=60, context=context)
        if delen.scheme == "https"
        else http.client.HTTPConnection(delen.hostname or "", port, timeout=60)
    )
    timings = []
    for body in bodies:
        started = time.perf_counter()
        connection.request("POST", delen.path, body=body, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:
            raise SystemExit(f"{url}: {answer.status} {text[:300]!r}")
    connection.close()
    return timings


def meet(
    url: str, headers: dict[str, str], context: ssl.SSLContext | None
) -> tuple[float, float, float]:
    """(p50 ms, p99 ms, requests/s) of `CLIENTS` clients sending `REQUESTS` each."""
    bodies = [json.dumps(v).encode() for v in VRAGEN]
    per_client = [
        [bodies[(c * REQUESTS + i) % len(bodies)] for i in range(REQUESTS)] for c in range(CLIENTS)
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda b: client(url, headers, b, context), per_client))
    duur = time.perf_counter() - started
    timings = [t for r in results for t in r]
    return statistics.median(timings), statistics.quantiles(timings, n=100)[98], len(timings) / duur


def main() -> None:
    from local.runtime import LOCAL_VUM_OIN, Platform, Ports
    from local.seed import GEMEENTE, lokale_oin
    from tests.e2e.api import Api

    with tempfile.TemporaryDirectory(prefix="bench-vum-") as workspace:
        platform = Platform(Ports.free(), Path(workspace) / "platform")
        bronnen: subprocess.Popen[str] | None = None
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            if platform.tls is None:
                raise SystemExit("het platform heeft geen lokale CA")
            bronnen = subprocess.Popen(
                [sys.executable, "-m", "local.vumbron", str(platform.tls.ca.parent), *BRONNEN],
                stdout=subprocess.PIPE,
                text=True,
            )
            if bronnen.stdout is None:
                raise SystemExit("de bronnen geven hun adres niet")
            urls = [bronnen.stdout.readline().strip() for _ in BRONNEN]
            for oin, url in zip(BRONNEN, urls, strict=True):
                platform.registreer_vum_bron(oin, f"Benchmarkbron {oin[-2:]}", url)
            van = lokale_oin(GEMEENTE)
            vum = {
                "X-VUM-berichtVersie": "3.0.0",
                "X-VUM-fromParty": van,
                "X-VUM-viaParty": van,
                "API-Version": "3.0.0",
                "Content-Type": "application/json",
            }
            exchange = {
                **vum,
                "X-VUM-toParty": LOCAL_VUM_OIN,
                "Authorization": f"Bearer {Api(platform).token(GEMEENTE)}",
            }
            direct = {**vum, "X-VUM-toParty": BRONNEN[0], "X-VUM-SUWIparty": "true"}
            tls = ssl.create_default_context(cafile=str(platform.tls.ca))
            routes = (
                ("reference: one bron direct", f"{urls[0]}/vacatures/matches", direct, tls),
                (
                    f"exchange, {len(BRONNEN)} bronnen",
                    f"{platform.url}/api/vum/v3/vacatures/matches",
                    exchange,
                    None,
                ),
            )
            for _, url, headers, context in routes:  # warm up
                client(url, headers, [json.dumps(VRAGEN[0]).encode()] * 3, context)
            print(f"VUM match requests: {CLIENTS} concurrent clients x {REQUESTS} requests")
            reference: tuple[float, float, float] | None = None
            for name, url, headers, context in routes:
                p50, p99, per_s = meet(url, headers, context)
                reference = reference or (p50, p99, per_s)
                print(
                    f"  {name:27} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  {per_s:6.0f}/s  "
                    f"throughput x{per_s / reference[2]:.2f}, p99 x{p99 / reference[1]:.1f}"
                )
        finally:
            if bronnen is not None:
                bronnen.kill()
            platform.stop()


if __name__ == "__main__":
    main()
