"""Storingen: outage notices posted by operators, read by anyone, pushed to subscribers."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions._http import ApiError, Versie, endpoint, json_response, public
from shared.models.problem import InvalidParam
from shared.models.storing import (
    Abonnement,
    AbonnementAanvraag,
    AbonnementenLijst,
    Storing,
    StoringenOverzicht,
    StoringMelding,
)
from shared.security.access import MELDEN, Caller, Dienstgebruik
from shared.security.diensten import STORINGEN_VOLGEN
from shared.settings import BLOB_CONNECTION
from shared.storingen.meldingen import (
    BERICHTEN,
    BEZORGINGEN,
    MELDINGEN,
    Abonnementen,
    AbonnementGeweigerd,
    Berichten,
    Storingen,
)

bp = func.Blueprint()
TAG = "Storingen"
VOLGEN = Dienstgebruik(STORINGEN_VOLGEN)


@public(
    bp,
    route="v1/storingen",
    method="GET",
    summary="Actuele en geplande storingen en onderhoud (openbaar, ook als aanmelden niet lukt).",
    tag=TAG,
    response_model=StoringenOverzicht,
)
def storingen(req: func.HttpRequest) -> func.HttpResponse:
    return json_response(Storingen().overzicht())


@endpoint(
    bp,
    route="v1/storingen",
    method="POST",
    summary="Een storing of gepland onderhoud melden; abonnees krijgen op de achtergrond bericht.",
    tag=TAG,
    access=MELDEN,
    response_model=Storing,
    problems=(400,),
    extra_responses={201: "Gemeld."},
)
def storing_melden(
    req: func.HttpRequest, caller: Caller, body: StoringMelding
) -> func.HttpResponse:
    storing, etag = Storingen().meld(caller, body)
    return json_response(storing, HTTPStatus.CREATED, etag=etag)


@endpoint(
    bp,
    route="v1/storingen/{id}",
    method="PUT",
    summary="Een storing bijwerken (If-Match), bijv. met haar einde; abonnees krijgen bericht.",
    tag=TAG,
    access=MELDEN,
    response_model=Storing,
    problems=(400, 404, 412, 428),
)
def storing_bijwerken(
    req: func.HttpRequest, caller: Caller, body: StoringMelding, versie: Versie
) -> func.HttpResponse:
    storing, etag = Storingen().wijzig(caller, req.route_params["id"], body, versie.etag)
    return json_response(storing, etag=etag)


@endpoint(
    bp,
    route="v1/storingen/abonnementen",
    method="GET",
    summary="De abonnementen van de organisatie op storingsberichten, met de laatste bezorging.",
    tag=TAG,
    access=VOLGEN,
    response_model=AbonnementenLijst,
)
def abonnementen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(AbonnementenLijst(abonnementen=Abonnementen().van(caller.namens)))


@endpoint(
    bp,
    route="v1/storingen/abonnementen",
    method="POST",
    summary="Een publiek https-adres opgeven waarop storingsberichten binnenkomen (JSON, "
    "POST); ten hoogste tien per organisatie.",
    tag=TAG,
    access=VOLGEN,
    response_model=Abonnement,
    problems=(400, 409, 422),
    extra_responses={201: "Geabonneerd."},
)
def abonneren(req: func.HttpRequest, caller: Caller, body: AbonnementAanvraag) -> func.HttpResponse:
    try:
        abonnement = Abonnementen().neem(caller, body)
    except AbonnementGeweigerd as geweigerd:
        raise ApiError(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "Het platform roept dit adres niet aan.",
            [InvalidParam(name="body.url", code="adres_geweigerd", reason=geweigerd.reden)],
        ) from None
    return json_response(abonnement, HTTPStatus.CREATED)


@endpoint(
    bp,
    route="v1/storingen/abonnementen/{id}",
    method="DELETE",
    summary="Een abonnement op storingsberichten beëindigen.",
    tag=TAG,
    access=VOLGEN,
    response_model=Abonnement,
    problems=(404,),
)
def opzeggen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(Abonnementen().beeindig(caller, req.route_params["id"]))


@bp.blob_trigger(
    arg_name="client",
    path=f"{BERICHTEN}/{MELDINGEN}/{{storing}}/{{name}}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def storing_verdelen(client: blob.BlobClient) -> None:
    """A new version of a notice: one work item per subscription."""
    Berichten().verdeel(client)


@bp.blob_trigger(
    arg_name="client",
    path=f"{BERICHTEN}/{BEZORGINGEN}/{{storing}}/{{name}}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def storing_bezorgen(client: blob.BlobClient) -> None:
    """One notice to one subscription; the outcome is kept on the subscription."""
    Berichten().bezorg(client)
