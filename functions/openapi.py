"""The API's own description: OpenAPI 3, generated from the routes' models."""

from __future__ import annotations

from functools import cache
from typing import Any

import azure.functions as func

from functions import _openapi
from functions._http import ENDPOINTS, public, raw_json_response

bp = func.Blueprint()


@public(
    bp,
    route="v1/openapi.json",
    method="GET",
    summary="Het OpenAPI 3-document van deze API.",
    tag="Status",
    response_model=None,
    extra_responses={200: "Het OpenAPI-document."},
)
def openapi(req: func.HttpRequest) -> func.HttpResponse:
    return raw_json_response(_document())


@cache
def _document() -> dict[str, Any]:
    """Built once per process: the routes are fixed once the app is imported, and building
    takes a quarter of a second of CPU that an anonymous caller could otherwise ask for."""
    return _openapi.build(ENDPOINTS)
