"""Rechtmatigheidscontrole: a gemeente's recipients matched against the sources, as signals."""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob
from pydantic import Field

from functions import _bestanden as bestanden
from functions._http import Versie, endpoint, json_response
from shared.errors import NotFound
from shared.intake.pipeline import Intake
from shared.models.base import ApiModel, NamensQuery
from shared.models.rechtmatigheid import (
    Afhandeling,
    Leverkwaliteit,
    Productiecijfers,
    Signaal,
    SignaalbestandenLijst,
    SignaalLijst,
)
from shared.rechtmatigheid import verwerking
from shared.rechtmatigheid.kwaliteit import leverkwaliteit
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.rechtmatigheid.signaalbestanden import SIGNAALBESTANDEN
from shared.rechtmatigheid.signaaltypen import BY_CODE
from shared.security import audit
from shared.security.access import LEZEN, Caller, Dienstgebruik
from shared.security.admission import Aansluitingstoets
from shared.security.diensten import RECHTMATIGHEID_CONTROLEREN
from shared.settings import BLOB_CONNECTION
from shared.storage.vervolg import Vervolg

bp = func.Blueprint()
SIGNALEN = Dienstgebruik(RECHTMATIGHEID_CONTROLEREN, persoonsgegevens=True)
TAG = "Rechtmatigheid"


@bp.blob_trigger(
    arg_name="client",
    path="aanleveringen/rechtmatigheid/{organisatie}/{name}",
    connection=BLOB_CONNECTION,
    source=func.BlobSource.EVENT_GRID,
)
def rechtmatigheid_ontvangen(client: blob.BlobClient) -> None:
    intake = Intake(admission=Aansluitingstoets(RECHTMATIGHEID_CONTROLEREN))
    intake.handle(client, RECHTMATIGHEID_CONTROLEREN.dienst, verwerking.process)


def _audit(caller: Caller, actie: str) -> None:
    audit.access(caller, actie, RECHTMATIGHEID_CONTROLEREN)


def audit_signalen(caller: Caller, actie: str, signalen: list[Signaal]) -> None:
    """One entry per person whose data the answer holds (`Signaal.personen`); one entry
    without a person for an empty answer."""
    bsns = [bsn for s in signalen for bsn in s.personen]
    if bsns:
        audit.personen(caller, actie, RECHTMATIGHEID_CONTROLEREN, bsns)
    else:
        _audit(caller, actie)


class SignaalQuery(NamensQuery):
    type: str | None = Field(default=None, description=f"One of: {', '.join(BY_CODE)}")
    pagina_grootte: int = Field(default=100, ge=1, le=1000)
    vervolg: Vervolg | None = None


class CijfersQuery(ApiModel):
    jaar: int = Field(ge=2020, le=2100)
    maand: int | None = Field(default=None, ge=1, le=12)


class KwaliteitQuery(ApiModel):
    maand: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")


@endpoint(
    bp,
    route="v1/rechtmatigheid/signalen",
    method="GET",
    tag=TAG,
    access=SIGNALEN,
    summary="De signalen van de gemeente, nieuwste eerst, eventueel van één type.",
    response_model=SignaalLijst,
    problems=(400,),
)
def signalen_lijst(req: func.HttpRequest, caller: Caller, query: SignaalQuery) -> func.HttpResponse:
    found, volgende = SignaalRepository().van(
        caller.namens, query.type, query.pagina_grootte, query.vervolg
    )
    audit_signalen(caller, "signalen lezen", found)
    return json_response(SignaalLijst(signalen=found, volgende=volgende))


@endpoint(
    bp,
    route="v1/rechtmatigheid/signalen/{id}",
    method="GET",
    tag=TAG,
    access=SIGNALEN,
    summary="Eén signaal met zijn bewijs.",
    response_model=Signaal,
    problems=(404,),
)
def signaal_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    found = SignaalRepository().get(caller.namens, req.route_params["id"])
    if found is None:
        raise NotFound("Dit signaal bestaat niet voor de gemeente.")
    audit_signalen(caller, "signaal lezen", [found[0]])
    return json_response(found[0], etag=found[1])


@endpoint(
    bp,
    route="v1/rechtmatigheid/signalen/{id}/afhandeling",
    method="PUT",
    tag=TAG,
    access=SIGNALEN,
    summary="De uitkomst van een signaal vastleggen (terecht, onterecht, al bekend).",
    response_model=Signaal,
    problems=(404,),
)
def signaal_afhandelen(
    req: func.HttpRequest, caller: Caller, body: Afhandeling, versie: Versie
) -> func.HttpResponse:
    signaal, etag = SignaalRepository().handel_af(
        caller.namens, req.route_params["id"], body.uitkomst, versie.etag, datetime.now(UTC)
    )
    audit_signalen(caller, "signaal afhandelen", [signaal])
    return json_response(signaal, HTTPStatus.OK, etag=etag)


@endpoint(
    bp,
    route="v1/rechtmatigheid/productiecijfers",
    method="GET",
    tag=TAG,
    access=LEZEN,
    summary="Per signaaltype: geleverd en hoe vaak terecht, per jaar of maand (alle gemeenten).",
    response_model=Productiecijfers,
    problems=(400,),
)
def productiecijfers(
    req: func.HttpRequest, caller: Caller, query: CijfersQuery
) -> func.HttpResponse:
    per_type = SignaalRepository().cijfers(query.jaar, query.maand)
    total = sum(t.geleverd for t in per_type)
    return json_response(
        Productiecijfers(jaar=query.jaar, maand=query.maand, per_type=per_type, totaal=total)
    )


@endpoint(
    bp,
    route="v1/rechtmatigheid/leverkwaliteit",
    method="GET",
    tag=TAG,
    access=LEZEN,
    summary="Het aandeel gemeenten dat in een maand een correcte aanlevering deed.",
    response_model=Leverkwaliteit,
    problems=(400,),
)
def aanleverkwaliteit(
    req: func.HttpRequest, caller: Caller, query: KwaliteitQuery
) -> func.HttpResponse:
    return json_response(leverkwaliteit(query.maand))


@endpoint(
    bp,
    route="v1/rechtmatigheid/signaalbestanden",
    method="GET",
    tag=TAG,
    access=SIGNALEN,
    summary="De signaalbestanden (CSV en JSON) van de gemeente, nieuwste eerst, zonder inhoud.",
    response_model=SignaalbestandenLijst,
)
def signaalbestanden_lijst(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return bestanden.lijst(
        caller, SIGNAALBESTANDEN, RECHTMATIGHEID_CONTROLEREN, "signaalbestanden opvragen"
    )


@endpoint(
    bp,
    route="v1/rechtmatigheid/signaalbestanden/{naam}",
    method="GET",
    tag=TAG,
    access=SIGNALEN,
    summary="Eén signaalbestand van de gemeente; het lezen wordt per persoon gelogd.",
    response_model=None,
    problems=(404,),
    extra_responses={200: "Het bestand: text/csv (`.signalen.csv`) of application/json."},
)
def signaalbestand_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    naam = req.route_params["naam"]
    return bestanden.lees(
        caller, SIGNAALBESTANDEN, RECHTMATIGHEID_CONTROLEREN, naam, "signaalbestand lezen"
    )
