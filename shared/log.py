"""Structured logging that never carries a BSN.

Every log record, from our code or a library, passes one record factory that
attaches the current correlation id and masks any run of nine digits (a BSN has
nine). A run inside a hexadecimal identifier (a delivery id, a uuid) is left
alone, so ids stay searchable: masked digits touch no hex letter on either side. Locally the records
are written as JSON lines; in Azure the Functions host ships them to Application
Insights with the same fields.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from shared import correlation

NINE_DIGITS = re.compile(r"(?<![0-9A-Fa-f])\d{9}(?![0-9A-Fa-f])")
MASK = "*********"

_installed = False
_TRACEBACKS = logging.Formatter()


def mask_bsn(text: str) -> str:
    """Mask every run of exactly nine digits.

    >>> mask_bsn("bsn 111222333 in regel 12")
    'bsn ********* in regel 12'
    >>> mask_bsn("1234567890 is geen BSN")
    '1234567890 is geen BSN'
    >>> mask_bsn("bestand_111222333.csv, bsn:111222333")
    'bestand_*********.csv, bsn:*********'
    >>> mask_bsn("aanlevering 9f3e123456789abc")
    'aanlevering 9f3e123456789abc'
    """
    return NINE_DIGITS.sub(MASK, text)


def install() -> None:
    """Install the masking record factory once per process."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.msg = mask_bsn(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = mask_bsn(_TRACEBACKS.formatException(record.exc_info))
        record.correlation_id = correlation.current()
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for the local runtime."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        correlation_id = getattr(record, "correlation_id", None)
        if correlation_id:
            entry["correlationId"] = correlation_id
        for key in ("dienst", "organisatie", "aanlevering"):
            if hasattr(record, key):
                entry[key] = mask_bsn(str(getattr(record, key)))
        if record.exc_info:
            entry["exception"] = mask_bsn(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
