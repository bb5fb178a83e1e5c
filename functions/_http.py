"""HTTP plumbing every route shares: declaration, correlation id, problem+json errors.

Each route is declared with `endpoint(...)` next to its handler. The declaration
registers the Functions route and records what the OpenAPI document needs (models,
parameters, answers), so every service is documented by construction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, TypeVar

import azure.functions as func
from azure.core.exceptions import ServiceRequestError
from pydantic import BaseModel, ValidationError

from shared import correlation, settings
from shared.models.problem import MEDIA_TYPE, InvalidParam, Problem

API_VERSION = "1.0.0"
"""The major version is in the path (`/api/v1`); the full one in the `API-Version` header."""

logger = logging.getLogger(__name__)

Handler = Callable[[func.HttpRequest], func.HttpResponse]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    method: str
    summary: str
    tag: str
    response_model: type[BaseModel] | None
    query_model: type[BaseModel] | None = None
    problems: tuple[int, ...] = ()
    extra_responses: dict[int, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/api/{self.route}"


ENDPOINTS: list[Endpoint] = []
"""Every declared route of the app, in declaration order."""


class ApiError(Exception):
    """An answer other than success, given as problem details."""

    def __init__(
        self,
        status: HTTPStatus,
        detail: str | None = None,
        invalid_params: list[InvalidParam] | None = None,
    ) -> None:
        self.status = status
        self.detail = detail
        self.invalid_params = invalid_params
        super().__init__(detail or status.phrase)


def problem_response(
    status: HTTPStatus, detail: str | None = None, invalid_params: list[InvalidParam] | None = None
) -> func.HttpResponse:
    problem = Problem(
        title=status.phrase,
        status=status.value,
        detail=detail,
        instance=correlation.current(),
        invalid_params=invalid_params,
    )
    return func.HttpResponse(
        problem.model_dump_json(by_alias=True, exclude_none=True),
        status_code=status.value,
        mimetype=MEDIA_TYPE,
        headers=_standard_headers(),
    )


def json_response(model: BaseModel, status: HTTPStatus = HTTPStatus.OK) -> func.HttpResponse:
    return func.HttpResponse(
        model.model_dump_json(by_alias=True),
        status_code=status.value,
        mimetype="application/json",
        headers=_standard_headers(),
    )


def raw_json_response(content: Any, status: HTTPStatus = HTTPStatus.OK) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps(content, ensure_ascii=False),
        status_code=status.value,
        mimetype="application/json",
        headers=_standard_headers(),
    )


def _standard_headers() -> dict[str, str]:
    headers = {"API-Version": API_VERSION, "Cache-Control": "no-store"}
    current = correlation.current()
    if current:
        headers[correlation.HEADER] = current
    return headers


def invalid_params_of(error: ValidationError, location: str) -> list[InvalidParam]:
    params = []
    for issue in error.errors(include_url=False, include_input=False):
        name = ".".join([location, *(str(part) for part in issue["loc"])])
        params.append(InvalidParam(name=name, code=issue["type"], reason=issue["msg"]))
    return params


def parse_query(req: func.HttpRequest, model: type[M]) -> M:
    """The query string as `model`; unknown or invalid parameters are a 400 naming each."""
    try:
        return model.model_validate(dict(req.params))
    except ValidationError as error:
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            "De queryparameters zijn niet geldig.",
            invalid_params_of(error, "query"),
        ) from error


def endpoint(
    blueprint: func.Blueprint,
    *,
    route: str,
    method: str,
    summary: str,
    tag: str,
    response_model: type[BaseModel] | None,
    query_model: type[BaseModel] | None = None,
    problems: tuple[int, ...] = (),
    extra_responses: dict[int, str] | None = None,
) -> Callable[[Handler], Handler]:
    """Declare and register an HTTP route; the handler's errors become problem+json."""

    def register(handler: Handler) -> Handler:
        ENDPOINTS.append(
            Endpoint(
                name=handler.__name__,
                route=route,
                method=method,
                summary=summary,
                tag=tag,
                response_model=response_model,
                query_model=query_model,
                problems=problems,
                extra_responses=extra_responses or {},
            )
        )

        def handle(req: func.HttpRequest) -> func.HttpResponse:
            with correlation.bound(correlation.accept(req.headers.get(correlation.HEADER))):
                return _answer(handler, req)

        handle.__name__ = handler.__name__
        handle.__qualname__ = handler.__qualname__
        blueprint.route(route=route, methods=[method], auth_level=func.AuthLevel.ANONYMOUS)(handle)
        return handler

    return register


def _answer(handler: Handler, req: func.HttpRequest) -> func.HttpResponse:
    try:
        response = handler(req)
    except ApiError as error:
        return problem_response(error.status, error.detail, error.invalid_params)
    except (settings.MissingSetting, settings.UnsafeSetting) as error:
        logger.error("configuratiefout: %s", error)
        return problem_response(HTTPStatus.SERVICE_UNAVAILABLE, "De dienst is niet geconfigureerd.")
    except ServiceRequestError as error:
        logger.error("afhankelijkheid onbereikbaar in %s: %s", handler.__name__, error)
        return problem_response(
            HTTPStatus.SERVICE_UNAVAILABLE, "De dienst is tijdelijk niet beschikbaar."
        )
    except Exception:
        logger.exception("onverwachte fout in %s", handler.__name__)
        return problem_response(HTTPStatus.INTERNAL_SERVER_ERROR, "Er ging iets mis aan onze kant.")
    for name, value in _standard_headers().items():
        response.headers.setdefault(name, value)
    return response
