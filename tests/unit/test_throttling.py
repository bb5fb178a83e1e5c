"""Cosmos throttling (429) is retried beyond the SDK, with backoff; other errors are not."""

from __future__ import annotations

import pytest
from azure.cosmos.exceptions import CosmosHttpResponseError

from shared.storage.throttling import backoff_seconds, retry_throttled


class Flaky:
    def __init__(self, failures: int, status: int = 429, retry_after_ms: str | None = None):
        self.failures = failures
        self.status = status
        self.retry_after_ms = retry_after_ms
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            error = CosmosHttpResponseError(status_code=self.status, message="throttled")
            if self.retry_after_ms is not None:
                error.headers = {"x-ms-retry-after-ms": self.retry_after_ms}
            raise error
        return "klaar"


def test_throttled_operation_succeeds_after_retries() -> None:
    waits: list[float] = []
    operation = Flaky(failures=3)
    assert retry_throttled(operation, attempts=5, sleep=waits.append) == "klaar"
    assert operation.calls == 4
    assert len(waits) == 3


def test_gives_up_after_the_last_attempt_with_the_429() -> None:
    operation = Flaky(failures=10)
    with pytest.raises(CosmosHttpResponseError) as raised:
        retry_throttled(operation, attempts=3, sleep=lambda _: None)
    assert raised.value.status_code == 429
    assert operation.calls == 3


def test_other_errors_are_not_retried() -> None:
    operation = Flaky(failures=1, status=503)
    with pytest.raises(CosmosHttpResponseError):
        retry_throttled(operation, attempts=5, sleep=lambda _: None)
    assert operation.calls == 1


def test_the_servers_retry_after_is_honoured() -> None:
    waits: list[float] = []
    retry_throttled(Flaky(failures=1, retry_after_ms="1500"), sleep=waits.append)
    assert waits == [1.5]


def test_backoff_grows_exponentially_up_to_the_cap() -> None:
    assert all(0 <= backoff_seconds(0) <= 1.0 for _ in range(100))
    assert all(0 <= backoff_seconds(3) <= 8.0 for _ in range(100))
    assert max(backoff_seconds(10, cap=30.0) for _ in range(200)) <= 30.0


def test_an_idempotent_write_is_retried_when_the_connection_dropped() -> None:
    from azure.core.exceptions import ServiceResponseError

    from shared.storage.throttling import retry_idempotent

    calls = []

    def upsert() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ServiceResponseError("Remote end closed connection without response")
        return "geschreven"

    assert retry_idempotent(upsert, sleep=lambda _: None) == "geschreven"
    assert len(calls) == 3
