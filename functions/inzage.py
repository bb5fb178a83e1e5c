"""Inzage: what the sources hold on one person, for that person's own request (operators),
and, for a resident himself, who used his data (the usage view of a citizen portal)."""

from __future__ import annotations

import azure.functions as func

from functions._http import endpoint, json_response
from shared.bronnen.raadplegen import Bronnen
from shared.models.inzage import BronStand, PersoonBronnen, PersoonVraag
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
                    records=[r.model_dump(mode="json", exclude={"bsn"}) for r in s.records],
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
