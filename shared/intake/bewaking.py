"""Deliveries that got stuck: not finished an hour after their last change.

A claim is abandoned after `CLAIM_TIMEOUT` (30 minutes) and taken over on the trigger's
next attempt; a delivery still unfinished after an hour was not retried at all. The
count goes to the operators' alert as the event `aanleveringen vastgelopen`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.models.aanlevering import Status
from shared.models.base import ApiModel
from shared.storage.aanleveringen import AanleveringRepository
from shared.telemetrie import gebeurtenis

VASTGELOPEN_NA = timedelta(hours=1)


class Vastgelopen(ApiModel):
    sinds: datetime
    aantal: int
    aanleveringen: list[str]
    """Their ids (no names: a file name may carry personal data)."""


def vastgelopen(moment: datetime) -> Vastgelopen:
    sinds = moment - VASTGELOPEN_NA
    found = AanleveringRepository().all(
        "SELECT * FROM c WHERE (c.status = @o OR c.status = @b) AND c.bijgewerkt < @s",
        {
            "@o": Status.ONTVANGEN.value,
            "@b": Status.IN_BEHANDELING.value,
            "@s": f"{sinds:%Y-%m-%dT%H:%M:%S}Z",
        },
        partition=None,
    )
    ids = [a.id for a in found]
    gebeurtenis("aanleveringen vastgelopen", aantal=len(ids))
    return Vastgelopen(sinds=sinds, aantal=len(ids), aanleveringen=ids)
