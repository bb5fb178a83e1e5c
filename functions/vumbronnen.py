"""Operator API: the VUM bronnen the exchange asks (`shared.vum.bronnen`).

Reading is for `beheer` and `autorisatiebeheer`; registering and changing a bron is for
`autorisatiebeheer` only, with `If-Match` to change one (412 when stale), each audited.
"""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func

from functions._http import Versie, endpoint, etag_van, json_response
from shared.errors import NotFound
from shared.security.access import LEZEN, WIJZIGEN, Caller
from shared.security.beheer import Autorisatiebeheer
from shared.vum.bronnen import VumBron, VumBronGegevens, VumBronLijst, VumBronRepository

bp = func.Blueprint()

TAG = "Beheer"


@endpoint(
    bp,
    route="v1/vum-bronnen",
    method="GET",
    summary="Alle geregistreerde VUM-bronnen, ook die niet (meer) gevraagd worden.",
    tag=TAG,
    access=LEZEN,
    response_model=VumBronLijst,
)
def vum_bronnen_lijst(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(VumBronLijst(bronnen=VumBronRepository().alle()))


@endpoint(
    bp,
    route="v1/vum-bronnen/{oin}",
    method="GET",
    summary="Eén VUM-bron; de ETag is nodig om haar te wijzigen.",
    tag=TAG,
    access=LEZEN,
    response_model=VumBron,
    problems=(404,),
)
def vum_bron_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = VumBronRepository().find(req.route_params["oin"])
    if found is None:
        raise NotFound("deze VUM-bron is niet geregistreerd")
    return json_response(found[0], etag=found[1])


@endpoint(
    bp,
    route="v1/vum-bronnen/{oin}",
    method="PUT",
    summary="Een VUM-bron registreren (nieuw, of wijzigen met If-Match; geldigTot beëindigt haar).",
    tag=TAG,
    access=WIJZIGEN,
    response_model=VumBron,
    problems=(400, 412, 428),
    extra_responses={201: "Geregistreerd."},
)
def vum_bron_vastleggen(
    req: func.HttpRequest, caller: Caller, body: VumBronGegevens, versie: Versie | None
) -> func.HttpResponse:
    bron, etag, nieuw = Autorisatiebeheer(caller).zet_vum_bron(
        req.route_params["oin"], body, etag_van(versie)
    )
    return json_response(bron, HTTPStatus.CREATED if nieuw else HTTPStatus.OK, etag=etag)
