"""The published VUM contracts as the judge of what the exchange sends and answers: each
request or answer is checked with openapi-core (the python-openapi project's validator of
requests and responses against an OpenAPI 3 document), never with checks of our own.

A recorded call is placed on the contract's first server (`servers[0]`), so the contract's own
paths are matched whatever address the call went to.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from shared.vum.contract import _contract


@cache
def _openapi(naam: str) -> tuple[OpenAPI, str, str]:
    document = _contract(naam)
    server = urlsplit(document["servers"][0]["url"])
    return OpenAPI.from_dict(document), f"{server.scheme}://{server.netloc}", server.path


def _request(
    naam: str, methode: str, pad: str, headers: dict[str, str], body: bytes | None
) -> tuple[OpenAPI, MockRequest]:
    openapi, host, voorvoegsel = _openapi(naam)
    request = MockRequest(
        host,
        methode.lower(),
        voorvoegsel + pad,
        headers=headers,
        data=body or b"",
        content_type=headers.get("Content-Type", "application/json").split(";")[0],
    )
    return openapi, request


def controleer_verzoek(
    naam: str, methode: str, pad: str, headers: dict[str, str], body: bytes | None
) -> None:
    """Raise when the request departs from the contract `naam` (`pad`: the contract's path)."""
    openapi, request = _request(naam, methode, pad, headers, body)
    openapi.validate_request(request)


def controleer_antwoord(
    naam: str,
    methode: str,
    pad: str,
    verzoek_headers: dict[str, str],
    verzoek_body: bytes | None,
    status: int,
    headers: dict[str, str],
    body: bytes,
) -> Any:
    """Raise when the answer departs from the contract `naam`; else its body as JSON."""
    openapi, request = _request(naam, methode, pad, verzoek_headers, verzoek_body)
    response = MockResponse(
        body,
        status_code=status,
        headers=headers,
        content_type=headers.get("Content-Type", headers.get("content-type", "")).split(";")[0],
    )
    openapi.validate_response(request, response)
    return json.loads(body)
