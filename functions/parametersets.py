"""Parameter sets: the law's amounts per regeling and period, proposed and approved by two
operators (`shared.parametersets`)."""

from __future__ import annotations

from datetime import date
from http import HTTPStatus

import azure.functions as func

from functions._http import Versie, endpoint, etag_van, json_response
from shared.errors import NotFound
from shared.models.parametersets import (
    Parameterset,
    ParametersetQuery,
    Parametersets,
    ParametersetsQuery,
    ParametersetVoorstel,
)
from shared.parametersets.beheer import Parametersetbeheer, regeling_van
from shared.security.access import (
    PARAMETERSETS_LEZEN,
    PARAMETERSETS_VASTSTELLEN,
    PARAMETERSETS_VOORSTELLEN,
    Caller,
)

bp = func.Blueprint()
TAG = "Parametersets"
SET = "v1/parametersets/{regeling}/{ingangsdatum}"


def _ingangsdatum(req: func.HttpRequest) -> date:
    """The date of the path; a form the pattern takes but no calendar has (2027-02-30) names
    no set: 404, as any date without one."""
    tekst = req.route_params["ingangsdatum"]
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise NotFound(f"{tekst} is geen datum; er is geen parameterset van") from None


def _set(req: func.HttpRequest) -> tuple[str, date]:
    return req.route_params["regeling"], _ingangsdatum(req)


@endpoint(
    bp,
    route="v1/parametersets",
    method="GET",
    summary="Elke versie van elke parameterset (van één regeling): status, bron, wie en wanneer.",
    tag=TAG,
    access=PARAMETERSETS_LEZEN,
    response_model=Parametersets,
)
def parametersets(
    req: func.HttpRequest, caller: Caller, query: ParametersetsQuery
) -> func.HttpResponse:
    return json_response(Parametersets(parametersets=Parametersetbeheer().lijst(query.regeling)))


@endpoint(
    bp,
    route=SET,
    method="GET",
    summary=(
        "Eén parameterset: de nieuwste versie (of `versie`), met parameters, controles en "
        "voorvertoning; de ETag is nodig om hem te wijzigen of vast te stellen."
    ),
    tag=TAG,
    access=PARAMETERSETS_LEZEN,
    response_model=Parameterset,
    problems=(404,),
)
def parameterset(
    req: func.HttpRequest, caller: Caller, query: ParametersetQuery
) -> func.HttpResponse:
    regeling, ingangsdatum = _set(req)
    document, etag = Parametersetbeheer().lees(regeling, ingangsdatum, query.versie)
    return json_response(document.openbaar(), etag=etag)


@endpoint(
    bp,
    route=SET,
    method="PUT",
    summary=(
        "Een parameterset voorstellen (parameterbeheer): een nieuwe versie, gecontroleerd; "
        "een bestaande alleen met If-Match. 422 noemt elke ontbrekende, onbekende of "
        "implausibele parameter."
    ),
    tag=TAG,
    access=PARAMETERSETS_VOORSTELLEN,
    response_model=Parameterset,
    problems=(400, 404, 412, 422, 428),
    extra_responses={201: "Voorgesteld."},
)
def voorstellen(
    req: func.HttpRequest, caller: Caller, body: ParametersetVoorstel, versie: Versie | None
) -> func.HttpResponse:
    regeling, ingangsdatum = _set(req)
    document, etag = Parametersetbeheer().stel_voor(
        caller, regeling_van(regeling), ingangsdatum, body, etag_van(versie)
    )
    answer = document.openbaar()
    return json_response(answer, HTTPStatus.CREATED, etag=etag)


@endpoint(
    bp,
    route=f"{SET}/vaststelling",
    method="POST",
    summary=(
        "De voorgestelde versie vaststellen (parametervaststelling, If-Match): nooit door wie "
        "haar voorstelde; vanaf de ingangsdatum rekent elke dienst ermee."
    ),
    tag=TAG,
    access=PARAMETERSETS_VASTSTELLEN,
    response_model=Parameterset,
    problems=(403, 404, 412, 422, 428),
)
def vaststellen(req: func.HttpRequest, caller: Caller, versie: Versie) -> func.HttpResponse:
    regeling, ingangsdatum = _set(req)
    document, etag = Parametersetbeheer().stel_vast(
        caller, regeling_van(regeling), ingangsdatum, versie.etag
    )
    answer = document.openbaar()
    return json_response(answer, etag=etag)
