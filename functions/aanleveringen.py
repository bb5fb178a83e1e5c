"""Track & trace: an organisation follows its own file deliveries."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func
from pydantic import Field

from functions._http import ApiError, endpoint, json_response, parse_query
from shared.models.aanlevering import Aanlevering, AanleveringenLijst
from shared.models.base import ApiModel
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import AANLEVERINGEN_VOLGEN
from shared.storage.aanleveringen import AanleveringRepository
from shared.storage.vervolg import Vervolg
from shared.validation.organisatie import ANY_ORGANISATION

bp = func.Blueprint()

VOLGEN = Dienstgebruik(AANLEVERINGEN_VOLGEN)


class NamensQuery(ApiModel):
    organisatie: str | None = Field(
        default=None,
        pattern=ANY_ORGANISATION,
        description="Only for a mandated agency: the gemeente it acts for. Default: your own.",
    )


class LijstQuery(NamensQuery):
    pagina_grootte: int = Field(default=50, ge=1, le=200)
    vervolg: Vervolg | None = None


@endpoint(
    bp,
    route="v1/aanleveringen",
    method="GET",
    summary="De aanleveringen van de organisatie, nieuwste eerst.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=AanleveringenLijst,
    query_model=LijstQuery,
    problems=(400,),
)
def aanleveringen_lijst(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    query = parse_query(req, LijstQuery)
    page, volgende = AanleveringRepository().list(
        caller.namens, page_size=query.pagina_grootte, continuation=query.vervolg
    )
    return json_response(AanleveringenLijst(aanleveringen=page, volgende=volgende))


@endpoint(
    bp,
    route="v1/aanleveringen/{id}",
    method="GET",
    summary="Eén aanlevering: status, aantallen en redenen van afkeuring.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=Aanlevering,
    query_model=NamensQuery,
    problems=(400, 404),
)
def aanlevering(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    parse_query(req, NamensQuery)
    found = AanleveringRepository().get(caller.namens, req.route_params["id"])
    if found is None:
        raise ApiError(HTTPStatus.NOT_FOUND, "Deze aanlevering bestaat niet voor de organisatie.")
    return json_response(found[0])
