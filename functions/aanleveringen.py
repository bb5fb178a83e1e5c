"""Track & trace: an organisation follows its own file deliveries."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func
from pydantic import Field

from functions._http import ApiError, endpoint, json_response, parse_query
from shared.models.aanlevering import Aanlevering, AanleveringenLijst
from shared.models.base import ApiModel
from shared.storage.aanleveringen import AanleveringRepository

bp = func.Blueprint()


class OrganisatieQuery(ApiModel):
    organisatie: str = Field(
        pattern=r"^[A-Za-z0-9_-]{2,32}$",
        description="The calling organisation (until token-based identification replaces it).",
    )


class LijstQuery(OrganisatieQuery):
    pagina_grootte: int = Field(default=50, ge=1, le=200, alias="paginaGrootte")
    vervolg: str | None = Field(default=None, description="`volgende` of the previous page.")


@endpoint(
    bp,
    route="v1/aanleveringen",
    method="GET",
    summary="De aanleveringen van de organisatie, nieuwste eerst.",
    tag="Aanleveringen",
    response_model=AanleveringenLijst,
    query_model=LijstQuery,
    problems=(400,),
)
def aanleveringen_lijst(req: func.HttpRequest) -> func.HttpResponse:
    query = parse_query(req, LijstQuery)
    page, volgende = AanleveringRepository().list(
        query.organisatie, page_size=query.pagina_grootte, continuation=query.vervolg
    )
    return json_response(AanleveringenLijst(aanleveringen=page, volgende=volgende))


@endpoint(
    bp,
    route="v1/aanleveringen/{id}",
    method="GET",
    summary="Eén aanlevering: status, aantallen en redenen van afkeuring.",
    tag="Aanleveringen",
    response_model=Aanlevering,
    query_model=OrganisatieQuery,
    problems=(400, 404),
)
def aanlevering(req: func.HttpRequest) -> func.HttpResponse:
    query = parse_query(req, OrganisatieQuery)
    found = AanleveringRepository().get(query.organisatie, req.route_params["id"])
    if found is None:
        raise ApiError(HTTPStatus.NOT_FOUND, "Deze aanlevering bestaat niet voor de organisatie.")
    return json_response(found[0])
