"""Gemeentelijk Gegevensknooppunt: iWmo/iJw messages between gemeenten and care providers
(through VECOZO), with guaranteed delivery and track & trace (`shared.ggk`)."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions._http import XmlBody, endpoint, json_response
from shared.ggk import bestanden
from shared.ggk.berichten import Berichten
from shared.ggk.stuurinformatie import als_csv
from shared.ggk.stuurinformatie import bereken as berekenen
from shared.intake.pipeline import Intake
from shared.models.ggk import (
    GgkBericht,
    GgkBerichten,
    GgkBerichtenQuery,
    Stuurinformatie,
    StuurinformatieQuery,
)
from shared.security.access import Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import GGK_BERICHTENVERKEER
from shared.settings import BLOB_CONNECTION

bp = func.Blueprint()


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/ggk/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def ggk_ontvangen(client: blob.BlobClient) -> None:
    """The file channel: one envelope or a zip of them, each routed as over HTTPS."""
    intake = Intake(admission=Aansluitingstoets(GGK_BERICHTENVERKEER))
    intake.handle(client, GGK_BERICHTENVERKEER.dienst, bestanden.VERWERKING)


TAG = "GGk"
VERKEER = Dienstgebruik(GGK_BERICHTENVERKEER, persoonsgegevens=True)
TRACK = Dienstgebruik(GGK_BERICHTENVERKEER)
XML = "application/xml"
CSV = "text/csv"


@endpoint(
    bp,
    route="v1/ggk/berichten",
    method="POST",
    summary=(
        "Een GGk-envelop (ggk0210 Di01 of Du01, ten hoogste 25 MB) versturen: gecontroleerd "
        "en in de postbus van de ontvanger gezet; afgekeurd met een Fo01 in de eigen postbus."
    ),
    tag=TAG,
    access=VERKEER,
    response_model=GgkBericht,
    extra_responses={201: "Ontvangen: afgeleverd (nieuw) of afgekeurd, met de Fo01."},
)
def versturen(req: func.HttpRequest, caller: Caller, xml: XmlBody) -> func.HttpResponse:
    bericht = Berichten().ontvang(caller, xml.inhoud)
    location = f"/api/v1/ggk/berichten/{bericht.id}"
    return json_response(bericht, HTTPStatus.CREATED, location=location)


@endpoint(
    bp,
    route="v1/ggk/berichten",
    method="GET",
    summary=(
        "De eigen postbus (status=nieuw: wat nog niet bevestigd is, telkens opnieuw "
        "aangeboden) of, met richting=verzonden, het verloop van wat de organisatie verstuurde."
    ),
    tag=TAG,
    access=TRACK,
    response_model=GgkBerichten,
)
def berichten(req: func.HttpRequest, caller: Caller, query: GgkBerichtenQuery) -> func.HttpResponse:
    lijst = Berichten().postbus if query.richting == "ontvangen" else Berichten().verzonden
    gevonden, volgende = lijst(caller, query.status, query.pagina_grootte, query.vervolg)
    return json_response(GgkBerichten(berichten=gevonden, volgende=volgende))


@endpoint(
    bp,
    route="v1/ggk/berichten/{id}",
    method="GET",
    summary="Een bericht uit de eigen postbus, zoals het binnenkwam (XML).",
    tag=TAG,
    access=VERKEER,
    response_model=None,
    problems=(404, 410),
    extra_responses={200: "De envelop (of de Fo01), application/xml."},
)
def bericht(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    inhoud = Berichten().inhoud(caller, req.route_params["id"])
    return func.HttpResponse(inhoud, mimetype=XML, status_code=HTTPStatus.OK)


@endpoint(
    bp,
    route="v1/ggk/berichten/{id}/ontvangstbevestiging",
    method="POST",
    summary="Bevestigen dat een bericht uit de eigen postbus is verwerkt: niet meer aangeboden.",
    tag=TAG,
    access=TRACK,
    response_model=GgkBericht,
    problems=(404,),
)
def bevestigen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(Berichten().bevestig(caller, req.route_params["id"]))


@endpoint(
    bp,
    route="v1/ggk/stuurinformatie",
    method="GET",
    summary=(
        "Monitor- en stuurinformatie van de eigen berichten in een maand: aantallen per "
        "berichttype, afkeur per foutcode, retourcodes, doorlooptijd heen→retour, "
        "toewijzingen per categorie en aanbieder, gedeclareerde bedragen; met "
        "Accept: text/csv als CSV. Alleen aantallen, geen BSN."
    ),
    tag=TAG,
    access=TRACK,
    response_model=Stuurinformatie,
)
def stuurinformatie(
    req: func.HttpRequest, caller: Caller, query: StuurinformatieQuery
) -> func.HttpResponse:
    informatie = berekenen(caller.namens, query.maand)
    if CSV in (req.headers.get("Accept") or ""):
        naam = f"ggk-{caller.namens}-{query.maand}.csv"
        return func.HttpResponse(
            als_csv(informatie),
            mimetype=CSV,
            headers={"Content-Disposition": f'attachment; filename="{naam}"'},
        )
    return json_response(informatie)
