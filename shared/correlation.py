"""Correlation ids: one per HTTP request and one per delivered file.

The id travels in a context variable, so every log line written while handling a
request or a file carries it without being passed around. So does the W3C Trace Context
(`traceparent`) of the work: the trace a caller started, or one of our own, which the
processing log (`shared.verwerkingen`) records per processing.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

HEADER = "X-Correlation-ID"

_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)

TRACEPARENT = "traceparent"
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")
_trace: ContextVar[Trace | None] = ContextVar("trace", default=None)
_begonnen: ContextVar[datetime | None] = ContextVar("begonnen", default=None)
_operatie: ContextVar[str | None] = ContextVar("operatie", default=None)


@dataclass(frozen=True)
class Trace:
    """A W3C Trace Context: the trace the work belongs to, and the caller's operation in
    it (None when the trace starts here)."""

    trace_id: str
    parent_id: str | None = None

    @classmethod
    def accept(cls, traceparent: str | None) -> Trace:
        """The caller's trace when its `traceparent` is valid (version 00, ids not all
        zero), else a new one.

        >>> Trace.accept("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").parent_id
        '00f067aa0ba902b7'
        >>> Trace.accept("00-" + "0" * 32 + "-00f067aa0ba902b7-01").parent_id is None
        True
        """
        found = _TRACEPARENT.match((traceparent or "").strip())
        if found and set(found[1]) != {"0"} and set(found[2]) != {"0"}:
            return cls(found[1], found[2])
        return cls(secrets.token_hex(16))


def operation_id() -> str:
    """The operation (span) of the request or file under way; outside one a new one: 8
    random bytes, hex."""
    return _operatie.get() or secrets.token_hex(8)


def begonnen() -> datetime | None:
    """When the request or file under way began; None outside one."""
    return _begonnen.get()


def trace() -> Trace:
    """The trace of the work under way; outside one (a timer, a script) a trace of its own."""
    return _trace.get() or Trace.accept(None)


def new_id() -> str:
    return str(uuid.uuid4())


def accept(incoming: str | None) -> str:
    """The caller's id when it is a plausible id, else a fresh one.

    >>> accept("a1b2c3d4-0000-4000-8000-000000000000")
    'a1b2c3d4-0000-4000-8000-000000000000'
    >>> accept("<script>") != "<script>"
    True
    """
    if incoming and _ACCEPTABLE.match(incoming):
        return incoming
    return new_id()


def current() -> str | None:
    return _current.get()


@contextmanager
def bound(correlation_id: str, traceparent: str | None = None) -> Iterator[str]:
    token, trace_token = _current.set(correlation_id), _trace.set(Trace.accept(traceparent))
    begin_token = _begonnen.set(datetime.now(UTC))
    operatie_token = _operatie.set(secrets.token_hex(8))
    try:
        yield correlation_id
    finally:
        _operatie.reset(operatie_token)
        _begonnen.reset(begin_token)
        _trace.reset(trace_token)
        _current.reset(token)
