"""Track & trace: an organisation follows its own file deliveries, gets an upload grant (the
valet key of the file channel) and reads its feedback reports."""

from __future__ import annotations

import json
from http import HTTPStatus

import azure.functions as func
from azure.core.exceptions import ResourceNotFoundError
from pydantic import Field

from functions._http import ApiError, endpoint, guard, json_response
from shared.intake import uploads
from shared.models.aanlevering import Aanlevering, AanleveringenLijst
from shared.models.base import NamensQuery
from shared.models.problem import InvalidParam
from shared.models.upload import Upload, UploadAanvraag, UploadMachtiging
from shared.security import audit
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import AANLEVERINGEN_VOLGEN
from shared.storage.aanleveringen import AanleveringRepository
from shared.storage.blobs import BlobStore
from shared.storage.uploads import UploadRepository
from shared.storage.vervolg import Vervolg

bp = func.Blueprint()

VOLGEN = Dienstgebruik(AANLEVERINGEN_VOLGEN)


class LijstQuery(NamensQuery):
    pagina_grootte: int = Field(default=50, ge=1, le=200)
    vervolg: Vervolg | None = None


@endpoint(
    bp,
    route="v1/aanleveringen",
    method="GET",
    summary="De aanleveringen van de organisatie, nieuwste eerst.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=AanleveringenLijst,
    problems=(400,),
)
def aanleveringen_lijst(
    req: func.HttpRequest, caller: Caller, query: LijstQuery
) -> func.HttpResponse:
    page, volgende = AanleveringRepository().list(
        caller.namens,
        page_size=query.pagina_grootte,
        continuation=query.vervolg,
        diensten=caller.mandaatdiensten,
    )
    return json_response(AanleveringenLijst(aanleveringen=page, volgende=volgende))


@endpoint(
    bp,
    route="v1/aanleveringen/{id}",
    method="GET",
    summary="Eén aanlevering: status, aantallen en redenen van afkeuring.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=Aanlevering,
    problems=(400, 404),
)
def aanlevering(req: func.HttpRequest, caller: Caller, query: NamensQuery) -> func.HttpResponse:
    return json_response(_zichtbare_aanlevering(caller, req.route_params["id"]))


def _zichtbare_aanlevering(caller: Caller, aanlevering_id: str) -> Aanlevering:
    """The delivery, if the caller may see it; the same 404 as for one that never existed."""
    found = AanleveringRepository().get(caller.namens, aanlevering_id)
    diensten = caller.mandaatdiensten
    if found is None or (diensten is not None and found[0].dienst not in diensten):
        raise ApiError(HTTPStatus.NOT_FOUND, "Deze aanlevering bestaat niet voor de organisatie.")
    return found[0]


@endpoint(
    bp,
    route="v1/aanleveringen/uploads",
    method="POST",
    summary=(
        "Een uploadmachtiging: een SAS-URL die kort (15 minuten) precies één bestand "
        "aanleveringen/{dienst}/{organisatie}/{bestandsnaam} kan schrijven, niets anders."
    ),
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=UploadMachtiging,
    problems=(400, 409),
    extra_responses={201: "Uitgegeven."},
)
def upload_aanvragen(
    req: func.HttpRequest, caller: Caller, query: NamensQuery, body: UploadAanvraag
) -> func.HttpResponse:
    doel = uploads.BESTANDSDIENSTEN.get(body.dienst)
    if doel is None:
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            "De body is niet geldig.",
            [
                InvalidParam(
                    name="body.dienst",
                    code="onbekende_dienst",
                    reason=f"een van: {', '.join(sorted(uploads.BESTANDSDIENSTEN))}",
                )
            ],
        )
    # The file's own service decides, as its blob trigger does: a connection for its
    # purpose, and for a gemeente's folder a mandate that covers it (refusals are audited).
    guard().authorise(
        Dienstgebruik(doel),
        caller.identity,
        f"POST v1/aanleveringen/uploads ({doel.dienst})",
        gevraagd=req.params.get("organisatie"),
    )
    machtiging = uploads.uitgeven(
        aanvrager=caller.organisatie,
        client_id=caller.identity.client_id,
        namens=caller.namens,
        dienst=doel.dienst,
        bestandsnaam=body.bestandsnaam,
    )
    audit.access(caller, "uploadmachtiging uitgeven", doel)
    return json_response(machtiging, HTTPStatus.CREATED)


@endpoint(
    bp,
    route="v1/aanleveringen/uploads/{id}",
    method="GET",
    summary="Een uploadmachtiging en, zodra het bestand binnen is, de aanlevering die het werd.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=Upload,
    problems=(400, 404),
)
def upload_volgen(req: func.HttpRequest, caller: Caller, query: NamensQuery) -> func.HttpResponse:
    found = UploadRepository().get(caller.namens, req.route_params["id"])
    diensten = caller.mandaatdiensten  # as for a delivery: not of a service the mandate lacks
    if found is None or (diensten is not None and found[0].dienst not in diensten):
        raise ApiError(
            HTTPStatus.NOT_FOUND, "Deze uploadmachtiging bestaat niet voor de organisatie."
        )
    return json_response(found[0])


@endpoint(
    bp,
    route="v1/aanleveringen/{id}/terugmelding",
    method="GET",
    summary="De terugmelding van één aanlevering: status, aantallen en alle redenen met regel.",
    tag="Aanleveringen",
    access=VOLGEN,
    response_model=Aanlevering,
    problems=(400, 404),
)
def terugmelding(req: func.HttpRequest, caller: Caller, query: NamensQuery) -> func.HttpResponse:
    aanlevering = _zichtbare_aanlevering(caller, req.route_params["id"])
    if aanlevering.terugmelding is None:
        raise ApiError(
            HTTPStatus.NOT_FOUND,
            f"Er is nog geen terugmelding: de aanlevering is {aanlevering.status.value}.",
        )
    container, pad = aanlevering.terugmelding.split("/", 1)
    try:
        inhoud = b"".join(BlobStore().client(container, pad).download_blob().chunks())
    except ResourceNotFoundError:
        raise ApiError(HTTPStatus.NOT_FOUND, "De terugmelding is niet meer bewaard.") from None
    if json.loads(inhoud).get("id") != aanlevering.id:
        raise ApiError(
            HTTPStatus.NOT_FOUND,
            "De terugmelding is vervangen door die van een latere aanlevering met dezelfde naam.",
        )
    return func.HttpResponse(inhoud, status_code=200, mimetype="application/json", charset="utf-8")
