"""Retry Cosmos DB throttling (429) beyond the SDK's own retries.

The SDK already retries a 429 up to nine times within 30 seconds. Under a long
batch that is not always enough; rather than fail a delivery halfway, an operation
is retried a few more times with exponential backoff and jitter, honouring the
server's `x-ms-retry-after-ms` when it gives one.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from azure.core.exceptions import ServiceResponseError
from azure.cosmos.exceptions import CosmosHttpResponseError

T = TypeVar("T")

THROTTLED = 429
log = logging.getLogger(__name__)


def backoff_seconds(attempt: int, *, base: float = 1.0, cap: float = 30.0) -> float:
    """Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(0, min(cap, base * 2**attempt))  # noqa: S311 (jitter, not crypto)


def _server_hint_seconds(error: CosmosHttpResponseError) -> float | None:
    headers = getattr(error, "headers", None) or {}
    hint = headers.get("x-ms-retry-after-ms")
    try:
        return float(hint) / 1000 if hint is not None else None
    except ValueError:
        return None


def retry_throttled(
    operation: Callable[[], T],
    *,
    attempts: int = 5,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `operation`, retrying it while Cosmos answers 429, at most `attempts` times in all."""
    for attempt in range(attempts):
        try:
            return operation()
        except CosmosHttpResponseError as error:
            if error.status_code != THROTTLED or attempt == attempts - 1:
                raise
            wait = _server_hint_seconds(error) or backoff_seconds(attempt)
            log.warning("cosmos throttled, retry %d of %d in %.2fs", attempt + 1, attempts, wait)
            sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")


def retry_idempotent(
    operation: Callable[[], T],
    *,
    attempts: int = 5,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """For an idempotent write (an upsert of a deterministic document): also retry when the
    connection dropped before the answer came (the server closed an idle keep-alive
    connection), besides throttling."""
    for attempt in range(attempts):
        try:
            return retry_throttled(operation, sleep=sleep)
        except ServiceResponseError as error:
            if attempt == attempts - 1:
                raise
            log.warning(
                "connection dropped (%s), retry %d of %d",
                type(error).__name__,
                attempt + 1,
                attempts,
            )
            sleep(backoff_seconds(attempt, base=0.2))
    raise AssertionError("unreachable: the loop returns or raises")
