"""Operator API: organisations, their connections and the client applications bound to them.

Reading is for `beheer` and `autorisatiebeheer`; changing is for `autorisatiebeheer` only.
Changes need `If-Match` with the ETag last read; a stale one is refused with 412.
"""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func
from pydantic import Field

from functions._http import Versie, endpoint, etag_van, json_response
from shared.errors import NotFound
from shared.models.base import ApiModel
from shared.models.toegang import (
    Aansluiting,
    AansluitingAanvraag,
    AansluitingenLijst,
    AansluitingWijziging,
    Koppeling,
    KoppelingAanvraag,
    Organisatie,
    OrganisatieGegevens,
    OrganisatieLijst,
)
from shared.security.access import LEZEN, WIJZIGEN, Caller
from shared.security.beheer import Autorisatiebeheer
from shared.storage.toegang import AansluitingRepository, KoppelingRepository, OrganisatieRepository
from shared.storage.vervolg import Vervolg

bp = func.Blueprint()

TAG = "Beheer"


class PaginaQuery(ApiModel):
    pagina_grootte: int = Field(default=100, ge=1, le=500)
    vervolg: Vervolg | None = None


def _created_or_ok(created: bool) -> HTTPStatus:
    return HTTPStatus.CREATED if created else HTTPStatus.OK


@endpoint(
    bp,
    route="v1/organisaties",
    method="GET",
    summary="Alle organisaties.",
    tag=TAG,
    access=LEZEN,
    response_model=OrganisatieLijst,
    problems=(400,),
)
def organisaties_lijst(
    req: func.HttpRequest, caller: Caller, query: PaginaQuery
) -> func.HttpResponse:
    found, volgende = OrganisatieRepository().list(
        page_size=query.pagina_grootte, continuation=query.vervolg
    )
    return json_response(OrganisatieLijst(organisaties=found, volgende=volgende))


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}",
    method="GET",
    summary="Eén organisatie, met haar mandaten; de ETag is nodig om haar te wijzigen.",
    tag=TAG,
    access=LEZEN,
    response_model=Organisatie,
    problems=(404,),
)
def organisatie_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = OrganisatieRepository().find(req.route_params["organisatie"])
    if found is None:
        raise NotFound("deze organisatie bestaat niet")
    return json_response(found[0], etag=found[1])


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}",
    method="PUT",
    summary="Een organisatie vastleggen (nieuw, of wijzigen met If-Match).",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Organisatie,
    problems=(400, 403, 412, 422, 428),
    extra_responses={201: "Aangemaakt."},
)
def organisatie_vastleggen(
    req: func.HttpRequest, caller: Caller, body: OrganisatieGegevens, versie: Versie | None
) -> func.HttpResponse:
    organisatie, etag, created = Autorisatiebeheer(caller).zet_organisatie(
        req.route_params["organisatie"], body, etag_van(versie)
    )
    return json_response(organisatie, _created_or_ok(created), etag=etag)


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/aansluitingen",
    method="GET",
    summary="De aansluitingen van een organisatie, verlopen en ingetrokken inbegrepen.",
    tag=TAG,
    access=LEZEN,
    response_model=AansluitingenLijst,
)
def aansluitingen_lijst(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = AansluitingRepository().of(req.route_params["organisatie"])
    return json_response(AansluitingenLijst(aansluitingen=found))


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/aansluitingen",
    method="POST",
    summary="Een organisatie aansluiten op een dienst, voor een doel, met grondslag en periode.",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Aansluiting,
    problems=(400, 404, 409, 422),
    extra_responses={201: "Verleend."},
)
def aansluiting_verlenen(
    req: func.HttpRequest, caller: Caller, body: AansluitingAanvraag
) -> func.HttpResponse:
    aansluiting, etag = Autorisatiebeheer(caller).verleen(req.route_params["organisatie"], body)
    return json_response(aansluiting, HTTPStatus.CREATED, etag=etag)


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/aansluitingen/{aansluiting}",
    method="GET",
    summary="Eén aansluiting; de ETag is nodig om haar te wijzigen of in te trekken.",
    tag=TAG,
    access=LEZEN,
    response_model=Aansluiting,
    problems=(404,),
)
def aansluiting_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = AansluitingRepository().get(
        req.route_params["organisatie"], req.route_params["aansluiting"]
    )
    if found is None:
        raise NotFound("deze aansluiting bestaat niet")
    return json_response(found[0], etag=found[1])


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/aansluitingen/{aansluiting}",
    method="PUT",
    summary="Grondslag of periode van een aansluiting wijzigen (If-Match).",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Aansluiting,
    problems=(400, 404, 412, 428),
)
def aansluiting_wijzigen(
    req: func.HttpRequest, caller: Caller, body: AansluitingWijziging, versie: Versie
) -> func.HttpResponse:
    aansluiting, etag = Autorisatiebeheer(caller).wijzig(
        req.route_params["organisatie"], req.route_params["aansluiting"], body, versie.etag
    )
    return json_response(aansluiting, etag=etag)


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/aansluitingen/{aansluiting}",
    method="DELETE",
    summary="Een aansluiting nu intrekken (If-Match); haar geschiedenis blijft bewaard.",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Aansluiting,
    problems=(404, 412, 428),
)
def aansluiting_intrekken(
    req: func.HttpRequest, caller: Caller, versie: Versie
) -> func.HttpResponse:
    aansluiting, etag = Autorisatiebeheer(caller).trek_in(
        req.route_params["organisatie"], req.route_params["aansluiting"], versie.etag
    )
    return json_response(aansluiting, etag=etag)


@endpoint(
    bp,
    route="v1/koppelingen/{client}",
    method="GET",
    summary="Aan welke organisatie een clientapplicatie gekoppeld is, en tot wanneer.",
    tag=TAG,
    access=LEZEN,
    response_model=Koppeling,
    problems=(404,),
)
def koppeling_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = KoppelingRepository().find(req.route_params["client"])
    if found is None:
        raise NotFound("deze koppeling bestaat niet")
    return json_response(found[0], etag=found[1])


@endpoint(
    bp,
    route="v1/koppelingen/{client}",
    method="PUT",
    summary="Een clientapplicatie aan een organisatie koppelen (nieuw, of wijzigen met If-Match).",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Koppeling,
    problems=(400, 404, 412, 428),
    extra_responses={201: "Gekoppeld."},
)
def koppeling_vastleggen(
    req: func.HttpRequest, caller: Caller, body: KoppelingAanvraag, versie: Versie | None
) -> func.HttpResponse:
    koppeling, etag, created = Autorisatiebeheer(caller).koppel(
        req.route_params["client"], body, etag_van(versie)
    )
    return json_response(koppeling, _created_or_ok(created), etag=etag)


@endpoint(
    bp,
    route="v1/koppelingen/{client}",
    method="DELETE",
    summary="Een koppeling nu beëindigen (If-Match): de tokens van de client werken niet meer.",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Koppeling,
    problems=(404, 412, 428),
)
def koppeling_beeindigen(
    req: func.HttpRequest, caller: Caller, versie: Versie
) -> func.HttpResponse:
    koppeling, etag = Autorisatiebeheer(caller).ontkoppel(req.route_params["client"], versie.etag)
    return json_response(koppeling, etag=etag)
