"""Individuele inkomenstoeslag (Participatiewet art. 36): the real-time toets and the
gemeente's verordening."""

from __future__ import annotations

import azure.functions as func

from functions._http import Versie, endpoint, etag_van, json_response
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.inkomenstoeslag.toetsen import Inkomenstoeslagtoetsen
from shared.models.inkomenstoeslag import (
    InkomenstoeslagBeleid,
    InkomenstoeslagUitkomst,
    InkomenstoeslagVerzoek,
    VastgesteldInkomenstoeslagBeleid,
)
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import INKOMENSTOESLAG_BELEID, INKOMENSTOESLAG_TOETSEN

bp = func.Blueprint()
TAG = "Individuele inkomenstoeslag"
TOETSEN = Dienstgebruik(INKOMENSTOESLAG_TOETSEN, persoonsgegevens=True)
BELEID_LEZEN = Dienstgebruik(INKOMENSTOESLAG_TOETSEN, persoonsgegevens=False)
BELEID_VASTSTELLEN = Dienstgebruik(INKOMENSTOESLAG_BELEID, persoonsgegevens=False)


@endpoint(
    bp,
    route="v1/individuele-inkomenstoeslag/toetsen",
    method="POST",
    summary=(
        "Eén aanvraag toetsen: het netto huishoudinkomen per maand van de referteperiode "
        "tegen de norm, leeftijd, een eerdere toeslag en het vermogen, met de verordening "
        "van de gemeente."
    ),
    tag=TAG,
    access=TOETSEN,
    response_model=InkomenstoeslagUitkomst,
    problems=(400, 422),
)
def inkomenstoeslag_toetsen(
    req: func.HttpRequest, caller: Caller, body: InkomenstoeslagVerzoek
) -> func.HttpResponse:
    return json_response(Inkomenstoeslagtoetsen().toets(caller, body))


@endpoint(
    bp,
    route="v1/individuele-inkomenstoeslag/beleid",
    method="GET",
    summary="De verordening individuele inkomenstoeslag van de gemeente, met de ETag.",
    tag=TAG,
    access=BELEID_LEZEN,
    response_model=VastgesteldInkomenstoeslagBeleid,
    problems=(404,),
)
def inkomenstoeslagbeleid_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    beleid, etag = InkomenstoeslagBeleidRegister().van(caller.namens)
    return json_response(beleid, etag=etag)


@endpoint(
    bp,
    route="v1/individuele-inkomenstoeslag/beleid",
    method="PUT",
    summary="De eigen verordening vastleggen (wijzigen met If-Match).",
    tag=TAG,
    access=BELEID_VASTSTELLEN,
    response_model=VastgesteldInkomenstoeslagBeleid,
    problems=(400, 412, 422, 428),
)
def inkomenstoeslagbeleid_vastleggen(
    req: func.HttpRequest, caller: Caller, body: InkomenstoeslagBeleid, versie: Versie | None
) -> func.HttpResponse:
    register = InkomenstoeslagBeleidRegister()
    vastgesteld, etag = register.vastleggen(caller, caller.namens, body, etag_van(versie))
    return json_response(vastgesteld, etag=etag)
