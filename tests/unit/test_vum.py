"""VUM without the network: the contracts as shipped, vumIDs, merging, the party rules, and a
bron whose answer breaks its contract."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from shared import uitgaand
from shared.storingen.adressen import AdresGeweigerd, Bestemming, adressen_van
from shared.validation.organisatie import Soort
from shared.vum import bron, contract, partijen, uitwisseling, vumid
from shared.vum.bron import BronAntwoord
from shared.vum.bronnen import VumBron
from shared.vum.contract import VACATURES

KEY = "k" * 40
A, B = "00000003000000000001", "00000003000000000002"
PARTIJ, ANDERE_PARTIJ = "00000001000000000001", "00000001000000000002"


@pytest.fixture(autouse=True)
def audit_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_HASH_KEY", KEY)


def test_the_contracts_are_the_published_files() -> None:
    herkomst = (contract.CONTRACTEN / "HERKOMST.md").read_text()
    genoemd = dict(re.findall(r"\| `(VUM-[\w-]+\.yaml)` \| `([0-9a-f]{64})` \|", herkomst))
    assert set(genoemd) == {p.name for p in Path(contract.CONTRACTEN).glob("*.yaml")}
    for naam, sha256 in genoemd.items():
        assert hashlib.sha256((contract.CONTRACTEN / naam).read_bytes()).hexdigest() == sha256
    assert "774fdd4ee81095f3583468b2daa6ddcd63f07973" in herkomst


def test_a_vum_id_routes_to_its_bron_for_the_party_it_was_given_to() -> None:
    gegeven = vumid.maak("vacatures", PARTIJ, A, "V-1.2_x")
    assert re.fullmatch(r"[a-zA-Z0-9_.-]{0,500}", gegeven)  # the contract's VumID
    assert vumid.lees("vacatures", PARTIJ, gegeven) == vumid.Verwijzing(A, "V-1.2_x")
    assert vumid.lees("vacatures", ANDERE_PARTIJ, gegeven) is None
    assert vumid.lees("werkzoekendeProfielen", PARTIJ, gegeven) is None
    assert vumid.lees("vacatures", PARTIJ, gegeven.replace(A, B, 1)) is None
    assert vumid.lees("vacatures", PARTIJ, gegeven + "y") is None
    assert vumid.lees("vacatures", PARTIJ, "onzin") is None


def _bron(oin: str, maximum: int = 100) -> VumBron:
    return VumBron(
        id=oin,
        naam=oin,
        basis_url="https://bron.example",
        domeinen=["vacatures"],
        geldig_van=datetime(2026, 1, 1, tzinfo=UTC),
        maximum_aantal_resultaten=maximum,
        verleend_door="test",
        gewijzigd_op=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _match(bron_id: str, postcode: str) -> dict[str, Any]:
    return {"idVacature": bron_id, "adres": {"postcode": postcode}}


def test_merging_drops_repeats_keeps_maxima_and_reports_failures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    antwoorden = {
        A: BronAntwoord(
            A,
            "beantwoord",
            inhoud={
                "maximumAantalResultatenBereikt": False,
                "matches": [_match("1", "1000AA"), _match("1", "1000AA"), _match("2", "2000AA")]
                + [_match(str(n), f"{3000 + n}AA") for n in range(3, 10)],
            },
        ),
        B: BronAntwoord(
            B,
            "beantwoord",
            inhoud={
                "maximumAantalResultatenBereikt": True,
                "matches": [_match("x", "1000AA"), _match("y", "9999ZZ")],
            },
        ),
    }
    monkeypatch.setattr(bron, "zoek", lambda b, *_: antwoorden[b.oin])
    resultaat = uitwisseling.zoek(
        VACATURES, {}, uitwisseling.Partijen(PARTIJ, PARTIJ), True, [_bron(A, 5), _bron(B)]
    )
    verslagen = {v.bron: v for v in resultaat.verslagen}
    assert verslagen[A].aantal == 5
    assert verslagen[A].maximum_bereikt
    assert verslagen[B].aantal == 1
    assert verslagen[B].maximum_bereikt
    assert resultaat.maximum_bereikt
    assert [m["adres"]["postcode"] for m in resultaat.matches] == [
        "1000AA",
        "2000AA",
        "3003AA",
        "3004AA",
        "3005AA",
        "9999ZZ",
    ]
    assert all("idVacature" not in m for m in resultaat.matches)
    assert (
        contract.bron_matches_afwijkingen(
            VACATURES, {"maximumAantalResultatenBereikt": False, "matches": []}
        )
        == []
    )


def test_a_bron_answer_outside_its_contract_is_a_failure_and_passes_nothing_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ongeldig = {"maximumAantalResultatenBereikt": False, "matches": [{"idVacature": "1"}]}
    antwoord = uitgaand.Antwoord(200, {"x-vum-fromparty": A}, json.dumps(ongeldig).encode())
    monkeypatch.setattr(uitgaand, "verstuur", lambda *a, **k: antwoord)
    uitkomst = bron.zoek(_bron(A), VACATURES, {}, PARTIJ, True)
    assert uitkomst.afloop == "mislukt"
    assert uitkomst.reden is not None
    assert "adres" in uitkomst.reden
    assert uitkomst.inhoud is None


def test_an_answer_from_another_party_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    geldig = {"maximumAantalResultatenBereikt": False, "matches": []}
    antwoord = uitgaand.Antwoord(200, {"x-vum-fromparty": B}, json.dumps(geldig).encode())
    monkeypatch.setattr(uitgaand, "verstuur", lambda *a, **k: antwoord)
    assert bron.zoek(_bron(A), VACATURES, {}, PARTIJ, True).reden == (
        "het antwoord noemt een andere afzender"
    )


def test_a_party_asks_only_as_itself_and_only_this_exchange() -> None:
    ons = "00000099000000000000"
    assert partijen.waarom_niet(ons, PARTIJ, ons, PARTIJ) is None
    assert partijen.waarom_niet(ons, ANDERE_PARTIJ, ons, PARTIJ) is not None
    assert partijen.waarom_niet(PARTIJ, PARTIJ, ons, PARTIJ) is not None
    assert partijen.waarom_niet(ons, PARTIJ, ons, None) is not None


def test_gemeenten_and_uwv_are_suwi_parties_others_not() -> None:
    assert partijen.neemt_deel_aan_suwi(Soort.GEMEENTE)
    assert partijen.neemt_deel_aan_suwi(Soort.UWV)
    assert not partijen.neemt_deel_aan_suwi(Soort.GEMANDATEERDE)


@pytest.mark.parametrize(
    ("adres", "prive", "toegestaan"),
    [
        ("10.1.2.3", False, False),
        ("10.1.2.3", True, True),
        ("192.168.1.1", True, True),
        ("127.0.0.1", True, False),
        ("169.254.169.254", True, False),
        ("169.254.1.1", True, False),
        ("8.8.8.8", False, True),
    ],
)
def test_a_private_address_only_for_a_bron_registered_as_private(
    adres: str, prive: bool, toegestaan: bool
) -> None:
    bestemming = Bestemming("bron.diginetwerk.example", 443, "/")
    resolver = lambda host, port: [ipaddress.ip_address(adres)]  # noqa: E731
    if toegestaan:
        assert adressen_van(bestemming, resolver, prive=prive) == [ipaddress.ip_address(adres)]
    else:
        with pytest.raises(AdresGeweigerd):
            adressen_van(bestemming, resolver, prive=prive)
