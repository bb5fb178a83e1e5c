"""A stored calculation holds figures derived from the partner's records (his net income,
their joint taxable income): every read of it, and every recalculation, is on record for him
too, by the keyed hash the calculation kept of him, never his BSN."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from shared import settings
from shared.bvv.berekeningen import Berekeningen
from shared.bvv.gegevens import Verzamelaar
from shared.models.bvv import BerekeningVerzoek
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.diensten import BVV_BEREKENEN
from shared.security.pseudonym import bsn_hash
from shared.security.tokens import Identity
from shared.storage.audit import AuditLog
from tests.unit.test_bvv_gegevens import IK, PARTNER, PEIL, Bronnen, brp, loon

pytestmark = pytest.mark.integration


def test_reading_a_calculation_made_with_the_partners_income_is_a_read_of_his_data(
    app_settings: dict[str, str],
) -> None:
    gemeente = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    caller = Caller(
        Identity("c", frozenset({SYSTEEM}), "c"), gemeente, gemeente, Dienstgebruik(BVV_BEREKENEN)
    )
    relatie = {"soort": "partner", "relatie_bsn": PARTNER, "begindatum": "2000-01-01"}
    bronnen = Bronnen(
        {
            IK: {
                "brp-personen": [brp()],
                "brp-relaties": [relatie],
                "uwv-polis": [loon(250000, 50000)],
            },
            PARTNER: {"brp-personen": [brp()], "uwv-polis": [loon(110000, 0)]},
        },
        set(),
    )
    berekeningen = Berekeningen(verzamelaar=Verzamelaar(bronnen))  # type: ignore[arg-type]
    berekening = berekeningen.bereken(caller, BerekeningVerzoek(peildatum=PEIL, bsn=IK))
    assert berekening.invoer.niet_beslagen_inkomen_partner_maand > 0
    assert berekeningen.lees(caller, berekening.id) == berekening
    berekeningen.herbereken(date(2026, 7, 1))  # recomputes every calculation still valid
    key = settings.audit_hash_key()
    for bsn in (IK, PARTNER):
        acties = [
            r.actie for r in AuditLog().of_person(bsn_hash(bsn, key)) if r.organisatie == gemeente
        ]
        assert {"beslagvrije voet lezen", "beslagvrije voet herberekend"} <= set(acties), bsn
