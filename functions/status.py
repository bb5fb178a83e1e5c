"""Status: is the platform healthy? Public, shows no data."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func

from functions._http import json_response, public
from shared import health, settings
from shared.models.status import StatusRapport

bp = func.Blueprint()


@public(
    bp,
    route="v1/status",
    method="GET",
    summary="Versie en gezondheid van het platform (Cosmos DB, Blob Storage).",
    tag="Status",
    response_model=StatusRapport,
    extra_responses={503: "Een afhankelijkheid is niet beschikbaar; het antwoord noemt welke."},
)
def status(req: func.HttpRequest) -> func.HttpResponse:
    results = health.check()
    healthy = all(value == health.OK for value in results.values())
    body = StatusRapport(
        status="ok" if healthy else "storing",
        versie=settings.app_version(),
        afhankelijkheden=results,
    )
    return json_response(body, HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
