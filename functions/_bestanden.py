"""The two answers every service with result files gives: the gemeente's list of its files and
one file, read from its own folder (`Terugmeldmap`) and audited per person it holds."""

from __future__ import annotations

import azure.functions as func

from functions._http import json_response
from shared.errors import NotFound
from shared.models.rechtmatigheid import SignaalbestandenLijst
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import Doel
from shared.storage.terugmeldmap import Terugmeldmap


def lijst(caller: Caller, map_: Terugmeldmap, doel: Doel, actie: str) -> func.HttpResponse:
    bestanden = map_.lijst(caller.namens)
    audit.access(caller, actie, doel)
    return json_response(SignaalbestandenLijst(bestanden=bestanden))


def lees(
    caller: Caller, map_: Terugmeldmap, doel: Doel, naam: str, actie: str
) -> func.HttpResponse:
    inhoud = map_.lees(caller.namens, naam)
    if inhoud is None:
        raise NotFound("Dit bestand bestaat niet voor de gemeente.")
    audit.personen(caller, actie, doel, map_.personen_in(naam, inhoud))
    audit.access(caller, f"{actie}: {naam}", doel)
    return func.HttpResponse(
        inhoud, status_code=200, mimetype=map_.media_type(naam), charset="utf-8"
    )
