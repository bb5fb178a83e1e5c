"""Stuck deliveries: unfinished an hour after their last change, counted for the alert."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.intake.bewaking import vastgelopen
from shared.models.aanlevering import Aanlevering, Status
from shared.storage.aanleveringen import AanleveringRepository

pytestmark = pytest.mark.integration


def delivery(status: Status, bijgewerkt: datetime) -> Aanlevering:
    return Aanlevering(
        id=uuid.uuid4().hex,
        organisatie="GM0981",
        dienst="proefaanlevering",
        bestandsnaam="a.csv",
        blobpad="aanleveringen/proefaanlevering/GM0981/a.csv",
        inhoud_hash="0" * 64,
        grootte=1,
        status=status,
        ontvangen=bijgewerkt,
        bijgewerkt=bijgewerkt,
        correlatie_id="c",
    )


def test_only_unfinished_deliveries_older_than_an_hour_count(app_settings: dict[str, str]) -> None:
    now = datetime.now(UTC)
    repository = AanleveringRepository()
    stuck = [
        delivery(Status.IN_BEHANDELING, now - timedelta(hours=2)),
        delivery(Status.ONTVANGEN, now - timedelta(minutes=61)),
    ]
    fine = [
        delivery(Status.IN_BEHANDELING, now - timedelta(minutes=20)),
        delivery(Status.VERWERKT, now - timedelta(days=1)),
        delivery(Status.AFGEWEZEN, now - timedelta(hours=3)),
    ]
    for aanlevering in stuck + fine:
        repository.create(aanlevering)
    result = vastgelopen(now)
    assert {a.id for a in stuck} <= set(result.aanleveringen)
    assert not {a.id for a in fine} & set(result.aanleveringen)
    assert result.aantal == len(result.aanleveringen)
