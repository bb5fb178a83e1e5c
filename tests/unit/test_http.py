"""Every route answers errors as problem+json, with a correlation id, and leaks nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from http import HTTPStatus

import azure.functions as func
import pytest
from pydantic import Field

from functions._http import ENDPOINTS, ApiError, PublicHandler, json_response, parse_query, public
from shared.models.base import ApiModel
from shared.settings import MissingSetting


class Query(ApiModel):
    peildatum: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def handlers() -> Iterator[dict[str, PublicHandler]]:
    """Four routes declared for this test only, and removed from the declarations after it."""
    declared_before = len(ENDPOINTS)
    blueprint = func.Blueprint()

    @public(blueprint, route="test/echo", method="GET", summary="", tag="t", response_model=Query)
    def echo(req: func.HttpRequest) -> func.HttpResponse:
        return json_response(parse_query(req, Query))

    @public(blueprint, route="test/missing", method="GET", summary="", tag="t", response_model=None)
    def missing(req: func.HttpRequest) -> func.HttpResponse:
        raise ApiError(HTTPStatus.NOT_FOUND, "Niet gevonden.")

    @public(blueprint, route="test/crash", method="GET", summary="", tag="t", response_model=None)
    def crash(req: func.HttpRequest) -> func.HttpResponse:
        raise RuntimeError("geheim detail 111222333")

    @public(blueprint, route="test/unset", method="GET", summary="", tag="t", response_model=None)
    def unset(req: func.HttpRequest) -> func.HttpResponse:
        raise MissingSetting("COSMOS_ENDPOINT")

    app = func.FunctionApp()
    app.register_functions(blueprint)
    yield {str(f.get_function_name()): f.get_user_function() for f in app.get_functions()}
    del ENDPOINTS[declared_before:]


@pytest.fixture
def call(handlers: dict[str, PublicHandler]) -> Callable[..., func.HttpResponse]:
    def call_route(
        name: str, params: dict[str, str] | None = None, **headers: str
    ) -> func.HttpResponse:
        request = func.HttpRequest(
            "GET",
            f"http://localhost/api/test/{name}",
            headers=headers,
            params=params or {},
            body=b"",
        )
        return handlers[name](request)

    return call_route


def body(response: func.HttpResponse) -> dict[str, object]:
    content: dict[str, object] = json.loads(response.get_body())
    return content


def test_invalid_query_is_400_naming_each_parameter(call: Callable[..., func.HttpResponse]) -> None:
    response = call("echo", {"peildatum": "morgen", "extra": "1"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    names = {p["name"] for p in body(response)["invalidParams"]}  # type: ignore[attr-defined]
    assert names == {"query.peildatum", "query.extra"}


def test_valid_request_answers_json_with_api_version(
    call: Callable[..., func.HttpResponse],
) -> None:
    response = call("echo", {"peildatum": "2026-01-01"})
    assert response.status_code == 200
    assert body(response) == {"peildatum": "2026-01-01"}
    assert response.headers["API-Version"] == "1.0.0"


def test_an_api_error_becomes_its_problem(call: Callable[..., func.HttpResponse]) -> None:
    response = call("missing")
    assert response.status_code == 404
    assert body(response)["detail"] == "Niet gevonden."


def test_an_unexpected_error_is_500_without_its_details(
    call: Callable[..., func.HttpResponse],
) -> None:
    response = call("crash")
    assert response.status_code == 500
    assert b"geheim" not in response.get_body()
    assert b"111222333" not in response.get_body()


def test_a_missing_setting_is_503_not_a_crash(call: Callable[..., func.HttpResponse]) -> None:
    response = call("unset")
    assert response.status_code == 503
    assert b"COSMOS_ENDPOINT" not in response.get_body()


def test_the_callers_correlation_id_is_echoed_and_in_the_problem(
    call: Callable[..., func.HttpResponse],
) -> None:
    response = call("missing", **{"X-Correlation-ID": "abc-12345678"})
    assert response.headers["X-Correlation-ID"] == "abc-12345678"
    assert body(response)["instance"] == "abc-12345678"


@pytest.mark.parametrize("incoming", [None, "x", "<script>alert(1)</script>"])
def test_a_missing_or_implausible_correlation_id_is_replaced(
    call: Callable[..., func.HttpResponse], incoming: str | None
) -> None:
    headers = {"X-Correlation-ID": incoming} if incoming else {}
    response = call("missing", **headers)
    assert response.headers["X-Correlation-ID"] not in (None, incoming)
    assert len(response.headers["X-Correlation-ID"]) == 36
