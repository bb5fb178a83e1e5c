"""Kwijtschelding (KWS): remission of local taxes, in real time and as a monthly file."""

from __future__ import annotations

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob
from pydantic import Field

from functions._http import Versie, endpoint, etag_van, json_response
from shared.errors import NotFound
from shared.intake.pipeline import Intake
from shared.kwijtschelding import verwerking
from shared.kwijtschelding.beleid import BeleidRepository
from shared.kwijtschelding.opslag import Toetsingen
from shared.kwijtschelding.toetsen import Toetsen
from shared.models.base import NamensQuery
from shared.models.kwijtschelding import (
    KwijtscheldingBeleid,
    ToetsingenLijst,
    Toetsuitkomst,
    ToetsVerzoek,
    VastgesteldBeleid,
)
from shared.security import audit
from shared.security.access import LEZEN, WIJZIGEN, Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import KWIJTSCHELDING_BELEID, KWIJTSCHELDING_TOETSEN
from shared.settings import BLOB_CONNECTION
from shared.storage.toegang import OrganisatieRepository
from shared.storage.vervolg import Vervolg

bp = func.Blueprint()
TAG = "Kwijtschelding"
TOETSEN = Dienstgebruik(KWIJTSCHELDING_TOETSEN, persoonsgegevens=True)
BELEID_LEZEN = Dienstgebruik(KWIJTSCHELDING_TOETSEN, persoonsgegevens=False)
BELEID_VASTSTELLEN = Dienstgebruik(KWIJTSCHELDING_BELEID, persoonsgegevens=False)


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/kwijtschelding/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def kwijtschelding_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(KWIJTSCHELDING_TOETSEN))
    intake.handle(client, KWIJTSCHELDING_TOETSEN.dienst, verwerking.process)


@endpoint(
    bp,
    route="v1/kwijtschelding/toetsen",
    method="POST",
    summary="Eén huishouden toetsen op kwijtschelding, met het beleid van de organisatie.",
    tag=TAG,
    access=TOETSEN,
    response_model=Toetsuitkomst,
    problems=(400, 422),
)
def toetsen(req: func.HttpRequest, caller: Caller, body: ToetsVerzoek) -> func.HttpResponse:
    return json_response(Toetsen().toets(caller, body))


class ToetsingenQuery(NamensQuery):
    levering: str | None = Field(default=None, description="One delivery (its id).")
    pagina_grootte: int = Field(default=100, ge=1, le=1000)
    vervolg: Vervolg | None = None


@endpoint(
    bp,
    route="v1/kwijtschelding/toetsingen",
    method="GET",
    summary="De getoetste huishoudens uit aanleveringen, per levering in de volgorde van toetsen "
    "(die van het rapport); eventueel van één levering.",
    tag=TAG,
    access=TOETSEN,
    response_model=ToetsingenLijst,
    problems=(400,),
)
def toetsingen(req: func.HttpRequest, caller: Caller, query: ToetsingenQuery) -> func.HttpResponse:
    found, volgende = Toetsingen().van(
        caller.namens, query.levering, query.pagina_grootte, query.vervolg
    )
    actie = "kwijtscheldingstoetsingen lezen"
    if found:  # one entry per person whose data the page holds; one without a person if empty
        audit.personen(caller, actie, KWIJTSCHELDING_TOETSEN, [t.bsn for t in found])
        anderen = [h for t in found for h in t.huishouden_hashes]
        audit.gehashte_personen(caller, actie, KWIJTSCHELDING_TOETSEN, anderen)
    else:
        audit.access(caller, actie, KWIJTSCHELDING_TOETSEN)
    toetsingen = [t.openbaar() for t in found]
    return json_response(ToetsingenLijst(toetsingen=toetsingen, volgende=volgende))


@endpoint(
    bp,
    route="v1/kwijtschelding/beleid",
    method="GET",
    summary="Het kwijtscheldingsbeleid van de organisatie; de ETag is nodig om het te wijzigen.",
    tag=TAG,
    access=BELEID_LEZEN,
    response_model=VastgesteldBeleid,
)
def beleid_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    beleid, etag = BeleidRepository().van(caller.namens)
    return json_response(beleid, etag=etag)


@endpoint(
    bp,
    route="v1/kwijtschelding/beleid",
    method="PUT",
    summary="Het eigen kwijtscheldingsbeleid vastleggen (wijzigen met If-Match).",
    tag=TAG,
    access=BELEID_VASTSTELLEN,
    response_model=VastgesteldBeleid,
    problems=(400, 412, 422, 428),
)
def beleid_vastleggen(
    req: func.HttpRequest, caller: Caller, body: KwijtscheldingBeleid, versie: Versie | None
) -> func.HttpResponse:
    vastgesteld, etag = BeleidRepository().vastleggen(caller, caller.namens, body, etag_van(versie))
    return json_response(vastgesteld, etag=etag)


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/kwijtscheldingsbeleid",
    method="GET",
    summary="Het kwijtscheldingsbeleid van een organisatie (beheer).",
    tag="Beheer",
    access=LEZEN,
    response_model=VastgesteldBeleid,
)
def beleid_lezen_beheer(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    beleid, etag = BeleidRepository().van(req.route_params["organisatie"])
    return json_response(beleid, etag=etag)


@endpoint(
    bp,
    route="v1/organisaties/{organisatie}/kwijtscheldingsbeleid",
    method="PUT",
    summary="Het kwijtscheldingsbeleid van een organisatie vastleggen (If-Match).",
    tag="Beheer",
    access=WIJZIGEN,
    response_model=VastgesteldBeleid,
    problems=(400, 404, 412, 422, 428),
)
def beleid_vastleggen_beheer(
    req: func.HttpRequest, caller: Caller, body: KwijtscheldingBeleid, versie: Versie | None
) -> func.HttpResponse:
    organisatie = req.route_params["organisatie"]
    if OrganisatieRepository().find(organisatie) is None:
        raise NotFound("deze organisatie bestaat niet")
    vastgesteld, etag = BeleidRepository().vastleggen(caller, organisatie, body, etag_van(versie))
    return json_response(vastgesteld, etag=etag)
