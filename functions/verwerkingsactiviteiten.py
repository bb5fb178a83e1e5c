"""The register of processing activities, for operators: what each is, and which are withheld
from residents while a legal ground applies."""

from __future__ import annotations

import azure.functions as func

from functions._http import endpoint, json_response
from shared.models.verwerkingen import Activiteitenregister, Vertrouwelijkheid
from shared.security.access import LEZEN, WIJZIGEN, Caller
from shared.verwerkingen import vertrouwelijk

bp = func.Blueprint()
TAG = "Verwerkingsactiviteiten"
ROUTE = "v1/verwerkingsactiviteiten"


@endpoint(
    bp,
    route=ROUTE,
    method="GET",
    summary="Het register van verwerkingsactiviteiten: doel, grondslag, bronnen, bewaartermijn "
    "en of een activiteit voor inwoners wordt achtergehouden.",
    tag=TAG,
    access=LEZEN,
    response_model=Activiteitenregister,
)
def register_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(vertrouwelijk.overzicht())


@endpoint(
    bp,
    route=f"{ROUTE}/{{code}}/vertrouwelijkheid",
    method="PUT",
    summary="Een activiteit voor inwoners achterhouden, met de wettelijke grond (gebruiksoverzicht "
    "en inzagebrief); de operators zien haar gemarkeerd.",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Activiteitenregister,
    problems=(404,),
)
def vertrouwelijk_maken(
    req: func.HttpRequest, caller: Caller, body: Vertrouwelijkheid
) -> func.HttpResponse:
    vertrouwelijk.markeer(caller, req.route_params["code"], body)
    return json_response(vertrouwelijk.overzicht())


@endpoint(
    bp,
    route=f"{ROUTE}/{{code}}/vertrouwelijkheid",
    method="DELETE",
    summary="De activiteit niet langer achterhouden (de grond is vervallen).",
    tag=TAG,
    access=WIJZIGEN,
    response_model=Activiteitenregister,
    problems=(404,),
)
def vertrouwelijkheid_opheffen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    vertrouwelijk.hef_op(caller, req.route_params["code"])
    return json_response(vertrouwelijk.overzicht())
