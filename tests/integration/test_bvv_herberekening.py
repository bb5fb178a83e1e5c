"""Recalculation of stored beslagvrije voeten when new amounts take effect."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from shared.bvv.berekeningen import Berekeningen, BerekeningRepository
from shared.models.bvv import BerekeningVerzoek
from shared.rules.bvv.formule import Leefsituatie
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.diensten import BVV_BEREKENEN
from shared.security.tokens import Identity

pytestmark = pytest.mark.integration


@pytest.fixture
def caller(app_settings: dict[str, str]) -> Caller:
    organisatie = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    identity = Identity("client", frozenset({SYSTEEM}), "client")
    return Caller(identity, organisatie, organisatie, Dienstgebruik(BVV_BEREKENEN))


def verzoek() -> BerekeningVerzoek:
    return BerekeningVerzoek(
        peildatum=date(2026, 3, 1),
        leefsituatie=Leefsituatie.ALLEENSTAANDE,
        woonadres_in_nederland=True,
        belastbaar_jaarinkomen=Decimal("30000.00"),
        inkomen_maand=Decimal("2500.00"),
    )


def test_a_recalculation_with_the_same_amounts_changes_nothing(caller: Caller) -> None:
    berekening = Berekeningen().bereken(caller, verzoek())
    result = Berekeningen().herbereken(date(2026, 4, 1))
    assert result.bekeken >= 1
    stored = BerekeningRepository().get(caller.namens, berekening.id)
    assert stored is not None
    assert stored[0].geschiedenis == []
    assert stored[0].beslagvrije_voet == Decimal("1482.39")


def test_a_changed_outcome_is_kept_in_the_history_and_marked(caller: Caller) -> None:
    berekening = Berekeningen().bereken(caller, verzoek())
    repository = BerekeningRepository()
    current, etag = repository.get(caller.namens, berekening.id)  # type: ignore[misc]
    outdated = current.model_copy(update={"beslagvrije_voet": Decimal("1400.00")})
    repository.replace(current.id, outdated, etag)  # as if made with earlier amounts

    result = Berekeningen().herbereken(date(2026, 4, 1))
    assert result.gewijzigd >= 1
    updated, _ = repository.get(caller.namens, berekening.id)  # type: ignore[misc]
    assert updated.beslagvrije_voet == Decimal("1482.39")
    assert updated.peildatum == date(2026, 4, 1)
    assert [h.beslagvrije_voet for h in updated.geschiedenis] == [Decimal("1400.00")]
    assert updated.gewijzigd_door_herberekening


def test_unknown_new_amounts_leave_every_calculation_as_it_was(caller: Caller) -> None:
    berekening = Berekeningen().bereken(caller, verzoek())
    result = Berekeningen().herbereken(date(2026, 7, 1))
    assert result.niet_mogelijk >= 1
    assert result.reden_niet_mogelijk is not None
    assert "maximum_alleenstaande" in result.reden_niet_mogelijk
    stored, _ = BerekeningRepository().get(caller.namens, berekening.id)  # type: ignore[misc]
    assert stored.peildatum == date(2026, 3, 1)
    assert stored.geschiedenis == []
