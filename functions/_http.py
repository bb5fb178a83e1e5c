"""HTTP plumbing every route shares: declaration, access, correlation id, problem+json.

Each route is declared next to its handler, with who may call it:

- `public(...)` — no token; the route shows no data of anyone;
- `endpoint(..., access=Beheer(...) | Dienstgebruik(...))` — a valid token, an active
  binding of its client to an organisation, the role, and for services an active
  connection for the declared purpose (and a mandate when acting for a gemeente).

Access is checked before the handler runs, so before any data is read. The declaration
also feeds the OpenAPI document, so every route is documented by construction.

What a route takes is declared once, in its handler's signature, as FastAPI routers do:
a parameter `body: Model` is the JSON body, `query: Model` the query string, and
`versie: Versie` the `If-Match` header (`Versie | None` where it is needed only to change
what exists). They are parsed before the handler runs — a bad one is a 400 (a missing
required `If-Match` a 428) naming each field — and the same declaration is what the
OpenAPI document describes.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from http import HTTPStatus
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import azure.functions as func
from azure.core.exceptions import ServiceRequestError
from pydantic import BaseModel, ValidationError

from shared import correlation, settings
from shared.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Gone,
    Invalid,
    NietToegestaan,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from shared.models.problem import MEDIA_TYPE, InvalidParam, Problem
from shared.rules.parameters import REGELINGEN, SET_PAD, MissingParameters
from shared.security import audit
from shared.security.access import Beheer, Dienstgebruik, Inwoner, Publiek, Refused, Toegang
from shared.security.guard import Guard
from shared.security.tokens import InvalidToken, IssuerUnavailable
from shared.validation.organisatie import ANY_ORGANISATION, OIN
from shared.verwerkingen import log as verwerkingslog

API_VERSION = "1.0.0"
"""The major version is in the path (`/api/v1`); the full one in the `API-Version` header."""

logger = logging.getLogger(__name__)

DOMAIN_STATUS: dict[type[DomainError], HTTPStatus] = {
    NotFound: HTTPStatus.NOT_FOUND,
    Gone: HTTPStatus.GONE,
    Conflict: HTTPStatus.CONFLICT,
    PreconditionRequired: HTTPStatus.PRECONDITION_REQUIRED,
    PreconditionFailed: HTTPStatus.PRECONDITION_FAILED,
    Invalid: HTTPStatus.BAD_REQUEST,
    NietToegestaan: HTTPStatus.UNPROCESSABLE_ENTITY,
    Forbidden: HTTPStatus.FORBIDDEN,
}

Foutvorm = Callable[
    [func.HttpRequest, HTTPStatus, str | None, list[InvalidParam] | None, dict[str, str] | None],
    func.HttpResponse,
]
"""How a route words an answer other than success: problem+json (`problem_response`), unless
the route serves a published contract with an error body of its own."""


@dataclass(frozen=True)
class ContractOperatie:
    """A route that serves an operation of a published OpenAPI contract: the document
    describes it by the contract's own operation (`shared.vum.contract`), not by our models."""

    kenmerk: str
    """The prefix of the contract's schemas among ours (`VUM-Bemiddelaar-Vacatures`)."""
    document: dict[str, Any]
    pad: str
    methode: str


Handler = Callable[..., func.HttpResponse]
"""`(req, caller, [body=..., query=..., versie=...])`: see the module docstring."""
PublicHandler = Callable[[func.HttpRequest], func.HttpResponse]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Versie:
    """The ETag the caller last read, from `If-Match` (without its quotes)."""

    etag: str


@dataclass(frozen=True)
class XmlBody:
    """A handler parameter `xml: XmlBody`: the request body as XML bytes (`application/xml`),
    at most `MAX_XML` bytes (413 above it; 415 for another media type)."""

    inhoud: bytes


MAX_XML = 25 * 1024 * 1024
"""The largest XML body a route takes: the GGk envelope's limit (25 MB)."""


def etag_van(versie: Versie | None) -> str | None:
    """The ETag of an optional `If-Match` (a create-or-change route)."""
    return versie.etag if versie else None


@dataclass(frozen=True)
class Declaratie:
    """What a handler takes besides the request and the caller, read from its signature."""

    body_model: type[BaseModel] | None = None
    query_model: type[BaseModel] | None = None
    if_match: bool | None = None
    """None: no If-Match; True: required (428 without); False: optional."""
    xml: bool = False


def _zonder_none(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0], len(rest) < len(get_args(annotation))
    return annotation, False


def declaratie(handler: Handler) -> Declaratie:
    hints = get_type_hints(handler)
    names = set(inspect.signature(handler).parameters)
    body = hints["body"] if "body" in names else None
    query = hints["query"] if "query" in names else None
    if_match = None
    if "versie" in names:
        annotation, optional = _zonder_none(hints["versie"])
        if annotation is not Versie:
            raise TypeError(f"{handler.__name__}: versie is een Versie")
        if_match = not optional
    if "xml" in names and hints["xml"] is not XmlBody:
        raise TypeError(f"{handler.__name__}: xml is een XmlBody")
    return Declaratie(body, query, if_match, xml="xml" in names)


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    method: str
    summary: str
    tag: str
    access: Toegang
    response_model: type[BaseModel] | None
    query_model: type[BaseModel] | None = None
    body_model: type[BaseModel] | None = None
    problems: tuple[int, ...] = ()
    extra_responses: dict[int, str] = field(default_factory=dict)
    if_match: bool | None = None
    """None: the route takes no If-Match; True: it requires one; False: only to change."""
    xml_body: bool = False
    contract: ContractOperatie | None = None

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


def _als_problem(
    req: func.HttpRequest,
    status: HTTPStatus,
    detail: str | None,
    invalid_params: list[InvalidParam] | None,
    headers: dict[str, str] | None,
) -> func.HttpResponse:
    return problem_response(status, detail, invalid_params, headers)


def problem_response(
    status: HTTPStatus,
    detail: str | None = None,
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
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
        headers={**_standard_headers(), **(headers or {})},
    )


def json_response(
    model: BaseModel,
    status: HTTPStatus = HTTPStatus.OK,
    etag: str | None = None,
    location: str | None = None,
) -> func.HttpResponse:
    """`model` as JSON; `location`: where what was made (201) or started (202) is followed."""
    headers = _standard_headers()
    if etag is not None:
        headers["ETag"] = f'"{etag}"'
    if location is not None:
        headers["Location"] = location
    return func.HttpResponse(
        model.model_dump_json(by_alias=True),
        status_code=status.value,
        mimetype="application/json",
        headers=headers,
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


def parse_body(req: func.HttpRequest, model: type[M]) -> M:
    """The JSON body as `model`; bad JSON or invalid fields are a 400 naming each."""
    try:
        return model.model_validate_json(req.get_body() or b"")
    except ValidationError as error:
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            "De body is niet geldig.",
            invalid_params_of(error, "body"),
        ) from error


def parse_xml_body(req: func.HttpRequest) -> XmlBody:
    soort = (req.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if soort not in ("application/xml", "text/xml"):
        raise ApiError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Stuur XML (Content-Type: application/xml)."
        )
    inhoud = req.get_body() or b""
    if len(inhoud) > MAX_XML:
        raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Ten hoogste 25 MB per bericht.")
    return XmlBody(inhoud)  # whether it is the XML the route takes, the route says


def if_match(req: func.HttpRequest) -> str | None:
    """The ETag the caller last read (`If-Match`), without its quotes."""
    value = req.headers.get("If-Match")
    return value.strip().strip('"') if value else None


PATH_PATTERNS = {
    "organisatie": re.compile(ANY_ORGANISATION),
    "oin": re.compile(OIN),
    "vumID": re.compile(r"^[a-zA-Z0-9_.-]{1,500}$"),
    "regeling": re.compile(f"^({'|'.join(REGELINGEN)})$"),
    "ingangsdatum": re.compile(r"^(1[0-9]{3}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"),
}
"""A path part with a form of its own (the document says it)."""
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
"""Every other path part is an id or file name the API gave, of this form: another form is a
400 before it reaches a store that would refuse it with an error of its own; an id the API
never gave is a 404."""


def path_pattern(name: str) -> re.Pattern[str]:
    return PATH_PATTERNS.get(name, ID)


def path_parts(route: str) -> list[str]:
    """The names of a route's path parts: `v1/a/{id}` has `id`."""
    return re.findall(r"{(\w+)}", route)


def _check_path(req: func.HttpRequest) -> None:
    wrong = [
        InvalidParam(name=f"path.{name}", code="string_pattern_mismatch", reason="ongeldige vorm")
        for name, value in req.route_params.items()
        if not path_pattern(name).fullmatch(value)
    ]
    if wrong:
        raise ApiError(HTTPStatus.BAD_REQUEST, "Het pad is niet geldig.", wrong)


def _arguments(req: func.HttpRequest, declared: Declaratie) -> dict[str, Any]:
    _check_path(req)
    arguments: dict[str, Any] = {}
    if declared.query_model is not None:
        arguments["query"] = parse_query(req, declared.query_model)
    if declared.body_model is not None:
        arguments["body"] = parse_body(req, declared.body_model)
    if declared.xml:
        arguments["xml"] = parse_xml_body(req)
    if declared.if_match is not None:
        etag = if_match(req)
        if "If-Match" in req.headers and not etag:
            reden = InvalidParam(name="header.If-Match", code="leeg", reason="een lege ETag")
            raise ApiError(HTTPStatus.BAD_REQUEST, "If-Match is leeg.", [reden])
        if etag is None and declared.if_match:
            raise PreconditionRequired("stuur If-Match met de ETag die u het laatst las")
        arguments["versie"] = Versie(etag) if etag is not None else None
    return arguments


def _declare(
    blueprint: func.Blueprint,
    endpoint_: Endpoint,
    answer: Callable[[func.HttpRequest], func.HttpResponse],
    foutvorm: Foutvorm = _als_problem,
) -> None:
    ENDPOINTS.append(endpoint_)

    def handle(req: func.HttpRequest) -> func.HttpResponse:
        with correlation.bound(
            correlation.accept(req.headers.get(correlation.HEADER)),
            req.headers.get(correlation.TRACEPARENT),
        ):
            return _answer(answer, req, endpoint_.name, foutvorm)

    handle.__name__ = endpoint_.name
    handle.__qualname__ = endpoint_.name
    blueprint.route(
        route=endpoint_.route, methods=[endpoint_.method], auth_level=func.AuthLevel.ANONYMOUS
    )(handle)


def public(
    blueprint: func.Blueprint,
    *,
    route: str,
    method: str,
    summary: str,
    tag: str,
    response_model: type[BaseModel] | None,
    extra_responses: dict[int, str] | None = None,
) -> Callable[[PublicHandler], PublicHandler]:
    """Declare a route anyone may call: it must show no data of anyone."""

    def register(handler: PublicHandler) -> PublicHandler:
        declared = Endpoint(
            name=handler.__name__,
            route=route,
            method=method,
            summary=summary,
            tag=tag,
            access=Publiek(),
            response_model=response_model,
            extra_responses=extra_responses or {},
        )
        _declare(blueprint, declared, handler)
        return handler

    return register


def endpoint(
    blueprint: func.Blueprint,
    *,
    route: str,
    method: str,
    summary: str,
    tag: str,
    access: Beheer | Dienstgebruik | Inwoner,
    response_model: type[BaseModel] | None,
    problems: tuple[int, ...] = (),
    extra_responses: dict[int, str] | None = None,
    contract: ContractOperatie | None = None,
    foutvorm: Foutvorm = _als_problem,
) -> Callable[[Handler], Handler]:
    """Declare a route with its access; the handler runs only for an allowed caller, with
    what its signature declares parsed (see the module docstring). A route of a published
    contract names its operation (`contract`) and words its errors as the contract does
    (`foutvorm`)."""

    def register(handler: Handler) -> Handler:
        takes = declaratie(handler)
        parsed = (
            (400,)
            if takes.body_model or takes.query_model or takes.xml or path_parts(route)
            else ()
        )
        xml = (413, 415) if takes.xml else ()
        versioned = (400, 412, 428) if takes.if_match is not None else ()
        declared = Endpoint(
            name=handler.__name__,
            route=route,
            method=method,
            summary=summary,
            tag=tag,
            access=access,
            response_model=response_model,
            query_model=takes.query_model,
            body_model=takes.body_model,
            problems=tuple(sorted({401, 403, *parsed, *versioned, *xml, *problems})),
            extra_responses=extra_responses or {},
            if_match=takes.if_match,
            xml_body=takes.xml,
            contract=contract,
        )

        def guarded(req: func.HttpRequest) -> func.HttpResponse:
            return _guarded(handler, declared, takes, access, req)

        _declare(blueprint, declared, guarded, foutvorm)
        return handler

    return register


@cache
def guard() -> Guard:
    """One guard per process: its token validator caches the issuer's keys."""
    return Guard()


def _guarded(
    handler: Handler,
    declared: Endpoint,
    takes: Declaratie,
    access: Beheer | Dienstgebruik | Inwoner,
    req: func.HttpRequest,
) -> func.HttpResponse:
    actie = f"{declared.method} {declared.route}"
    authorization = req.headers.get("Authorization")
    if isinstance(access, Inwoner):
        caller = guard().authorise_inwoner(
            guard().authenticate(authorization, actie, inwoner=True), actie
        )
    else:
        identity = guard().authenticate(authorization, actie)
        caller = guard().authorise(access, identity, actie, gevraagd=req.params.get("organisatie"))
    arguments = _arguments(req, takes)
    audit.reset_count()
    with verwerkingslog.verwerking() as afloop:
        response = handler(req, caller, **arguments)
        afloop.mislukt = response.status_code >= 400
    if (
        access.persoonsgegevens
        and response.status_code < 400
        and audit.written_in_this_context() == 0
    ):
        logger.error("%s gaf persoonsgegevens zonder auditregel; antwoord tegengehouden", actie)
        return problem_response(HTTPStatus.INTERNAL_SERVER_ERROR, "Er ging iets mis aan onze kant.")
    return response


def _answer(
    answer: Callable[[func.HttpRequest], func.HttpResponse],
    req: func.HttpRequest,
    name: str,
    foutvorm: Foutvorm = _als_problem,
) -> func.HttpResponse:
    def fout(
        status: HTTPStatus,
        detail: str | None = None,
        invalid_params: list[InvalidParam] | None = None,
        headers: dict[str, str] | None = None,
    ) -> func.HttpResponse:
        return foutvorm(req, status, detail, invalid_params, headers)

    try:
        response = answer(req)
    except ApiError as error:
        return fout(error.status, error.detail, error.invalid_params)
    except DomainError as error:
        return fout(DOMAIN_STATUS[type(error)], error.detail, error.invalid_params)
    except MissingParameters as missing:
        return fout(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            f"Niet te berekenen op {missing.peildatum.isoformat()}: niet alle bedragen of "
            "wetteksten voor die datum zijn bekend. Er wordt niet geschat.",
            [
                InvalidParam(
                    name=name if name.startswith(SET_PAD) else f"parameters.{name}",
                    code="onbekend",
                    reason=why,
                )
                for name, why in missing.missing
            ],
        )
    except InvalidToken:
        challenge = 'Bearer error="invalid_token"' if req.headers.get("Authorization") else "Bearer"
        return fout(
            HTTPStatus.UNAUTHORIZED,
            "Een geldig toegangstoken is nodig.",
            headers={"WWW-Authenticate": challenge},
        )
    except Refused:
        return fout(HTTPStatus.FORBIDDEN, "Geen toegang; vermeld bij vragen het correlatie-id.")
    except (settings.MissingSetting, settings.UnsafeSetting) as error:
        logger.error("configuratiefout: %s", error)
        return fout(HTTPStatus.SERVICE_UNAVAILABLE, "De dienst is niet geconfigureerd.")
    except (ServiceRequestError, IssuerUnavailable) as error:
        logger.error("afhankelijkheid onbereikbaar in %s: %s", name, error)
        return fout(HTTPStatus.SERVICE_UNAVAILABLE, "De dienst is tijdelijk niet beschikbaar.")
    except Exception:
        logger.exception("onverwachte fout in %s", name)
        return fout(HTTPStatus.INTERNAL_SERVER_ERROR, "Er ging iets mis aan onze kant.")
    for header, value in _standard_headers().items():
        response.headers.setdefault(header, value)
    return response
