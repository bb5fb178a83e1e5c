"""Inzage: what the sources hold on one person, for that person's own request (operators)."""

from __future__ import annotations

import azure.functions as func

from functions._http import endpoint, json_response, parse_body
from shared.bronnen.raadplegen import Bronnen
from shared.models.inzage import BronStand, PersoonBronnen, PersoonVraag
from shared.security import audit
from shared.security.access import INZAGE_VERZOEK, Caller
from shared.security.diensten import INZAGEVERZOEK

bp = func.Blueprint()


@endpoint(
    bp,
    route="v1/inzage/bronnen",
    method="POST",
    summary="Alles wat de bronnen over één persoon bevatten op een peildatum (inzageverzoek).",
    tag="Inzage",
    access=INZAGE_VERZOEK,
    response_model=PersoonBronnen,
    body_model=PersoonVraag,
    problems=(400,),
)
def bronnen_van_persoon(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    vraag = parse_body(req, PersoonVraag)
    audit.access(caller, "bronnen opvragen", INZAGEVERZOEK, bsn=vraag.bsn)
    standen = Bronnen().persoon(vraag.bsn, vraag.peildatum)
    return json_response(
        PersoonBronnen(
            peildatum=vraag.peildatum,
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
