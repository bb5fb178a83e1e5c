"""Beslagvrije voet: the garnishment-free amount, from source data and the user's additions."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from http import HTTPStatus

import azure.functions as func

from functions._http import endpoint, json_response
from shared.bvv.berekeningen import Berekeningen
from shared.bvv.pdf import basisberekening
from shared.errors import NotFound
from shared.models.bvv import (
    Berekening,
    BerekeningVerzoek,
    HerberekeningResultaat,
    HerberekeningVerzoek,
)
from shared.security.access import LEZEN, Caller, Dienstgebruik
from shared.security.diensten import BVV_BEREKENEN

bp = func.Blueprint()
log = logging.getLogger(__name__)

BEREKENEN = Dienstgebruik(BVV_BEREKENEN, persoonsgegevens=True)
PDF = "application/pdf"


@endpoint(
    bp,
    route="v1/beslagvrije-voet/berekeningen",
    method="POST",
    summary="De beslagvrije voet berekenen, uit de bronnen en wat de gebruiker opgeeft.",
    tag="Beslagvrije voet",
    access=BEREKENEN,
    response_model=Berekening,
    problems=(400, 422),
    extra_responses={201: "Berekend en bewaard."},
)
def berekening_maken(
    req: func.HttpRequest, caller: Caller, body: BerekeningVerzoek
) -> func.HttpResponse:
    berekening = Berekeningen().bereken(caller, body)
    response = json_response(berekening, HTTPStatus.CREATED)
    response.headers["Location"] = f"/api/v1/beslagvrije-voet/berekeningen/{berekening.id}"
    return response


@endpoint(
    bp,
    route="v1/beslagvrije-voet/berekeningen/{id}",
    method="GET",
    summary="Een bewaarde berekening; met Accept: application/pdf de basisberekening als PDF.",
    tag="Beslagvrije voet",
    access=BEREKENEN,
    response_model=Berekening,
    problems=(404,),
)
def berekening_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    berekening = Berekeningen().lees(caller, req.route_params["id"])
    if berekening is None:
        raise NotFound("Deze berekening bestaat niet voor de organisatie.")
    if PDF in (req.headers.get("Accept") or ""):
        return func.HttpResponse(
            basisberekening(berekening),
            mimetype=PDF,
            headers={
                "Content-Disposition": f'inline; filename="beslagvrije-voet-{berekening.id}.pdf"'
            },
        )
    return json_response(berekening)


@endpoint(
    bp,
    route="v1/beslagvrije-voet/herberekeningen",
    method="POST",
    summary="Nog geldige berekeningen herberekenen met de bedragen die op de peildatum ingaan.",
    tag="Beslagvrije voet",
    access=LEZEN,
    response_model=HerberekeningResultaat,
    problems=(400,),
)
def herberekenen(
    req: func.HttpRequest, caller: Caller, body: HerberekeningVerzoek
) -> func.HttpResponse:
    return json_response(Berekeningen().herbereken(body.peildatum))


@bp.timer_trigger(arg_name="timer", schedule="0 30 2 1 1,7 *", run_on_startup=False)
def halfjaarlijkse_herberekening(timer: func.TimerRequest) -> None:
    """On 1 January and 1 July new amounts take effect: recalculate what is still valid."""
    result = Berekeningen().herbereken(datetime.now(UTC).date())
    log.info(
        "herberekening: %d bekeken, %d gewijzigd, %d niet mogelijk",
        result.bekeken,
        result.gewijzigd,
        result.niet_mogelijk,
    )
