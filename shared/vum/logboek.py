"""The log of VUM exchanges: per asking party and purpose, who asked, which bronnen answered,
how many results, how long. Never the vacancies or profiles: they live only in the request.

One document per exchange in `vumuitwisselingen` (partition: the asking organisation), kept two
years (`shared.storage.containers.VUM_UITWISSELINGEN`); the same facts go to the telemetry as one
log line, for the operators' dashboards and alerts.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel
from shared.storage.containers import VUM_UITWISSELINGEN
from shared.storage.documents import DocumentRepository
from shared.vum.uitwisseling import Verslag

log = logging.getLogger(__name__)

Soort = Literal["zoekvraag", "detail"]


class BronVerslag(ApiModel):
    bron: str
    afloop: str
    reden: str | None = None
    aantal: int
    maximum_bereikt: bool
    duur_ms: int


class Uitwisseling(ApiModel):
    id: str = Field(description="The vraagID of a search, a fresh id for a detail request.")
    organisatie: str
    client_id: str
    dienst: str
    doel: str
    soort: Soort
    van: str = Field(description="X-VUM-fromParty: the asking verwerkingsverantwoordelijke.")
    via: str = Field(max_length=100, description="X-VUM-viaParty: its verwerker.")
    moment: AwareDatetime
    duur_ms: int
    aantal: int
    bronnen: list[BronVerslag]


def schrijf(
    *,
    id: str,
    organisatie: str,
    client_id: str,
    dienst: str,
    doel: str,
    soort: Soort,
    van: str,
    via: str,
    moment: datetime,
    duur_ms: int,
    verslagen: list[Verslag],
) -> Uitwisseling:
    uitwisseling = Uitwisseling(
        id=id,
        organisatie=organisatie,
        client_id=client_id,
        dienst=dienst,
        doel=doel,
        soort=soort,
        van=van,
        via=via[:100],
        moment=moment,
        duur_ms=duur_ms,
        aantal=sum(v.aantal for v in verslagen),
        bronnen=[
            BronVerslag(
                bron=v.bron,
                afloop=v.afloop,
                reden=v.reden,
                aantal=v.aantal,
                maximum_bereikt=v.maximum_bereikt,
                duur_ms=v.duur_ms,
            )
            for v in verslagen
        ],
    )
    DocumentRepository(VUM_UITWISSELINGEN, Uitwisseling).create(uitwisseling)
    mislukt = [v.bron for v in verslagen if v.afloop == "mislukt"]
    log.info(
        "vum %s %s door %s: %d resultaten van %d bronnen in %d ms; mislukt: %s",
        soort,
        doel,
        organisatie,
        uitwisseling.aantal,
        len(verslagen),
        duur_ms,
        ", ".join(mislukt) or "geen",
    )
    return uitwisseling
