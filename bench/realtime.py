"""One client of a real-time benchmark: a keep-alive connection that sends its bodies one by
one and times each answer."""

from __future__ import annotations

import http.client
import time


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
    """Milliseconds per request; stops the benchmark on a 5xx, or on any status other than
    `verwacht` when one is given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    timings = []
    for body in bodies:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status >= 500 or (verwacht is not None and answer.status != verwacht):
            raise SystemExit(f"{path}: {answer.status} {text[:300]!r}")
    connection.close()
    return timings
