"""Telemetry to Application Insights through OpenTelemetry, with correlation ids and no BSN.

In Azure the Functions host runs with `telemetryMode: OpenTelemetry` (host.json) and the
worker exports with the Azure Monitor distro, authenticated with the app's managed identity
(the resource accepts Entra ID only). Logs already pass the masking record factory
(`shared.log`); `gebeurtenis` adds the events the operators' workbook and alerts count: a
fixed set of dimensions, never a person, every value masked like a log message.

What OpenTelemetry exports itself passes the same mask: an exception recorded on a span
(`exception.message`, `exception.stacktrace` of a span event), a dependency's URL or
statement, and the exception attributes the logging handler builds from `exc_info` (it
formats the traceback itself, so the log record factory's masking does not reach it).
`MaskerendeSpans` and `MaskerendeLogs` are registered first, before the exporter's own
batch processors, and rewrite every text attribute with `shared.log.mask_bsn`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from opentelemetry.sdk._logs import LogRecordProcessor, ReadWriteLogRecord
from opentelemetry.sdk.trace import Event, ReadableSpan, SpanProcessor

from shared import correlation, settings
from shared.log import mask_bsn

EVENTS = logging.getLogger("ibnext.gebeurtenissen")
CUSTOM_EVENT = "microsoft.custom_event.name"
"""The attribute that makes the Azure Monitor exporter send a log record as a customEvent."""
DIMENSIES = frozenset(
    {
        "dienst",
        "organisatie",
        "status",
        "correct",
        "aantal",
        "uitkomst",
        "soort",
        "bron",
        "ingangsdatum",
    }
)

_configured = False


def _mask_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask_bsn(value)
    if isinstance(value, tuple | list):
        return type(value)(_mask_value(v) for v in value)
    return value


def mask_attributes(attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every text value (and text in a sequence) masked like a log message."""
    return {key: _mask_value(value) for key, value in (attributes or {}).items()}


class MaskerendeSpans(SpanProcessor):
    """Masks a finished span's name, attributes and event attributes before any exporter
    sees it (processors run in the order registered; this one is registered first)."""

    def on_end(self, span: ReadableSpan) -> None:
        # A finished span is read-only through the API; the exporters read these fields.
        span._name = mask_bsn(span.name)
        span._attributes = mask_attributes(span.attributes)
        span._events = tuple(
            Event(event.name, mask_attributes(event.attributes), event.timestamp)
            for event in span.events
        )
        if span.status.description:
            span._status = type(span.status)(
                span.status.status_code, mask_bsn(span.status.description)
            )


class MaskerendeLogs(LogRecordProcessor):
    """Masks the attributes of a log record (the handler's `exception.*` included) and a
    text body before any exporter sees it."""

    def on_emit(self, log_record: ReadWriteLogRecord) -> None:
        record = log_record.log_record
        record.attributes = mask_attributes(record.attributes)
        if isinstance(record.body, str):
            record.body = mask_bsn(record.body)

    def shutdown(self) -> None:
        return None

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


def configure() -> bool:
    """Export logs, traces and events when Application Insights is configured; once."""
    global _configured
    connection = settings.applicationinsights_connection_string()
    if connection is None or _configured:
        return _configured
    from azure.identity import ManagedIdentityCredential
    from azure.monitor.opentelemetry import configure_azure_monitor

    configure_azure_monitor(
        connection_string=connection,
        credential=ManagedIdentityCredential(client_id=settings.managed_identity_client_id()),
        logger_name="",
        span_processors=[MaskerendeSpans()],
        log_record_processors=[MaskerendeLogs()],
    )
    _configured = True
    return True


def gebeurtenis(naam: str, **dimensies: str | int | bool) -> None:
    """One event (e.g. `aanlevering verwerkt`), with only the dimensions of `DIMENSIES`."""
    unknown = set(dimensies) - DIMENSIES
    if unknown:
        raise ValueError(f"geen dimensie van een gebeurtenis: {', '.join(sorted(unknown))}")
    correlatie = correlation.current()
    attributes: dict[str, object] = {
        CUSTOM_EVENT: naam,
        **({"correlatieId": correlatie} if correlatie else {}),
        **{
            key: value if isinstance(value, bool | int) else mask_bsn(str(value))
            for key, value in dimensies.items()
        },
    }
    EVENTS.info(naam, extra=attributes)
