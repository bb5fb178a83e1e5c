"""The access decision: binding, role, connection, mandate, each at the moment of the request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.models.toegang import Aansluiting, Koppeling, Mandaat, MandaatDienst, Organisatie
from shared.security.access import (
    AUTORISATIEBEHEER,
    BEHEER,
    INZAGE,
    INZAGE_VERZOEK,
    LEZEN,
    SYSTEEM,
    WIJZIGEN,
    Dienstgebruik,
    Mandant,
    Refused,
    decide,
)
from shared.security.diensten import AANLEVERINGEN_VOLGEN
from shared.security.tokens import Identity
from shared.validation.organisatie import Soort

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
START = NOW - timedelta(days=30)
VOLGEN = Dienstgebruik(AANLEVERINGEN_VOLGEN)


def identity(*roles: str) -> Identity:
    return Identity(client_id="client-a", roles=frozenset(roles), subject="client-a")


def koppeling(organisatie: str, tot: datetime | None = None) -> Koppeling:
    return Koppeling(
        id="client-a", client_id="client-a", organisatie=organisatie, omschrijving="systeem",
        geldig_van=START, geldig_tot=tot, verleend_door="admin", gewijzigd_op=START,
    )  # fmt: skip


def organisatie(code: str, soort: Soort, mandaten: list[Mandaat] | None = None) -> Organisatie:
    return Organisatie(id=code, organisatie=code, soort=soort, naam=code, mandaten=mandaten or [])


def aansluiting(organisatie_: str, tot: datetime | None = None) -> Aansluiting:
    return Aansluiting(
        id="x", organisatie=organisatie_, dienst="aanleveringen", doel="volgen",
        grondslag="test", geldig_van=START, geldig_tot=tot, verleend_door="admin",
        gewijzigd_op=START,
    )  # fmt: skip


GEMEENTE = organisatie("GM0001", Soort.GEMEENTE)


def test_a_connected_system_acts_for_its_own_organisation() -> None:
    caller = decide(
        VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), GEMEENTE, aansluiting("GM0001"), None
    )
    assert (caller.organisatie, caller.namens) == ("GM0001", "GM0001")


def test_a_connection_ended_a_second_ago_no_longer_works() -> None:
    ended = aansluiting("GM0001", tot=NOW - timedelta(seconds=1))
    with pytest.raises(Refused, match="geen actieve aansluiting"):
        decide(VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), GEMEENTE, ended, None)


def test_a_connection_ending_exactly_now_has_ended() -> None:
    ends_now = aansluiting("GM0001", tot=NOW)
    with pytest.raises(Refused):
        decide(VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), GEMEENTE, ends_now, None)


def test_a_client_whose_binding_ended_is_refused_whatever_its_token_says() -> None:
    ended = koppeling("GM0001", tot=NOW - timedelta(minutes=1))
    with pytest.raises(Refused, match="niet \\(meer\\) aan een organisatie gekoppeld"):
        decide(VOLGEN, identity(SYSTEEM), NOW, ended, GEMEENTE, aansluiting("GM0001"), None)


def test_a_system_without_the_systeem_role_is_refused() -> None:
    with pytest.raises(Refused, match="rol systeem ontbreekt"):
        decide(VOLGEN, identity(), NOW, koppeling("GM0001"), GEMEENTE, aansluiting("GM0001"), None)


def test_another_organisations_connection_does_not_count() -> None:
    with pytest.raises(Refused):
        decide(
            VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), GEMEENTE, aansluiting("GM0002"),
            None,
        )  # fmt: skip


def test_a_gemeente_cannot_act_for_another_gemeente() -> None:
    with pytest.raises(Refused, match="geen actief mandaat van GM0002"):
        decide(
            VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), GEMEENTE, aansluiting("GM0001"),
            "GM0002",
        )  # fmt: skip


def agency(mandaat_tot: datetime | None) -> Organisatie:
    mandaat = Mandaat(
        gemeente="GM0001",
        geldig_van=START,
        geldig_tot=mandaat_tot,
        diensten=[MandaatDienst(dienst="aanleveringen", doel="volgen")],
    )
    return organisatie("MA12345678", Soort.GEMANDATEERDE, [mandaat])


def test_a_mandated_agency_acts_for_the_gemeente_while_the_mandate_lasts() -> None:
    caller = decide(
        VOLGEN, identity(SYSTEEM), NOW, koppeling("MA12345678"), agency(None),
        aansluiting("MA12345678"), "GM0001", Mandant(GEMEENTE, aansluiting("GM0001")),
    )  # fmt: skip
    assert (caller.organisatie, caller.namens) == ("MA12345678", "GM0001")


def test_a_mandated_agency_is_refused_once_the_mandate_ended() -> None:
    with pytest.raises(Refused, match="mandaat"):
        decide(
            VOLGEN, identity(SYSTEEM), NOW, koppeling("MA12345678"),
            agency(NOW - timedelta(seconds=1)), aansluiting("MA12345678"), "GM0001",
            Mandant(GEMEENTE, aansluiting("GM0001")),
        )  # fmt: skip


def test_beheer_reads_but_only_autorisatiebeheer_changes() -> None:
    bureau = organisatie("IB0001", Soort.BUREAU)
    decide(LEZEN, identity(BEHEER), NOW, koppeling("IB0001"), bureau, None, None)
    with pytest.raises(Refused, match="autorisatiebeheer"):
        decide(WIJZIGEN, identity(BEHEER), NOW, koppeling("IB0001"), bureau, None, None)
    decide(
        WIJZIGEN, identity(AUTORISATIEBEHEER), NOW, koppeling("IB0001"), bureau,
        None, None,
    )  # fmt: skip


def test_an_operator_role_outside_the_bureau_gives_no_operator_access() -> None:
    with pytest.raises(Refused, match="voorbehouden aan het bureau"):
        decide(LEZEN, identity(AUTORISATIEBEHEER), NOW, koppeling("GM0001"), GEMEENTE, None, None)


def test_a_client_bound_to_an_unknown_organisation_is_refused() -> None:
    with pytest.raises(Refused, match="bestaat niet"):
        decide(VOLGEN, identity(SYSTEEM), NOW, koppeling("GM0001"), None, None, None)


def test_inzage_is_a_role_of_its_own() -> None:
    bureau = organisatie("IB0001", Soort.BUREAU)
    decide(INZAGE_VERZOEK, identity(INZAGE), NOW, koppeling("IB0001"), bureau, None, None)
    for other in (BEHEER, AUTORISATIEBEHEER):
        with pytest.raises(Refused, match="rol inzage ontbreekt"):
            decide(INZAGE_VERZOEK, identity(other), NOW, koppeling("IB0001"), bureau, None, None)
