"""Inzage: what the sources hold on one person, for that person's own request (operators),
and, for a resident himself, who used his data (the usage view of a citizen portal)."""

from __future__ import annotations

from http import HTTPStatus

import azure.functions as func

from functions._http import endpoint, json_response
from shared.bronnen.raadplegen import Bronnen
from shared.inzage.antwoord import eigen_records
from shared.inzage.pdf import pdf
from shared.inzage.verzoeken import Inzageverzoeken
from shared.models.inzage import (
    BronStand,
    InzageAntwoord,
    Inzageverzoek,
    InzageverzoekAanvraag,
    PersoonBronnen,
    PersoonVraag,
    Verlenging,
    Vrijgave,
    Weigering,
)
from shared.models.verwerkingen import GebruikLijst, GebruikQuery
from shared.security import audit
from shared.security.access import INWONER, INZAGE_VERZOEK, Caller
from shared.security.diensten import INZAGEVERZOEK
from shared.verwerkingen import gebruik

bp = func.Blueprint()


@endpoint(
    bp,
    route="v1/inzage/bronnen",
    method="POST",
    summary="Alles wat de bronnen over één persoon bevatten op een peildatum (inzageverzoek).",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=PersoonBronnen,
    problems=(400,),
)
def bronnen_van_persoon(
    req: func.HttpRequest, caller: Caller, body: PersoonVraag
) -> func.HttpResponse:
    audit.access(caller, "bronnen opvragen", INZAGEVERZOEK, bsn=body.bsn)
    standen = Bronnen().persoon(body.bsn, body.peildatum)
    return json_response(
        PersoonBronnen(
            peildatum=body.peildatum,
            bronnen=[
                BronStand(
                    bron=s.bron,
                    snapshot=s.snapshot,
                    records=eigen_records([r.model_dump(mode="json") for r in s.records]),
                )
                for s in standen
            ],
        )
    )


@endpoint(
    bp,
    route="v1/inzage/gebruik",
    method="GET",
    summary="Voor een inwoner zelf: wie zijn gegevens gebruikte, wanneer, waarvoor en uit welke "
    "bronnen; nieuwste eerst (een token van de identiteitsvoorziening voor inwoners).",
    tag="Inzage",
    access=INWONER,
    response_model=GebruikLijst,
    problems=(400,),
)
def gebruik_van_mijn_gegevens(
    req: func.HttpRequest, caller: Caller, query: GebruikQuery
) -> func.HttpResponse:
    return json_response(gebruik.gebruik(caller, query))


VERZOEKEN = "v1/inzage/verzoeken"
PDF = "application/pdf"


@endpoint(
    bp,
    route=VERZOEKEN,
    method="POST",
    summary="Een inzageverzoek registreren: ontvangen op, hoe de identiteit is vastgesteld; de "
    "termijn is een maand na ontvangst (AVG art. 12 lid 3).",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=Inzageverzoek,
    problems=(400, 422),
    extra_responses={201: "Geregistreerd."},
)
def verzoek_registreren(
    req: func.HttpRequest, caller: Caller, body: InzageverzoekAanvraag
) -> func.HttpResponse:
    verzoek = Inzageverzoeken(caller).registreer(body)
    return json_response(verzoek, HTTPStatus.CREATED, location=f"/api/{VERZOEKEN}/{verzoek.id}")


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}",
    method="GET",
    summary="Een inzageverzoek: status, termijnen, verlenging of weigering, wie samenstelde en "
    "vrijgaf.",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=Inzageverzoek,
    problems=(404,),
)
def verzoek_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(Inzageverzoeken(caller).lees(req.route_params["id"]))


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}/verlenging",
    method="POST",
    summary="De termijn met ten hoogste twee maanden verlengen, met redenen, binnen de eerste "
    "maand (AVG art. 12 lid 3).",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=Inzageverzoek,
    problems=(404, 409, 422),
)
def verzoek_verlengen(req: func.HttpRequest, caller: Caller, body: Verlenging) -> func.HttpResponse:
    return json_response(Inzageverzoeken(caller).verleng(req.route_params["id"], body))


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}/weigering",
    method="POST",
    summary="Het verzoek weigeren, met redenen, binnen een maand na ontvangst; het antwoord "
    "noemt de rechtsmiddelen (AVG art. 12 lid 4).",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=Inzageverzoek,
    problems=(404, 409, 422),
)
def verzoek_weigeren(req: func.HttpRequest, caller: Caller, body: Weigering) -> func.HttpResponse:
    return json_response(Inzageverzoeken(caller).weiger(req.route_params["id"], body))


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}/antwoord",
    method="POST",
    summary="Het antwoord samenstellen: alle brongegevens, uitkomsten met hun uitleg en alle "
    "verwerkingen van de persoon, nu.",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=InzageAntwoord,
    problems=(404, 409),
)
def antwoord_samenstellen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(Inzageverzoeken(caller).stel_samen(req.route_params["id"]))


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}/antwoord",
    method="GET",
    summary="Het samengestelde antwoord om te beoordelen; met Accept: application/pdf, zodra "
    "het is vrijgegeven, als brief voor de inwoner.",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=InzageAntwoord,
    problems=(404, 409),
)
def antwoord_lezen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    brief = PDF in (req.headers.get("Accept") or "")
    verzoek, antwoord = Inzageverzoeken(caller).antwoord(req.route_params["id"], brief=brief)
    if brief:
        return func.HttpResponse(
            pdf(verzoek, antwoord),
            mimetype=PDF,
            headers={"Content-Disposition": f'inline; filename="inzage-{verzoek.id}.pdf"'},
        )
    return json_response(antwoord)


@endpoint(
    bp,
    route=f"{VERZOEKEN}/{{id}}/vrijgave",
    method="POST",
    summary="Het beoordeelde antwoord (zijn id) vrijgeven: door een tweede medewerker, niet door "
    "wie het samenstelde.",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=Inzageverzoek,
    problems=(403, 404, 409),
)
def antwoord_vrijgeven(req: func.HttpRequest, caller: Caller, body: Vrijgave) -> func.HttpResponse:
    return json_response(Inzageverzoeken(caller).geef_vrij(req.route_params["id"], body))
