"""Bewaking: what the operators' alerts watch that no platform metric shows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import azure.functions as func

from functions._http import endpoint, json_response
from shared.intake.bewaking import Vastgelopen, vastgelopen
from shared.security.access import LEZEN, Caller

bp = func.Blueprint()
log = logging.getLogger(__name__)


@bp.timer_trigger(arg_name="timer", schedule="0 */15 * * * *", run_on_startup=False)
def bewaking(timer: func.TimerRequest) -> None:
    result = vastgelopen(datetime.now(UTC))
    if result.aantal:
        log.warning("%d aanleveringen vastgelopen sinds %s", result.aantal, result.sinds)


@endpoint(
    bp,
    route="v1/bewaking/vastgelopen-aanleveringen",
    method="GET",
    summary="Aanleveringen die een uur na hun laatste wijziging nog niet klaar zijn.",
    tag="Beheer",
    access=LEZEN,
    response_model=Vastgelopen,
)
def vastgelopen_aanleveringen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(vastgelopen(datetime.now(UTC)))
