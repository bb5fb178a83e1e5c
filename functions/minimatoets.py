"""Inkomens- en vermogenstoets for categorical bijzondere bijstand and minimaregelingen
(Participatiewet art. 35 lid 3 and 4): the real-time toets and the gemeente's norms."""

from __future__ import annotations

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions._http import Versie, endpoint, etag_van, json_response
from shared.intake.pipeline import Intake
from shared.minimatoets import verwerking
from shared.minimatoets.beleid import MinimaBeleidRegister
from shared.minimatoets.toetsen import Minimatoetsen
from shared.models.minimatoets import (
    MinimaBeleid,
    MinimatoetsUitkomst,
    MinimatoetsVerzoek,
    VastgesteldMinimaBeleid,
)
from shared.security.access import Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import MINIMATOETS_BELEID, MINIMATOETS_TOETSEN
from shared.settings import BLOB_CONNECTION

bp = func.Blueprint()
TAG = "Inkomens- en vermogenstoets"
TOETSEN = Dienstgebruik(MINIMATOETS_TOETSEN, persoonsgegevens=True)
BELEID_LEZEN = Dienstgebruik(MINIMATOETS_TOETSEN, persoonsgegevens=False)
BELEID_VASTSTELLEN = Dienstgebruik(MINIMATOETS_BELEID, persoonsgegevens=False)


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/inkomens-en-vermogenstoets/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def minimatoets_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(MINIMATOETS_TOETSEN))
    intake.handle(client, MINIMATOETS_TOETSEN.dienst, verwerking.process)


@endpoint(
    bp,
    route="v1/inkomens-en-vermogenstoets/toetsen",
    method="POST",
    summary=(
        "Eén huishouden toetsen aan de normen van de gemeente: inkomensnorm, toetsbedrag, "
        "overschrijding en elke belemmering met haar soort."
    ),
    tag=TAG,
    access=TOETSEN,
    response_model=MinimatoetsUitkomst,
    problems=(400, 422),
)
def minimatoets_toetsen(
    req: func.HttpRequest, caller: Caller, body: MinimatoetsVerzoek
) -> func.HttpResponse:
    return json_response(Minimatoetsen().toets(caller, body))


@endpoint(
    bp,
    route="v1/inkomens-en-vermogenstoets/beleid",
    method="GET",
    summary="De normen van de gemeente voor de inkomens- en vermogenstoets, met de ETag.",
    tag=TAG,
    access=BELEID_LEZEN,
    response_model=VastgesteldMinimaBeleid,
    problems=(404,),
)
def minimabeleid_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    beleid, etag = MinimaBeleidRegister().van(caller.namens)
    return json_response(beleid, etag=etag)


@endpoint(
    bp,
    route="v1/inkomens-en-vermogenstoets/beleid",
    method="PUT",
    summary="De eigen normen vastleggen (wijzigen met If-Match).",
    tag=TAG,
    access=BELEID_VASTSTELLEN,
    response_model=VastgesteldMinimaBeleid,
    problems=(400, 412, 422, 428),
)
def minimabeleid_vastleggen(
    req: func.HttpRequest, caller: Caller, body: MinimaBeleid, versie: Versie | None
) -> func.HttpResponse:
    vastgesteld, etag = MinimaBeleidRegister().vastleggen(
        caller, caller.namens, body, etag_van(versie)
    )
    return json_response(vastgesteld, etag=etag)
