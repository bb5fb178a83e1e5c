"""Parameter sets in the store: provisioned from the code, corrected by two operators, and
what a correction of a set in force does to the calculations made with it."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from shared.bvv.berekeningen import Berekeningen, BerekeningRepository
from shared.errors import Forbidden, NietToegestaan, PreconditionFailed
from shared.models.bvv import BerekeningVerzoek
from shared.models.parametersets import ParametersetVoorstel, Status
from shared.parametersets.beheer import Parametersetbeheer
from shared.parametersets.opslag import ParametersetRepository, vastgestelde_sets
from shared.rules.bvv.formule import Leefsituatie
from shared.rules.parameters import BESLAGVRIJE_VOET, uit_code
from shared.security.access import (
    PARAMETERSETS_VASTSTELLEN,
    PARAMETERSETS_VOORSTELLEN,
    SYSTEEM,
    Caller,
    Dienstgebruik,
)
from shared.security.diensten import BVV_BEREKENEN
from shared.security.tokens import Identity
from shared.storage import clients
from shared.storage.containers import BlobContainers

pytestmark = pytest.mark.integration

JAN = date(2026, 1, 1)


def operator(rol: str) -> Caller:
    client = f"{rol}-{uuid.uuid4()}"
    toegang = PARAMETERSETS_VOORSTELLEN if rol == "voorstel" else PARAMETERSETS_VASTSTELLEN
    return Caller(Identity(client, frozenset(), client), "IB0001", "IB0001", toegang)


def voorstel(**gewijzigd: str) -> tuple[ParametersetVoorstel, str]:
    """The initial BVV set of 1 January 2026 with changed values, and the ETag of the newest
    version of that set (a proposal replaces it)."""
    document, _ = Parametersetbeheer().lees(BESLAGVRIJE_VOET.naam, JAN, versie=1)
    _, etag = Parametersetbeheer().lees(BESLAGVRIJE_VOET.naam, JAN)
    parameters = {
        naam: p.model_copy(update={"waarde": Decimal(gewijzigd[naam])}) if naam in gewijzigd else p
        for naam, p in document.parameters.items()
    }
    body = ParametersetVoorstel(bron="correctie (test)", parameters=parameters)
    return body, etag


def test_the_store_starts_with_the_codes_sets(app_settings: dict[str, str]) -> None:
    vastgestelde_sets.vergeet()
    stored = vastgestelde_sets()
    for regeling, sets in uit_code().sets.items():
        assert [s.ingangsdatum for s in stored.sets[regeling]] == [s.ingangsdatum for s in sets]
        assert stored.sets[regeling][-1].waarden == sets[-1].waarden
        assert stored.sets[regeling][-1].onbekend == sets[-1].onbekend


def test_a_set_whose_maxima_the_formula_does_not_give_is_not_approved(
    app_settings: dict[str, str],
) -> None:
    body, etag = voorstel(maximum_alleenstaande="1551.51")  # one cent above the published one
    beheer = Parametersetbeheer()
    _, voorgesteld = beheer.stel_voor(operator("voorstel"), BESLAGVRIJE_VOET, JAN, body, etag)
    with pytest.raises(NietToegestaan) as refused:
        beheer.stel_vast(operator("vaststelling"), BESLAGVRIJE_VOET, JAN, voorgesteld)
    assert refused.value.invalid_params is not None
    assert "maximum_alleenstaande" in refused.value.invalid_params[0].reason
    # withdrawn by a new proposal, so the later tests start from the approved set again
    herstel, etag = voorstel()
    beheer.stel_voor(operator("voorstel"), BESLAGVRIJE_VOET, JAN, herstel, etag)


def test_a_correction_of_the_set_in_force_recalculates_what_was_made_with_it(
    app_settings: dict[str, str],
) -> None:
    organisatie = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    gemeente = Caller(
        Identity("client", frozenset({SYSTEEM}), "client"),
        organisatie,
        organisatie,
        Dienstgebruik(BVV_BEREKENEN),
    )
    verzoek = BerekeningVerzoek(
        peildatum=date(2026, 3, 1),
        leefsituatie=Leefsituatie.ALLEENSTAANDE,
        woonadres_in_nederland=True,
        belastbaar_jaarinkomen=Decimal("30000.00"),
        inkomen_maand=Decimal("2500.00"),
    )
    berekening = Berekeningen().bereken(gemeente, verzoek)
    repository = BerekeningRepository()
    current, etag = repository.get(organisatie, berekening.id)  # type: ignore[misc]
    # as if made with the values before the correction
    repository.replace(
        current.id, current.model_copy(update={"beslagvrije_voet": Decimal("1400.00")}), etag
    )

    beheer = Parametersetbeheer()
    voorsteller, vaststeller = operator("voorstel"), operator("vaststelling")
    body, etag = voorstel()
    _, voorgesteld = beheer.stel_voor(voorsteller, BESLAGVRIJE_VOET, JAN, body, etag)
    with pytest.raises(Forbidden):
        beheer.stel_vast(
            Caller(voorsteller.identity, "IB0001", "IB0001", PARAMETERSETS_VASTSTELLEN),
            BESLAGVRIJE_VOET,
            JAN,
            voorgesteld,
        )
    with pytest.raises(PreconditionFailed):
        beheer.stel_vast(vaststeller, BESLAGVRIJE_VOET, JAN, "een oude versie")
    vastgesteld, _ = beheer.stel_vast(vaststeller, BESLAGVRIJE_VOET, JAN, voorgesteld)
    assert vastgesteld.status is Status.VASTGESTELD
    versies = ParametersetRepository().versies(BESLAGVRIJE_VOET.naam, JAN)
    assert [v.status for v in versies].count(Status.VASTGESTELD) == 1
    assert versies[0].status is Status.INGETROKKEN  # the initial set, replaced
    opdrachten = clients.blob_service().get_container_client(BlobContainers.TAKEN)
    assert any(b.name.startswith("herberekeningen/opdrachten/") for b in opdrachten.list_blobs())

    result = Berekeningen().herbereken(JAN)  # what the job's order runs
    assert result.gewijzigd >= 1
    updated, _ = repository.get(organisatie, berekening.id)  # type: ignore[misc]
    assert updated.beslagvrije_voet == Decimal("1482.39")
    assert updated.peildatum == date(2026, 3, 1)  # a correction: on its own date
    assert [h.beslagvrije_voet for h in updated.geschiedenis] == [Decimal("1400.00")]
    assert updated.gewijzigd_door_herberekening
