"""Inkomstenverrekening bijstand: the gemeente's choices and its monthly files."""

from __future__ import annotations

import azure.functions as func

from functions import _bestanden as bestanden
from functions._http import Versie, endpoint, etag_van, json_response
from shared.inkomstenverrekening.beleid import InkomstenverrekeningBeleidRegister
from shared.inkomstenverrekening.levering import BESTANDEN
from shared.models.inkomstenverrekening import (
    InkomstenverrekeningBeleid,
    VastgesteldInkomstenverrekeningBeleid,
)
from shared.models.rechtmatigheid import SignaalbestandenLijst
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import INKOMSTENVERREKENING_BELEID, INKOMSTENVERREKENING_VERREKENEN

bp = func.Blueprint()
TAG = "Inkomstenverrekening"
VERREKENEN = Dienstgebruik(INKOMSTENVERREKENING_VERREKENEN, persoonsgegevens=True)
BELEID_LEZEN = Dienstgebruik(INKOMSTENVERREKENING_VERREKENEN, persoonsgegevens=False)
BELEID_VASTSTELLEN = Dienstgebruik(INKOMSTENVERREKENING_BELEID, persoonsgegevens=False)


@endpoint(
    bp,
    route="v1/inkomstenverrekening/beleid",
    method="GET",
    summary="De keuzes van de gemeente voor de inkomstenverrekening, met de ETag.",
    tag=TAG,
    access=BELEID_LEZEN,
    response_model=VastgesteldInkomstenverrekeningBeleid,
    problems=(404,),
)
def inkomstenverrekeningbeleid_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    beleid, etag = InkomstenverrekeningBeleidRegister().van(caller.namens)
    return json_response(beleid, etag=etag)


@endpoint(
    bp,
    route="v1/inkomstenverrekening/beleid",
    method="PUT",
    summary=(
        "De keuzes vastleggen (wijzigen met If-Match); daarmee krijgt de gemeente bij elke "
        "rechtmatigheidsaanlevering de inkomstenverrekening."
    ),
    tag=TAG,
    access=BELEID_VASTSTELLEN,
    response_model=VastgesteldInkomstenverrekeningBeleid,
    problems=(400, 412, 428),
)
def inkomstenverrekeningbeleid_vastleggen(
    req: func.HttpRequest, caller: Caller, body: InkomstenverrekeningBeleid, versie: Versie | None
) -> func.HttpResponse:
    register = InkomstenverrekeningBeleidRegister()
    vastgesteld, etag = register.vastleggen(caller, caller.namens, body, etag_van(versie))
    return json_response(vastgesteld, etag=etag)


@endpoint(
    bp,
    route="v1/inkomstenverrekening/bestanden",
    method="GET",
    summary="De bestanden van de inkomstenverrekening (CSV, JSON), nieuwste eerst, zonder inhoud.",
    tag=TAG,
    access=VERREKENEN,
    response_model=SignaalbestandenLijst,
)
def inkomstenverrekening_bestanden(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    actie = "inkomstenverrekening bestanden opvragen"
    return bestanden.lijst(caller, BESTANDEN, INKOMSTENVERREKENING_VERREKENEN, actie)


@endpoint(
    bp,
    route="v1/inkomstenverrekening/bestanden/{naam}",
    method="GET",
    summary="Eén bestand van de inkomstenverrekening; het lezen wordt per persoon gelogd.",
    tag=TAG,
    access=VERREKENEN,
    response_model=None,
    problems=(404,),
    extra_responses={
        200: "Het bestand: text/csv (`.opgaven.csv`, `.maanden.csv`) of application/json "
        "(`.inkomstenverrekening.json`)."
    },
)
def inkomstenverrekening_bestand(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    naam = req.route_params["naam"]
    actie = "inkomstenverrekening lezen"
    return bestanden.lees(caller, BESTANDEN, INKOMSTENVERREKENING_VERREKENEN, naam, actie)
