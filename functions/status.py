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
    summary="Versie, gezondheid (Cosmos DB, Blob Storage) en of elke bron een snapshot heeft.",
    tag="Status",
    response_model=StatusRapport,
    extra_responses={503: "Een afhankelijkheid is niet beschikbaar; het antwoord noemt welke."},
)
def status(req: func.HttpRequest) -> func.HttpResponse:
    results = health.check()
    healthy = all(value == health.OK for value in results.values())
    zonder = health.bronnen_zonder_snapshot() if healthy else []
    body = StatusRapport(
        status="ok" if healthy else "storing",
        versie=settings.app_version(),
        afhankelijkheden=results,
        gereed=healthy and not zonder,
        bronnen_zonder_snapshot=zonder,
    )
    return json_response(body, HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
