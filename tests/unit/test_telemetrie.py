"""Telemetry: events carry only their dimensions, never a BSN, and reach the exporter as events."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from azure.monitor.opentelemetry.exporter._constants import _MICROSOFT_CUSTOM_EVENT_NAME
from opentelemetry.instrumentation.logging.handler import LoggingHandler
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor

from shared import correlation, log, telemetrie


@pytest.fixture
def exported() -> Iterator[InMemoryLogRecordExporter]:
    """An OpenTelemetry pipeline as the distro installs it, exporting into memory."""
    log.install()
    exporter = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    handler = LoggingHandler(logger_provider=provider)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield exporter
    root.removeHandler(handler)
    root.setLevel(level)


def attributes(exporter: InMemoryLogRecordExporter) -> list[dict[str, Any]]:
    return [dict(r.log_record.attributes or {}) for r in exporter.get_finished_logs()]


def test_an_event_is_exported_as_a_custom_event_with_its_dimensions(
    exported: InMemoryLogRecordExporter,
) -> None:
    with correlation.bound("corr-1"):
        telemetrie.gebeurtenis(
            "aanlevering afgerond", dienst="kwijtschelding", correct=True, aantal=3
        )
    [event] = [a for a in attributes(exported) if _MICROSOFT_CUSTOM_EVENT_NAME in a]
    assert telemetrie.CUSTOM_EVENT == _MICROSOFT_CUSTOM_EVENT_NAME
    assert event[_MICROSOFT_CUSTOM_EVENT_NAME] == "aanlevering afgerond"
    assert (event["dienst"], event["correct"], event["aantal"]) == ("kwijtschelding", True, 3)
    assert event["correlatieId"] == "corr-1"


def test_an_event_refuses_a_dimension_that_could_carry_a_person() -> None:
    with pytest.raises(ValueError, match="bsn"):
        telemetrie.gebeurtenis("toetsing", bsn="111222333")


def test_no_bsn_reaches_the_exporter(exported: InMemoryLogRecordExporter) -> None:
    telemetrie.gebeurtenis("toetsing", organisatie="GM0363 111222333")
    logging.getLogger("shared.test").warning("bsn %s niet gevonden", "111222333")
    bodies = [str(r.log_record.body) for r in exported.get_finished_logs()]
    assert "111222333" not in str(bodies) + str(attributes(exported))
    assert any("*********" in body for body in bodies)


def test_configure_does_nothing_without_application_insights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("APPLICATIONINSIGHTS_CONNECTION_STRING", raising=False)
    monkeypatch.setattr(telemetrie, "_configured", False)
    assert telemetrie.configure() is False


def test_configure_exports_with_the_managed_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Azure Monitor is not reachable here: the distro's entry point is replaced by a recorder."""
    import azure.monitor.opentelemetry as distro
    from azure.identity import ManagedIdentityCredential

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(distro, "configure_azure_monitor", lambda **kw: calls.append(kw))
    monkeypatch.setattr(telemetrie, "_configured", False)
    monkeypatch.setenv(
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=x;IngestionEndpoint=https://x"
    )
    monkeypatch.setenv("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001")
    assert telemetrie.configure() is True
    assert telemetrie.configure() is True  # once
    [call] = calls
    assert isinstance(call["credential"], ManagedIdentityCredential)
    assert call["connection_string"].startswith("InstrumentationKey=x")
