"""The catalogue decides which kinds of organisation use which service, and what a mandate
can cover: the matrix organisation kind x service x mandate, generated from it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from shared.models.toegang import (
    Aansluiting,
    DoorstroompuntRegio,
    Koppeling,
    Mandaat,
    MandaatDienst,
    Organisatie,
)
from shared.security.access import SYSTEEM, Dienstgebruik, Mandant, Refused, decide
from shared.security.diensten import (
    CATALOGUS,
    KWIJTSCHELDING_BELEID,
    RECHTMATIGHEID_CONTROLEREN,
    Doel,
)
from shared.security.tokens import Identity
from shared.validation.organisatie import Soort

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=1)
CODES = {
    Soort.GEMEENTE: "GM0001",
    Soort.WATERSCHAP: "WS0001",
    Soort.DOORSTROOMPUNT: "DP01",
    Soort.GEMANDATEERDE: "MA12345678",
}
MANDATEERBAAR = [d for d in CATALOGUS if d.via_mandaat]


REGIO = DoorstroompuntRegio(
    naam="Regio", contactgemeente="GM0001", gemeenten=["GM0001"], bron="Stcrt. 2025, 34596"
)
MANDANTEN = {
    soort: Organisatie(
        id=code,
        organisatie=code,
        soort=soort,
        naam=code,
        regio=REGIO if soort is Soort.DOORSTROOMPUNT else None,
    )
    for soort, code in CODES.items()
}
"""Who mandates: a Doorstroompunt whose region holds GM0001, a gemeente, a waterschap."""
ANDERE = {Soort.GEMEENTE: "GM0002", Soort.WATERSCHAP: "WS0002", Soort.DOORSTROOMPUNT: "DP02"}
RELATIES = sorted({relatie for d in CATALOGUS for relatie in d.mandaten})
"""(who mandates, who acts for it): every pair the catalogue knows."""


def _aansluiting(organisatie: str, doel: Doel, tot: datetime | None = None) -> Aansluiting:
    return Aansluiting(
        id="x", organisatie=organisatie, dienst=doel.dienst, doel=doel.code, grondslag="test",
        geldig_van=START, geldig_tot=tot, verleend_door="admin", gewijzigd_op=START,
    )  # fmt: skip


def _decide(
    doel: Doel,
    code: str,
    mandaten: list[Mandaat],
    namens: str | None,
    mandant: Organisatie | None = None,
    mandant_verbonden: datetime | None = None,
) -> str:
    """`mandant_verbonden`: when the mandant's own connection ends (None: it does not)."""
    soort = next(s for s, c in CODES.items() if c == code)
    organisatie = Organisatie(id=code, organisatie=code, soort=soort, naam=code, mandaten=mandaten)
    koppeling = Koppeling(
        id="c", client_id="c", organisatie=code, omschrijving="systeem", geldig_van=START,
        verleend_door="admin", gewijzigd_op=START,
    )  # fmt: skip
    identity = Identity(client_id="c", roles=frozenset({SYSTEEM}), subject="c")
    opgeslagen = Mandant(mandant, _aansluiting(namens, doel, mandant_verbonden)) if namens else None
    return decide(
        Dienstgebruik(doel),
        identity,
        NOW,
        koppeling,
        organisatie,
        _aansluiting(code, doel),
        namens,
        opgeslagen,
    ).namens


def _mandaat(*gedekt: Doel, van: str = "GM0001") -> Mandaat:
    return Mandaat(
        gemeente=van,
        geldig_van=START,
        diensten=[MandaatDienst(dienst=d.dienst, doel=d.code) for d in gedekt],
    )


@pytest.mark.parametrize("soort", list(CODES))
@pytest.mark.parametrize("doel", CATALOGUS, ids=lambda d: f"{d.dienst}/{d.code}")
def test_an_organisation_uses_only_the_services_the_catalogue_allows_its_kind(
    doel: Doel, soort: Soort
) -> None:
    code = CODES[soort]
    if soort in doel.soorten:
        assert _decide(doel, code, [], None) == code
    elif soort in doel.gemandateerden:
        with pytest.raises(Refused, match="alleen namens wie haar mandateerde"):
            _decide(doel, code, [], None)
    else:
        with pytest.raises(Refused, match="niet aangesloten"):
            _decide(doel, code, [], None)


@pytest.mark.parametrize("relatie", RELATIES, ids=lambda r: f"{r[1]} namens {r[0]}")
@pytest.mark.parametrize("doel", CATALOGUS, ids=lambda d: f"{d.dienst}/{d.code}")
def test_a_mandated_organisation_acts_for_its_mandant_only_on_what_the_mandate_names(
    doel: Doel, relatie: tuple[Soort, Soort]
) -> None:
    """For every pair the catalogue allows, a mandate covering one service at a time: the
    mandated organisation acts for its mandant on that service only, never for another."""
    mandant_soort, soort = relatie
    mandant, code = MANDANTEN[mandant_soort], CODES[soort]
    for gedekt in (d for d in MANDATEERBAAR if relatie in d.mandaten):
        mandaten = [_mandaat(gedekt, van=mandant.id)]
        if soort not in doel.soorten | doel.gemandateerden:
            with pytest.raises(Refused, match="niet aangesloten"):
                _decide(doel, code, mandaten, mandant.id, mandant)
        elif doel == gedekt:
            assert _decide(doel, code, mandaten, mandant.id, mandant) == mandant.id
        else:
            with pytest.raises(Refused, match=f"geen actief mandaat van {mandant.id}"):
                _decide(doel, code, mandaten, mandant.id, mandant)
        if soort in doel.soorten | doel.gemandateerden:
            ander = ANDERE[mandant_soort]
            with pytest.raises(Refused, match=f"geen actief mandaat van {ander}"):
                _decide(doel, code, mandaten, ander)


@pytest.mark.parametrize("gedekt", MANDATEERBAAR, ids=lambda d: f"{d.dienst}/{d.code}")
@pytest.mark.parametrize("mandant", [Soort.GEMEENTE, Soort.WATERSCHAP, Soort.DOORSTROOMPUNT])
@pytest.mark.parametrize("soort", list(CODES))
def test_an_organisation_holds_only_a_mandate_the_catalogue_allows_its_kind(
    soort: Soort, mandant: Soort, gedekt: Doel
) -> None:
    """An agency is mandated by gemeenten and waterschappen, a gemeente by a Doorstroompunt."""

    def organisatie() -> Organisatie:
        code = CODES[soort]
        return Organisatie(
            id=code, organisatie=code, soort=soort, naam=code,
            mandaten=[_mandaat(gedekt, van=ANDERE[mandant])],
        )  # fmt: skip

    if (mandant, soort) in gedekt.mandaten:
        assert organisatie().mandaten
    else:
        with pytest.raises(ValidationError, match=f"een {soort} handelt niet namens een {mandant}"):
            organisatie()


def test_a_gemeente_acts_for_its_doorstroompunt_only_while_it_belongs_to_the_region() -> None:
    from shared.security.diensten import VSV_VOLGEN

    mandaten = [_mandaat(VSV_VOLGEN, van="DP01")]
    assert _decide(VSV_VOLGEN, "GM0001", mandaten, "DP01", MANDANTEN[Soort.DOORSTROOMPUNT]) == (
        "DP01"
    )
    anders = REGIO.model_copy(update={"gemeenten": ["GM0002"], "contactgemeente": "GM0002"})
    verlaten = MANDANTEN[Soort.DOORSTROOMPUNT].model_copy(update={"regio": anders})
    with pytest.raises(Refused, match="GM0001 hoort niet \\(meer\\) bij de regio van DP01"):
        _decide(VSV_VOLGEN, "GM0001", mandaten, "DP01", verlaten)
    with pytest.raises(Refused, match="hoort niet \\(meer\\) bij de regio van DP01"):
        _decide(VSV_VOLGEN, "GM0001", mandaten, "DP01", None)  # the Doorstroompunt is gone


@pytest.mark.parametrize("relatie", RELATIES, ids=lambda r: f"{r[1]} namens {r[0]}")
def test_a_mandate_holds_only_while_the_mandant_itself_is_connected(
    relatie: tuple[Soort, Soort],
) -> None:
    """A mandate passes on the mandant's own right: once its connection has ended, nobody
    acts for it (as the file channel already refuses a folder of an unconnected one)."""
    mandant_soort, soort = relatie
    mandant, code = MANDANTEN[mandant_soort], CODES[soort]
    doel = next(d for d in MANDATEERBAAR if relatie in d.mandaten)
    mandaten = [_mandaat(doel, van=mandant.id)]
    eindigt = NOW + timedelta(seconds=1)
    assert _decide(doel, code, mandaten, mandant.id, mandant, eindigt) == mandant.id
    with pytest.raises(Refused, match=f"{mandant.id} is niet \\(meer\\) aangesloten"):
        _decide(doel, code, mandaten, mandant.id, mandant, NOW)


@pytest.mark.parametrize("doel", [KWIJTSCHELDING_BELEID, RECHTMATIGHEID_CONTROLEREN])
def test_a_mandate_cannot_cover_a_gemeentes_policy_or_its_fraud_signals(doel: Doel) -> None:
    with pytest.raises(ValidationError, match="gaat niet via een mandaat"):
        _mandaat(doel)


def test_a_mandate_names_at_least_one_service() -> None:
    with pytest.raises(ValidationError, match="diensten"):
        Mandaat(gemeente="GM0001", geldig_van=START, diensten=[])


def test_a_gemeente_is_never_acted_for_on_its_policy_even_by_its_own_kind() -> None:
    with pytest.raises(Refused, match="geen actief mandaat van GM0002"):
        _decide(KWIJTSCHELDING_BELEID, "GM0001", [], "GM0002")


def test_a_right_revoked_before_it_started_is_stored_as_an_empty_period() -> None:
    empty = Aansluiting(
        id="x", organisatie="GM0001", dienst="aanleveringen", doel="volgen", grondslag="t",
        geldig_van=NOW, geldig_tot=NOW, verleend_door="admin", gewijzigd_op=NOW,
    )  # fmt: skip
    assert not empty.is_actief(NOW)
    with pytest.raises(ValidationError, match="geldigTot moet na geldigVan liggen"):
        Mandaat(
            gemeente="GM0001",
            geldig_van=NOW,
            geldig_tot=NOW,
            diensten=[MandaatDienst(dienst="aanleveringen", doel="volgen")],
        )


def test_a_caller_acting_under_a_mandate_knows_which_services_it_covers() -> None:
    from shared.security.diensten import AANLEVERINGEN_VOLGEN, PROEFAANLEVERING_TESTEN

    agency = CODES[Soort.GEMANDATEERDE]
    organisatie = Organisatie(
        id=agency, organisatie=agency, soort=Soort.GEMANDATEERDE, naam=agency,
        mandaten=[_mandaat(AANLEVERINGEN_VOLGEN, PROEFAANLEVERING_TESTEN)],
    )  # fmt: skip
    koppeling = Koppeling(
        id="c", client_id="c", organisatie=agency, omschrijving="systeem", geldig_van=START,
        verleend_door="admin", gewijzigd_op=START,
    )  # fmt: skip
    aansluiting = Aansluiting(
        id="x", organisatie=agency, dienst="aanleveringen", doel="volgen", grondslag="test",
        geldig_van=START, verleend_door="admin", gewijzigd_op=START,
    )  # fmt: skip
    identity = Identity(client_id="c", roles=frozenset({SYSTEEM}), subject="c")
    volgen = Dienstgebruik(AANLEVERINGEN_VOLGEN)
    verbonden = Mandant(None, _aansluiting("GM0001", AANLEVERINGEN_VOLGEN))
    namens = decide(volgen, identity, NOW, koppeling, organisatie, aansluiting, "GM0001", verbonden)
    assert namens.mandaatdiensten == frozenset({"aanleveringen", "proefaanlevering"})
    zelf = decide(volgen, identity, NOW, koppeling, organisatie, aansluiting, None)
    assert zelf.mandaatdiensten is None


def _regio(**anders: object) -> dict[str, object]:
    return {
        "naam": "Regio",
        "contactgemeente": "GM0363",
        "gemeenten": ["GM0363", "GM0344"],
        "bron": "Stcrt. 2025, 34596",
        **anders,
    }


def test_only_a_doorstroompunt_has_a_region_with_its_contactgemeente_in_it() -> None:
    dp = Organisatie(
        id="DP01", organisatie="DP01", soort=Soort.DOORSTROOMPUNT, naam="DP", regio=_regio()
    )
    assert dp.regio is not None
    assert dp.regio.gemeenten == ["GM0363", "GM0344"]
    with pytest.raises(ValidationError, match="alleen een doorstroompunt heeft een regio"):
        Organisatie(
            id="GM0001", organisatie="GM0001", soort=Soort.GEMEENTE, naam="G", regio=_regio()
        )
    with pytest.raises(ValidationError, match="contactgemeente hoort bij de gemeenten"):
        DoorstroompuntRegio.model_validate(_regio(contactgemeente="GM0518"))
    with pytest.raises(ValidationError, match="meer dan eens"):
        DoorstroompuntRegio.model_validate(_regio(gemeenten=["GM0363", "GM0363"]))
    with pytest.raises(ValidationError):
        DoorstroompuntRegio.model_validate(_regio(gemeenten=["0363"]))
