"""Which webhook addresses the platform calls (shared.storingen.adressen), and the local
allowance for test receivers (shared.settings.storingen_test); no network: resolvers are
injected."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from shared import settings
from shared.models.storing import Abonnement, AbonnementAanvraag, Bezorging
from shared.settings import UnsafeSetting
from shared.storingen import meldingen
from shared.storingen.adressen import AdresGeweigerd, IPAdres, controleer
from shared.storingen.verzenden import Uitkomst


def nooit(host: str, port: int) -> list[IPAdres]:
    raise AssertionError(f"{host} had niet opgezocht mogen worden")


def wijst_naar(*adressen: str) -> Any:
    return lambda host, port: [ipaddress.ip_address(a) for a in adressen]


@pytest.mark.parametrize(
    ("url", "reden"),
    [
        ("https://127.0.0.1/storingen", "127.0.0.1 is een loopback-adres"),
        ("https://127.1.2.3:8443/", "127.1.2.3 is een loopback-adres"),
        ("https://10.0.0.1/", "10.0.0.1 is een privé-adres"),
        ("https://192.168.1.10/", "192.168.1.10 is een privé-adres"),
        ("https://172.16.0.1/", "172.16.0.1 is een privé-adres"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is een metadata-adres"),
        ("https://169.254.1.1/", "169.254.1.1 is een link-local adres"),
        ("https://168.63.129.16/", "168.63.129.16 is een metadata-adres"),
        ("https://100.64.0.1/", "100.64.0.1 is geen publiek adres"),
        ("https://0.0.0.0/", "0.0.0.0 is een onbepaald adres"),
        ("https://224.0.0.1/", "224.0.0.1 is een multicast-adres"),
        ("https://240.0.0.1/", "240.0.0.1 is een gereserveerd adres"),
        ("https://metadata.google.internal/computeMetadata/v1/", "is een metadatadienst"),
        ("https://instance-data/", "is een metadatadienst"),
        ("https://localhost/", "localhost is geen publieke naam"),
        ("https://db.internal/", "db.internal is geen publieke naam"),
        ("https://printer.local/", "printer.local is geen publieke naam"),
        ("http://ontvanger.example/", "een abonnement vraagt een https-adres"),
        ("ftp://ontvanger.example/", "een abonnement vraagt een https-adres"),
        ("https://gebruiker:geheim@ontvanger.example/", "gebruikersnaam of wachtwoord"),
        ("https://gebruiker@ontvanger.example/", "gebruikersnaam of wachtwoord"),
        ("https:///pad", "het adres noemt geen host"),
        ("https://ontvanger.example:99999/", "dit is geen geldig adres"),
    ],
)
def test_an_address_that_is_not_public_https_is_refused_without_resolving(
    url: str, reden: str
) -> None:
    with pytest.raises(AdresGeweigerd) as geweigerd:
        controleer(url, nooit)
    assert reden in geweigerd.value.reden


@pytest.mark.parametrize(
    ("adres", "reden"),
    [
        ("::1", "::1 is een loopback-adres"),
        ("fd00:ec2::254", "fd00:ec2::254 is een metadata-adres"),
        ("::", ":: is een onbepaald adres"),
        ("ff02::1", "ff02::1 is een multicast-adres"),
        ("fe80::1", "fe80::1 is een link-local adres"),
        ("fc00::1", "fc00::1 is een privé-adres"),
        ("::ffff:127.0.0.1", "bevat 127.0.0.1: 127.0.0.1 is een loopback-adres"),
        ("::ffff:169.254.169.254", "bevat 169.254.169.254"),
        ("64:ff9b::a00:1", "bevat 10.0.0.1: 10.0.0.1 is een privé-adres"),
        ("2002:a00:1::1", "bevat 10.0.0.1"),
    ],
)
def test_an_ipv6_address_inside_the_platform_is_refused_as_literal_and_as_resolved(
    adres: str, reden: str
) -> None:
    """A literal is refused by its form (the document allows names and IPv4); a name
    resolving to it is refused for where it points."""
    with pytest.raises(AdresGeweigerd, match="geen IPv6-adres"):
        controleer(f"https://[{adres}]/", nooit)
    with pytest.raises(AdresGeweigerd) as geweigerd:
        controleer("https://ontvanger.example/", wijst_naar(adres))
    assert reden in geweigerd.value.reden


@pytest.mark.parametrize(
    "adressen",
    [
        ("10.1.2.3",),
        ("127.0.0.1",),
        ("169.254.169.254",),
        ("::ffff:192.168.0.1",),
        ("fd12:3456::1",),
        ("100.100.100.200",),
        ("93.184.215.14", "192.168.0.1"),  # one public, one private: refused as a whole
    ],
)
def test_a_name_that_resolves_to_a_private_address_is_refused(adressen: tuple[str, ...]) -> None:
    with pytest.raises(AdresGeweigerd) as geweigerd:
        controleer("https://ontvanger.example/storingen", wijst_naar(*adressen))
    assert geweigerd.value.reden.startswith("ontvanger.example wijst naar ")


def test_a_public_https_address_is_accepted_with_its_addresses() -> None:
    resolver = wijst_naar("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert [str(a) for a in controleer("https://ontvanger.example:8443/x?y=1", resolver)] == [
        "93.184.215.14",
        "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
    ]
    assert controleer("https://93.184.215.14/x", nooit) == [ipaddress.ip_address("93.184.215.14")]


def test_a_test_host_may_resolve_to_loopback_and_to_nothing_else() -> None:
    url = "https://localhost:8443/storingen"
    assert controleer(url, wijst_naar("127.0.0.1", "::1"), {"localhost"})
    with pytest.raises(AdresGeweigerd, match="wijst niet"):
        controleer(url, wijst_naar("127.0.0.1", "10.0.0.1"), {"localhost"})
    with pytest.raises(AdresGeweigerd, match=r"127\.0\.0\.1 is een loopback-adres"):
        controleer("https://127.0.0.1/", nooit, {"localhost", "127.0.0.1"})  # names only


def test_the_subscription_request_checks_the_form_of_the_address() -> None:
    with pytest.raises(ValidationError, match="gebruikersnaam of wachtwoord"):
        AbonnementAanvraag(url="https://a:b@ontvanger.example/")
    assert AbonnementAanvraag(url="https://ontvanger.example/").url == "https://ontvanger.example/"


def test_a_subscription_stored_under_older_rules_stays_readable() -> None:
    oud = Abonnement.model_validate(
        {
            "id": "a1",
            "organisatie": "GM0363",
            "url": "http://127.0.0.1:9/storingen",
            "aangemaaktOp": "2026-01-01T00:00:00+00:00",
        }
    )
    assert oud.url == "http://127.0.0.1:9/storingen"


@pytest.fixture
def schone_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("COSMOS_ENDPOINT", "STORINGEN_TESTHOSTS", "STORINGEN_TEST_CA"):
        monkeypatch.delenv(name, raising=False)
    settings.clear_cache()
    yield monkeypatch
    settings.clear_cache()


def test_the_test_allowance_is_refused_outside_the_local_emulators(
    schone_settings: pytest.MonkeyPatch,
) -> None:
    schone_settings.setenv("COSMOS_ENDPOINT", "https://ibnext.documents.azure.com:443/")
    schone_settings.setenv("STORINGEN_TESTHOSTS", "localhost")
    with pytest.raises(UnsafeSetting, match="local emulators only"):
        settings.storingen_test()


def test_the_test_allowance_names_loopback_names_only(
    schone_settings: pytest.MonkeyPatch,
) -> None:
    schone_settings.setenv("COSMOS_ENDPOINT", "https://127.0.0.1:8081/")
    schone_settings.setenv("STORINGEN_TESTHOSTS", "localhost, ontvanger.example")
    with pytest.raises(UnsafeSetting, match=r"ontvanger\.example is not a loopback name"):
        settings.storingen_test()
    settings.clear_cache()
    schone_settings.setenv("STORINGEN_TESTHOSTS", "localhost,ontvanger.localhost")
    schone_settings.setenv("STORINGEN_TEST_CA", "ca.pem")
    assert settings.storingen_test() == settings.StoringenTest(
        hosts=frozenset({"localhost", "ontvanger.localhost"}), ca="ca.pem"
    )


@pytest.mark.usefixtures("schone_settings")
def test_without_the_setting_nothing_is_allowed() -> None:
    assert settings.storingen_test() == settings.StoringenTest(hosts=frozenset(), ca=None)


class Item:
    """A work item blob, in memory."""

    def __init__(self, inhoud: dict[str, Any]) -> None:
        import json

        self.data = json.dumps(inhoud).encode()
        self.verwijderd = False

    def download_blob(self) -> Any:
        data = self.data
        return type("D", (), {"readall": lambda _: data})()

    def delete_blob(self) -> None:
        self.verwijderd = True


class Abonnementen:
    def __init__(self, abonnement: Abonnement | None) -> None:
        self.abonnement = abonnement
        self.genoteerd: list[Bezorging] = []

    def get(self, organisatie: str, abonnement_id: str) -> tuple[Abonnement, str] | None:
        return None if self.abonnement is None else (self.abonnement, "etag")

    def noteer(self, organisatie: str, abonnement_id: str, bezorging: Bezorging) -> None:
        self.genoteerd.append(bezorging)


ABONNEMENT = Abonnement(
    id="a1",
    organisatie="GM0363",
    url="https://ontvanger.example/x",
    aangemaakt_op=datetime(2026, 1, 1, tzinfo=UTC),
)
ITEM = {"versie": "v1", "storing": {"id": "s1"}, "organisatie": "GM0363", "abonnement": "a1"}


def bezorg(abonnement: Abonnement | None, *uitkomsten: Uitkomst) -> tuple[Any, list[str], Item]:
    verzonden: list[str] = []
    reeks = iter(uitkomsten)

    def post(url: str, body: bytes) -> Uitkomst:
        verzonden.append(url)
        return next(reeks)

    opslag = Abonnementen(abonnement)
    berichten = meldingen.Berichten(
        store=object(),  # type: ignore[arg-type]
        abonnementen=opslag,  # type: ignore[arg-type]
        post=post,
        wacht=lambda seconden: None,
    )
    item = Item(ITEM)
    berichten.bezorg(item)  # type: ignore[arg-type]
    return opslag, verzonden, item


def test_a_failure_worth_retrying_is_tried_three_times_and_recorded() -> None:
    fout = Uitkomst(False, "HTTP 503", opnieuw=True)
    opslag, verzonden, item = bezorg(ABONNEMENT, fout, fout, fout)
    assert len(verzonden) == 3
    assert [(b.gelukt, b.toelichting) for b in opslag.genoteerd] == [(False, "HTTP 503")]
    assert item.verwijderd


def test_a_redirect_or_a_refused_address_is_not_retried() -> None:
    for uitkomst in (
        Uitkomst(False, "HTTP 302: doorverwijzing niet gevolgd"),
        Uitkomst(False, "adres geweigerd: 10.0.0.1 is een privé-adres"),
    ):
        opslag, verzonden, _ = bezorg(ABONNEMENT, uitkomst)
        assert len(verzonden) == 1
        assert opslag.genoteerd[0].toelichting == uitkomst.toelichting


def test_an_ended_subscription_is_not_called() -> None:
    opslag, verzonden, item = bezorg(None)
    assert verzonden == []
    assert opslag.genoteerd == []
    assert item.verwijderd
