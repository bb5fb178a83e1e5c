"""Benchmark: what authentication and authorisation cost on a request, over real HTTP.

Starts the platform on free ports (seeded as `make run` seeds it) and times, one
request at a time over a keep-alive connection:

- reference: an unknown route (the local host's own overhead, no function runs);
- `/api/v1/status` (public; two dependency checks);
- `/api/v1/aanleveringen` with a token (validate the JWT, read binding, organisation
  and connection, then the delivery query).

Prints p50 and p95 in milliseconds and each p50 as a ratio to the reference.
"""

from __future__ import annotations

import http.client
import os
import statistics
import tempfile
import time
from pathlib import Path

from local.runtime import Platform, Ports
from local.seed import GEMEENTE
from tests.e2e.api import Api

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def timings(port: int, path: str, headers: dict[str, str], expect: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    result = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
        result.append((time.perf_counter() - started) * 1000)
        if answer.status != expect:
            raise SystemExit(f"{path} answered {answer.status}, expected {expect}")
    connection.close()
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as workspace:
        platform = Platform(Ports.free(), Path(workspace))
        try:
            platform.start(seed=True)
            platform.wait_healthy()
            token = {"Authorization": f"Bearer {Api(platform).token(GEMEENTE)}"}
            port = platform.ports.host
            cases = {
                "reference: unknown route": ("/api/v1/bestaat-niet", {}, 404),
                "GET /api/v1/status": ("/api/v1/status", {}, 200),
                "GET /api/v1/aanleveringen + token": ("/api/v1/aanleveringen", token, 200),
            }
            print(f"api latency: {REQUESTS} sequential requests each, keep-alive")
            reference = None
            for name, (path, headers, expect) in cases.items():
                measured = timings(port, path, headers, expect)
                p50 = statistics.median(measured)
                p95 = statistics.quantiles(measured, n=20)[-1]
                reference = reference or p50
                print(f"  {name:36} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  x{p50 / reference:5.1f}")
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
