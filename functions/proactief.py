"""Proactieve dienstverlening: the gemeente's residents who likely have a right they do not
receive yet, found monthly from the file it delivers (who receives, who objected)."""

from __future__ import annotations

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions import _bestanden as bestanden
from functions._http import endpoint
from shared.intake.pipeline import Intake
from shared.models.rechtmatigheid import SignaalbestandenLijst
from shared.proactief import verwerking
from shared.proactief.verwerking import BESTANDEN
from shared.security.access import Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import PROACTIEF_SIGNALEREN
from shared.settings import BLOB_CONNECTION

bp = func.Blueprint()
TAG = "Proactieve dienstverlening"
SIGNALEREN = Dienstgebruik(PROACTIEF_SIGNALEREN, persoonsgegevens=True)


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/proactieve-dienstverlening/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def proactief_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(PROACTIEF_SIGNALEREN))
    intake.handle(client, PROACTIEF_SIGNALEREN.dienst, verwerking.process)


@endpoint(
    bp,
    route="v1/proactieve-dienstverlening/bestanden",
    method="GET",
    summary="De lijsten van inwoners met een waarschijnlijk recht (CSV, JSON), nieuwste eerst.",
    tag=TAG,
    access=SIGNALEREN,
    response_model=SignaalbestandenLijst,
)
def proactief_bestanden(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return bestanden.lijst(caller, BESTANDEN, PROACTIEF_SIGNALEREN, "proactieve lijsten opvragen")


@endpoint(
    bp,
    route="v1/proactieve-dienstverlening/bestanden/{naam}",
    method="GET",
    summary="Eén lijst; het lezen wordt per persoon gelogd.",
    tag=TAG,
    access=SIGNALEREN,
    response_model=None,
    problems=(404,),
    extra_responses={200: "De lijst: text/csv (`.kansen.csv`) of application/json."},
)
def proactief_bestand(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    naam = req.route_params["naam"]
    return bestanden.lees(caller, BESTANDEN, PROACTIEF_SIGNALEREN, naam, "proactieve lijst lezen")
