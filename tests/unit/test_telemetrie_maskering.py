"""What OpenTelemetry exports itself (exceptions on spans, dependency URLs, the logging
handler's exception attributes) holds no BSN: masked like a log message (issue 13 §3)."""

from __future__ import annotations

import logging

from opentelemetry.instrumentation.logging.handler import LoggingHandler
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared import log, telemetrie

BSN = "111222333"


def spans() -> tuple[TracerProvider, InMemorySpanExporter]:
    """A tracer provider as the distro builds it: our processors first, then the export."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(telemetrie.MaskerendeSpans())
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def test_an_exception_recorded_on_a_span_is_exported_masked() -> None:
    provider, exporter = spans()
    tracer = provider.get_tracer(__name__)
    try:
        with tracer.start_as_current_span(f"lees {BSN}") as span:
            span.set_attribute("db.statement", "SELECT * FROM c WHERE c.bsn = '" + BSN + "'")  # noqa: S608
            span.set_attribute("url.full", f"https://cosmos/dbs/x/colls/bronfeiten/docs/{BSN}")
            span.set_attribute("http.url", f"https://cosmos/docs?bsn={BSN}")
            span.set_attribute("aantal", 3)
            raise ValueError(f"geen gegevens voor bsn {BSN}")
    except ValueError:
        pass
    [exported] = exporter.get_finished_spans()
    text = repr(
        (
            exported.name,
            dict(exported.attributes or {}),
            [dict(e.attributes or {}) for e in exported.events],
            exported.status.description,
        )
    )
    assert BSN not in text
    [event] = exported.events
    assert event.name == "exception"
    assert "geen gegevens voor bsn *********" in str((event.attributes or {})["exception.message"])
    assert "ValueError" in str((event.attributes or {})["exception.stacktrace"])
    assert (exported.attributes or {})["aantal"] == 3


def test_the_logging_handlers_exception_attributes_are_exported_masked() -> None:
    log.install()
    exporter = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(telemetrie.MaskerendeLogs())
    provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    handler = LoggingHandler(logger_provider=provider)
    logger = logging.getLogger("test.maskering")
    logger.addHandler(handler)
    try:
        try:
            raise KeyError(f"bsn {BSN}")
        except KeyError:
            logger.exception("lezen mislukt")
    finally:
        logger.removeHandler(handler)
    [record] = exporter.get_finished_logs()
    attributes = dict(record.log_record.attributes or {})
    assert BSN not in repr((record.log_record.body, attributes))
    assert "*********" in str(attributes["exception.message"])
