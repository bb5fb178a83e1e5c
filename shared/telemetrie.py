"""Telemetry to Application Insights through OpenTelemetry, with correlation ids and no BSN.

In Azure the Functions host runs with `telemetryMode: OpenTelemetry` (host.json) and the
worker exports with the Azure Monitor distro, authenticated with the app's managed identity
(the resource accepts Entra ID only). Logs already pass the masking record factory
(`shared.log`); `gebeurtenis` adds the events the operators' workbook and alerts count: a
fixed set of dimensions, never a person, every value masked like a log message.
"""

from __future__ import annotations

import logging

from shared import correlation, settings
from shared.log import mask_bsn

EVENTS = logging.getLogger("ibnext.gebeurtenissen")
CUSTOM_EVENT = "microsoft.custom_event.name"
"""The attribute that makes the Azure Monitor exporter send a log record as a customEvent."""
DIMENSIES = frozenset(
    {"dienst", "organisatie", "status", "correct", "aantal", "uitkomst", "soort", "bron"}
)

_configured = False


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
