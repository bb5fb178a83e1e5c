"""Correlation ids: one per HTTP request and one per delivered file.

The id travels in a context variable, so every log line written while handling a
request or a file carries it without being passed around.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Correlation-ID"

_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


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
def bound(correlation_id: str) -> Iterator[str]:
    token = _current.set(correlation_id)
    try:
        yield correlation_id
    finally:
        _current.reset(token)
