"""VSV 2.0 for the Doorstroompunten: follow young people without a startkwalificatie (the
register, by API and by file), daily income signals, a weekly priority report."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from http import HTTPStatus

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob

from functions import _bestanden as bestanden
from functions._http import endpoint, json_response
from shared.intake.pipeline import Intake
from shared.models.rechtmatigheid import SignaalbestandenLijst
from shared.models.vsv import (
    Aanmelding,
    Aanmeldsuggesties,
    AfmeldQuery,
    Inschrijving,
    Inschrijvingen,
    InschrijvingenQuery,
    SignalenQuery,
    SuggestiesQuery,
    VsvSignalen,
)
from shared.security.access import Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import VSV_AANMELDSUGGESTIES, VSV_VOLGEN
from shared.settings import BLOB_CONNECTION
from shared.vsv import bestand, suggesties
from shared.vsv.prioriteiten import BESTANDEN, Prioriteitenrapport
from shared.vsv.register import Register
from shared.vsv.signalen import Signalen

bp = func.Blueprint()
TAG = "VSV"
VOLGEN = Dienstgebruik(VSV_VOLGEN, persoonsgegevens=True)
SUGGESTIES = Dienstgebruik(VSV_AANMELDSUGGESTIES, persoonsgegevens=True)
logger = logging.getLogger(__name__)


@endpoint(
    bp,
    route="v1/vsv/aanmeldingen",
    method="POST",
    summary="Een jongere aanmelden: de Doorstroompunt volgt hem vanaf de datum. Geweigerd "
    "(422, met de reden) buiten de doelgroep, buiten de regio of gevolgd door een andere regio.",
    tag=TAG,
    access=VOLGEN,
    response_model=Inschrijving,
    problems=(409, 422),
)
def vsv_aanmelden(req: func.HttpRequest, caller: Caller, body: Aanmelding) -> func.HttpResponse:
    inschrijving, nieuw = Register().aanmelden(caller, body)
    if not nieuw:
        return json_response(inschrijving)
    return json_response(
        inschrijving, HTTPStatus.CREATED, location=f"/api/v1/vsv/aanmeldingen/{inschrijving.id}"
    )


@endpoint(
    bp,
    route="v1/vsv/aanmeldingen",
    method="GET",
    summary="De jongeren die de Doorstroompunt volgt, per pagina; elke gelezen jongere gelogd.",
    tag=TAG,
    access=VOLGEN,
    response_model=Inschrijvingen,
)
def vsv_aanmeldingen(
    req: func.HttpRequest, caller: Caller, query: InschrijvingenQuery
) -> func.HttpResponse:
    gevonden, volgende = Register().pagina(caller, query.vervolg)
    return json_response(Inschrijvingen(inschrijvingen=gevonden, volgende=volgende))


@endpoint(
    bp,
    route="v1/vsv/aanmeldingen/{id}",
    method="DELETE",
    summary="Een jongere afmelden, met reden en datum; de geschiedenis blijft.",
    tag=TAG,
    access=VOLGEN,
    response_model=Inschrijving,
    problems=(404, 409, 422),
)
def vsv_afmelden(req: func.HttpRequest, caller: Caller, query: AfmeldQuery) -> func.HttpResponse:
    return json_response(Register().afmelden(caller, req.route_params["id"], query))


@endpoint(
    bp,
    route="v1/vsv/signalen",
    method="GET",
    summary="De dagelijkse signalen: een begonnen of beëindigde inkomstenverhouding of "
    "uitkering van een gevolgde jongere zonder prioriteit of in prioriteit 1, elk één keer.",
    tag=TAG,
    access=VOLGEN,
    response_model=VsvSignalen,
)
def vsv_signalen(req: func.HttpRequest, caller: Caller, query: SignalenQuery) -> func.HttpResponse:
    return json_response(VsvSignalen(signalen=Signalen().van(caller, query.sinds)))


@endpoint(
    bp,
    route="v1/vsv/bestanden",
    method="GET",
    summary="De wekelijkse prioriteitenrapporten (CSV, JSON), nieuwste eerst.",
    tag=TAG,
    access=VOLGEN,
    response_model=SignaalbestandenLijst,
)
def vsv_bestanden(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return bestanden.lijst(caller, BESTANDEN, VSV_VOLGEN, "prioriteitenrapporten opvragen")


@endpoint(
    bp,
    route="v1/vsv/bestanden/{naam}",
    method="GET",
    summary="Eén prioriteitenrapport; het lezen wordt per jongere gelogd.",
    tag=TAG,
    access=VOLGEN,
    response_model=None,
    problems=(404,),
    extra_responses={200: "Het rapport: text/csv (`.prioriteiten.csv`) of application/json."},
)
def vsv_bestand(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    naam = req.route_params["naam"]
    return bestanden.lees(caller, BESTANDEN, VSV_VOLGEN, naam, "prioriteitenrapport lezen")


@endpoint(
    bp,
    route="v1/vsv/aanmeldsuggesties",
    method="GET",
    summary="Voor de gemeente: inwoners die in de maand 18 worden zonder startkwalificatie en "
    "die geen Doorstroompunt volgt, om aan te melden; elke inwoner gelogd.",
    tag=TAG,
    access=SUGGESTIES,
    response_model=Aanmeldsuggesties,
    problems=(422,),
)
def vsv_aanmeldsuggesties(
    req: func.HttpRequest, caller: Caller, query: SuggestiesQuery
) -> func.HttpResponse:
    return json_response(suggesties.suggesties(caller, query.maand))


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/vsv/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def vsv_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(VSV_VOLGEN))
    intake.handle(client, VSV_VOLGEN.dienst, bestand.process)


@bp.timer_trigger(arg_name="timer", schedule="0 0 6 * * *", run_on_startup=False)
def vsv_signalering(timer: func.TimerRequest) -> None:
    """Daily, after the sources' nightly snapshots: the signals of the day."""
    gevolgd, nieuw = Signalen().signaleer(datetime.now(UTC).date())
    logger.info("vsv-signalen: %d jongeren bekeken, %d nieuwe signalen", gevolgd, nieuw)


@bp.timer_trigger(arg_name="timer", schedule="0 0 7 * * 1", run_on_startup=False)
def vsv_prioriteiten(timer: func.TimerRequest) -> None:
    """Weekly, on Monday: the priority report of every Doorstroompunt."""
    uitkomst = Prioriteitenrapport().maak(datetime.now(UTC).date())
    if isinstance(uitkomst, str):
        logger.error("vsv-prioriteiten: %s", uitkomst)
        raise RuntimeError(uitkomst)  # a failed run is retried and alerted on
    logger.info("vsv-prioriteiten: %d rapporten", len(uitkomst))
