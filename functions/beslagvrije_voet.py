"""Beslagvrije voet: the garnishment-free amount, from source data and the user's additions."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from http import HTTPStatus

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions._http import endpoint, json_response
from shared.bvv.berekeningen import Berekeningen
from shared.bvv.herberekening import OPDRACHTEN, TAKEN, TIMER, Herberekening, Herberekeningen
from shared.bvv.pdf import basisberekening
from shared.errors import NotFound
from shared.models.bvv import Berekening, BerekeningVerzoek, HerberekeningVerzoek
from shared.security.access import HERBEREKENEN, HERBEREKENING_VOLGEN, Caller, Dienstgebruik
from shared.security.diensten import BVV_BEREKENEN
from shared.settings import BLOB_CONNECTION

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
    location = f"/api/v1/beslagvrije-voet/berekeningen/{berekening.id}"
    return json_response(berekening, HTTPStatus.CREATED, location=location)


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
    summary=(
        "Nog geldige berekeningen van alle organisaties herberekenen met de bedragen die op de "
        "peildatum ingaan: een taak, te volgen op de Location."
    ),
    tag="Beslagvrije voet",
    access=HERBEREKENEN,
    response_model=None,
    extra_responses={202: "Gepland."},
)
def herberekenen(
    req: func.HttpRequest, caller: Caller, body: HerberekeningVerzoek
) -> func.HttpResponse:
    taak = Herberekeningen().start(body.peildatum, caller.organisatie, caller.identity.client_id)
    location = f"/api/v1/beslagvrije-voet/herberekeningen/{taak.id}"
    return json_response(taak, HTTPStatus.ACCEPTED, location=location)


@endpoint(
    bp,
    route="v1/beslagvrije-voet/herberekeningen/{id}",
    method="GET",
    summary="Een herberekening: gepland, bezig, klaar (met aantallen) of mislukt.",
    tag="Beslagvrije voet",
    access=HERBEREKENING_VOLGEN,
    response_model=Herberekening,
    problems=(404,),
)
def herberekening(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    taak = Herberekeningen().lees(req.route_params["id"])
    if taak is None:
        raise NotFound("Deze herberekening bestaat niet.")
    return json_response(taak)


@bp.blob_trigger(
    arg_name="client",
    path=f"{TAKEN}/{OPDRACHTEN}/{{name}}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def herberekening_uitvoeren(client: blob.BlobClient) -> None:
    Herberekeningen().voer_uit(client)


@bp.timer_trigger(arg_name="timer", schedule="0 30 2 1 1,7 *", run_on_startup=False)
def halfjaarlijkse_herberekening(timer: func.TimerRequest) -> None:
    """On 1 January and 1 July new amounts take effect: recalculate what is still valid, as
    the same job an operator starts."""
    Herberekeningen().start(datetime.now(UTC).date(), organisatie=None, client_id=TIMER)
