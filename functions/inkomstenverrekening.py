"""Inkomstenverrekening bijstand: the gemeente's choices and its monthly files."""

from __future__ import annotations

import azure.functions as func

from functions._http import Versie, endpoint, etag_van, json_response
from shared.errors import NotFound
from shared.inkomstenverrekening.beleid import InkomstenverrekeningBeleidRegister
from shared.inkomstenverrekening.levering import BESTANDEN
from shared.models.inkomstenverrekening import (
    InkomstenverrekeningBeleid,
    VastgesteldInkomstenverrekeningBeleid,
)
from shared.models.rechtmatigheid import SignaalbestandenLijst
from shared.security import audit
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
    bestanden = BESTANDEN.lijst(caller.namens)
    audit.access(caller, "inkomstenverrekening bestanden opvragen", INKOMSTENVERREKENING_VERREKENEN)
    return json_response(SignaalbestandenLijst(bestanden=bestanden))


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
    inhoud = BESTANDEN.lees(caller.namens, naam)
    if inhoud is None:
        raise NotFound("Dit bestand bestaat niet voor de gemeente.")
    bsns = BESTANDEN.personen_in(naam, inhoud)
    audit.personen(caller, "inkomstenverrekening lezen", INKOMSTENVERREKENING_VERREKENEN, bsns)
    audit.access(caller, f"inkomstenverrekening lezen: {naam}", INKOMSTENVERREKENING_VERREKENEN)
    return func.HttpResponse(
        inhoud, status_code=200, mimetype=BESTANDEN.media_type(naam), charset="utf-8"
    )
