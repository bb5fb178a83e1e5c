"""Wlz–Wmo samenloop: the Wlz-registertoets and the daily Wlz-signalen (`shared.ggk.wlz`)."""

from __future__ import annotations

from datetime import UTC, datetime

import azure.functions as func

from functions._http import endpoint, json_response
from shared.ggk import wlz
from shared.models.wlz import Registertoets, RegistertoetsUitkomst, WlzSignalen
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import WLZ_SAMENLOOP

bp = func.Blueprint()
TAG = "Wlz"
SAMENLOOP = Dienstgebruik(WLZ_SAMENLOOP, persoonsgegevens=True)


@endpoint(
    bp,
    route="v1/wlz/registertoets",
    method="POST",
    summary="Heeft deze inwoner op de peildatum een Wlz-indicatie in het Wlz-register (CIZ)?",
    tag=TAG,
    access=SAMENLOOP,
    response_model=RegistertoetsUitkomst,
    problems=(422,),
)
def registertoets(req: func.HttpRequest, caller: Caller, body: Registertoets) -> func.HttpResponse:
    return json_response(wlz.registertoets(caller, body.bsn, body.peildatum))


@endpoint(
    bp,
    route="v1/wlz/signalen",
    method="GET",
    summary=(
        "De Wlz-signalen van de gemeente: inwoners met een Wmo-toewijzing (WMO301 via het "
        "GGk) en een Wlz-indicatie, één per indicatie."
    ),
    tag=TAG,
    access=SAMENLOOP,
    response_model=WlzSignalen,
)
def signalen(req: func.HttpRequest, caller: Caller) -> func.HttpResponse:
    return json_response(WlzSignalen(signalen=wlz.Signalen().van(caller)))


@bp.timer_trigger(arg_name="timer", schedule="0 0 5 * * *", run_on_startup=False)
def wlz_signalering(timer: func.TimerRequest) -> None:
    """Daily, after the CIZ register's daily delivery: the Wmo toewijzingen against it."""
    wlz.Signalen().signaleer(datetime.now(UTC).date())
