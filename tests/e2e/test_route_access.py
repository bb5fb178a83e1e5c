"""Every route of the app against every kind of caller: generated from the registered routes.

A route added without a sample request here fails `test_every_route_has_a_sample`, so no
route can slip past this test.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from stdnum.nl import bsn

from function_app import app  # noqa: F401  (registers every route's declaration)
from functions._http import ENDPOINTS, Endpoint
from local.issuer import PORTAAL, LocalIssuer, local_client_id
from local.runtime import LOCAL_VUM_OIN, Platform
from local.seed import BUREAU
from local.vumbron import ReferentieBron
from shared.bronnen.catalogus import BY_CODE
from shared.security.access import (
    AUTORISATIEBEHEER,
    BEHEER,
    BURGER,
    HERBEREKENING,
    INZAGE,
    PARAMETERBEHEER,
    PARAMETERVASTSTELLING,
    SYSTEEM,
    Beheer,
    Dienstgebruik,
    Inwoner,
    Publiek,
)
from shared.security.diensten import AANLEVERINGEN_VOLGEN, CATALOGUS
from shared.validation.organisatie import Soort
from synth.ggk import Client, envelop, toewijzing
from tests import forged_tokens
from tests.e2e.api import Api, iso
from tests.e2e.http import Answer

pytestmark = pytest.mark.e2e

A, B, NOT_CONNECTED, EXPIRED, AGENCY = "GM0001", "GM0002", "GM0003", "GM0004", "MA12345678"
OIN = {A: "00000001000000000001", B: "00000001000000000002"}
VUM_BRON = "00000003000000009001"
VUM_VRAAG = {"vraagObject": {"selectiegebied": {"postcode": "5000AB", "afstand": 999}}}
DP_A, DP_B, DP_NOT_CONNECTED, DP_EXPIRED = "DP01", "DP02", "DP03", "DP04"
"""The same four roles for the services only a Doorstroompunt uses (VSV)."""
PER_SOORT = {
    Soort.GEMEENTE: (A, B, NOT_CONNECTED, EXPIRED),
    Soort.DOORSTROOMPUNT: (DP_A, DP_B, DP_NOT_CONNECTED, DP_EXPIRED),
}
DEPARTED = (BEHEER, "vertrokken")
"""The roles of an operator client whose binding ended an hour ago."""


@dataclass(frozen=True)
class Request:
    path: str
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    eigen_versie: Callable[[str], str] | None = None
    """For a route that changes the caller's own document: the If-Match (the ETag) of the
    organisation that calls, A or, for "andere organisatie", B."""
    eigen_koppen: Callable[[str], dict[str, str]] | None = None
    """Headers that name the organisation that calls (VUM's X-VUM-fromParty), A's or B's."""


BVV_VERZOEK = {
    "peildatum": "2026-03-01",
    "leefsituatie": "ALLEENSTAANDE",
    "woonadresInNederland": True,
    "belastbaarJaarinkomen": "30000.00",
    "inkomenMaand": "2000.00",
}

KWIJTSCHELDING_VERZOEK = {
    "peildatum": "2026-03-01",
    "belastingsoort": "AFVALSTOFFENHEFFING",
    "aanslagbedrag": "400.00",
    "leefsituatie": "ALLEENSTAANDE",
    "pensioengerechtigd": False,
    "nettoBesteedbaarInkomenMaand": "1420.00",
}

IIT_BELEID = {
    "percentage": 110,
    "aggregatie": "GEMIDDELD",
    "referteperiodeMaanden": 36,
    "metVakantietoeslag": False,
    "vermogenstoets": False,
    "bedragen": {"ALLEENSTAANDE": "601.00"},
}
IIT = "/api/v1/individuele-inkomenstoeslag/beleid"
OIB = "/api/v1/inkomstenverrekening/beleid"
OIB_BELEID = {"vakantiegeld": "AANSPRAAK", "vrijlatingArbeid": True}
MINIMA = "/api/v1/inkomens-en-vermogenstoets/beleid"
MINIMA_BELEID = {"toetspercentage": 120, "vermogenstoets": False}
IIT_BSN, IIT_BRONPEIL, IIT_PEIL = "310000026", "2027-05-31", "2027-06-01"
MINIMA_PEIL = "2026-06-28"
"""A resident in BRP snapshots of dates no other test reads the BRP on: the IIT looks back
from 2027; the minimatoets needs the norms of its own date (known to 2026-06-30)."""

VSV_REGIO = {
    "naam": "Testregio",
    "contactgemeente": "GM0363",
    "gemeenten": ["GM0363"],
    "bron": "test",
}
VSV_PEIL, VSV_RAPPORTDAG = "2025-01-02", "2025-01-06"
"""Sources of dates no other test reads: young people in Amsterdam, and a weekly report."""
JONGEREN = [str(n) for n in range(370000000, 370001000) if bsn.is_valid(str(n))][:40]
"""Born in 2005, living in Amsterdam: each sample that registers one takes the next."""

STORING = {
    "soort": "onderhoud",
    "titel": "Gepland onderhoud",
    "omschrijving": "Het platform is een uur niet bereikbaar.",
    "begin": "2030-01-01T02:00:00+00:00",
    "einde": "2030-01-01T03:00:00+00:00",
}
NOWHERE = "https://localhost:9/storingen"
"""A loopback port nothing listens on (localhost: the local test host, `STORINGEN_TESTHOSTS`):
the notices to it fail at once."""


@dataclass
class World:
    api: Api
    a_delivery: str = ""
    a_aansluiting: str = ""
    a_berekening: str = ""
    a_signaal: str = ""
    a_herberekening: str = ""
    a_upload: str = ""
    a_signaalbestand: str = ""
    a_inkomstenverrekening: str = ""
    a_kansen: str = ""
    a_ggk: str = ""
    a_ggk_fo01: str = ""
    a_vum: dict[str, str] = field(default_factory=dict)
    """Per VUM domain, a vumID A was given."""
    jongeren: list[str] = field(default_factory=lambda: list(JONGEREN[1:]))
    fresh: int = 100
    jaar: int = 2100
    unused: int = 5000

    def jongere(self) -> str:
        """A young person no sample registered yet."""
        return self.jongeren.pop(0)

    def unused_gemeente(self) -> str:
        """A gemeente code no organisation has yet, for a sample that creates one."""
        self.unused += 1
        return f"GM{self.unused:04d}"

    def new_year(self) -> int:
        """A year no sample used before: a parameter set of its own for each proposal."""
        self.jaar += 1
        return self.jaar

    def new_gemeente(self) -> str:
        self.fresh += 1
        code = f"GM{self.fresh:04d}"
        self.api.organisation(code)
        return code

    def connected_gemeente(self) -> tuple[str, dict[str, Any], str]:
        code = self.new_gemeente()
        created = self.api.connect(code, "aanleveringen", "volgen")
        path = f"/api/v1/organisaties/{code}/aansluitingen/{created['id']}"
        etag = self.api.call("GET", path, self.api.admin).headers["ETag"]
        return code, created, etag


def _bron(bron: str, *regels: str) -> bytes:
    kop = ";".join(BY_CODE[bron].kolommen)
    return "\n".join([kop, *sorted(regels), f"#aantal;{len(regels)}", ""]).encode()


def _bronnen_van_de_wereld() -> list[tuple[str, str, bytes, str]]:
    """(source, reference date, file, a BSN it holds) of every source file the world needs:
    the recipient in detention, the IIT and minima resident (at two dates), the care
    indication, and the young people DP_A follows (`_vsv_rapport_van_dp_a`)."""
    jong, ander = JONGEREN[0], "370002003"  # no other test reads either
    vsv = {
        "brp-personen": [f"{b};2005-01-01;;NL;0363;1012JR;1;;;2010-01-01" for b in JONGEREN],
        "duo-startkwalificaties": [f"{ander};2024-07-01"],
        "uwv-polis": [
            f"{jong};2024-06-01;;2024-12;maand;2024-12-01;2025-01-01;123456789L01;"
            "dienstbetrekking;;30000;30000;0;0;0;0;0;0;0;0;40.00"
        ],
        "uitkeringen": [f"{ander};2024-01-01;;UWV;WW;90000"],
        "gemeenten-uitkeringen": [f"{ander};2024-01-01;;0363;PW"],
    }
    iit = _bron("brp-personen", f"{IIT_BSN};1980-01-01;;NL;0363;9997AA;1;;;2010-01-01")
    return [
        (
            "dji-detenties",
            "2026-05-31",
            _bron("dji-detenties", f"{GEDETINEERDE};2026-02-01;;NL"),
            GEDETINEERDE,
        ),
        ("brp-personen", IIT_BRONPEIL, iit, IIT_BSN),
        ("brp-personen", MINIMA_PEIL, iit, IIT_BSN),
        (
            "ciz-wlz-indicaties",
            "2026-05-31",
            _bron("ciz-wlz-indicaties", "111222333;2026-01-01;;VV5"),
            "111222333",
        ),
        *(
            (bron, VSV_PEIL, _bron(bron, *regels), regels[0].split(";")[0])
            for bron, regels in vsv.items()
        ),
    ]


GEDETINEERDE = "200000007"
BRONNEN_VAN_DE_WERELD = _bronnen_van_de_wereld()


@pytest.fixture(scope="module")
def world(platform: Platform) -> World:
    api = Api(platform)
    for bron, peil, inhoud, _ in BRONNEN_VAN_DE_WERELD:  # taken in while the rights are set up
        api.deliver_source(bron, peil, inhoud)
    hour_ago, two_hours_ago = (
        datetime.now(UTC) - timedelta(hours=1),
        datetime.now(UTC) - timedelta(hours=2),
    )
    api.organisation(A, oin=OIN[A])
    api.organisation(B, oin=OIN[B])
    api.organisation(NOT_CONNECTED)
    api.organisation(EXPIRED)
    for code in (DP_A, DP_B):  # both regions hold Amsterdam: each may register its young people
        api.organisation(code, regio=VSV_REGIO)
    for code in (DP_NOT_CONNECTED, DP_EXPIRED):
        api.organisation(code)
    mandaat = {
        "gemeente": A,
        "geldigVan": iso(two_hours_ago),
        "diensten": [
            {"dienst": "aanleveringen", "doel": "volgen"},
            {"dienst": "proefaanlevering", "doel": "testen"},
        ],
    }
    api.organisation(AGENCY, mandaten=[mandaat])
    for code in (A, B, NOT_CONNECTED, EXPIRED, AGENCY, *PER_SOORT[Soort.DOORSTROOMPUNT]):
        api.bind(code)
    api.bind_operator(DEPARTED, since=two_hours_ago, until=hour_ago)
    api.bind_operator(TWEEDE_MEDEWERKER, since=two_hours_ago)
    a_connections = {}
    for doel in CATALOGUS:
        for soort, (eigen, ander, _, verlopen) in PER_SOORT.items():
            if soort not in doel.soorten:
                continue
            verbonden = api.connect(eigen, doel.dienst, doel.code)
            if eigen == A:
                a_connections[doel.dienst] = verbonden
            api.connect(ander, doel.dienst, doel.code)
            api.connect(verlopen, doel.dienst, doel.code, since=two_hours_ago, until=hour_ago)
    for doel in CATALOGUS:
        if Soort.GEMANDATEERDE in doel.soorten:
            api.connect(AGENCY, doel.dienst, doel.code)
    name = api.drop(A, b"a;b\n1;2\n")
    berekening = api.call(
        "POST", "/api/v1/beslagvrije-voet/berekeningen", api.token(A), BVV_VERZOEK
    )
    for code in (A, B):  # before A's rechtmatigheid delivery: A gets its inkomstenverrekening
        api.expect(api.call("PUT", OIB, api.token(code), OIB_BELEID), 200)
    a_signaal, a_signaalbestand = _signal_of_a(api)
    ontvangt = b"bsn;regeling\n111222333;KWIJTSCHELDING\n#aantal;1\n"
    proactief = api.drop(A, ontvangt, dienst="proactieve-dienstverlening")
    levering = api.wait_until_finished(A, proactief)
    assert levering["status"] == "verwerkt", levering.get("afkeuringen")
    a_kansen = f"{levering['id']}.kansen.json"
    ggk = api.expect(api.call("POST", "/api/v1/ggk/berichten", api.token(A), _ggk_envelop()), 201)
    for code in (A, B):
        api.expect(api.call("PUT", IIT, api.token(code), IIT_BELEID), 200)
        api.expect(api.call("PUT", MINIMA, api.token(code), MINIMA_BELEID), 200)
    for bron, peil, _, houder in BRONNEN_VAN_DE_WERELD:
        api.wait_until_in_force(bron, houder, peil)
    _vsv_rapport_van_dp_a(api, platform)
    return World(
        api,
        a_delivery=api.wait_until_finished(A, name)["id"],
        a_aansluiting=a_connections["aanleveringen"]["id"],
        a_berekening=api.expect(berekening, 201)["id"],
        a_signaal=a_signaal,
        a_upload=api.upload_grant(A, "route-access.csv")["upload"]["id"],
        a_signaalbestand=a_signaalbestand,
        a_kansen=a_kansen,
        a_inkomstenverrekening=next(
            b["naam"]
            for b in api.expect(
                api.call("GET", "/api/v1/inkomstenverrekening/bestanden", api.token(A)), 200
            )["bestanden"]
            if b["naam"].endswith(".json")
        ),
        a_herberekening=_recalculation(api),
        a_ggk=ggk["id"],
        a_ggk_fo01=ggk["foutbericht"],
        a_vum=_vum_ids_van_a(api, platform),
    )


def vum_koppen(organisatie: str) -> dict[str, str]:
    return {
        "X-VUM-berichtVersie": "3.0.0",
        "X-VUM-fromParty": OIN[organisatie],
        "X-VUM-toParty": LOCAL_VUM_OIN,
        "X-VUM-viaParty": OIN[organisatie],
        "API-Version": "3.0.0",
    }


def _vum_ids_van_a(api: Api, platform: Platform) -> dict[str, str]:
    """A reference bron for both domains, and per domain a vumID it gave A."""
    assert platform.tls is not None
    bron = ReferentieBron(VUM_BRON, platform.tls, aantal=5)
    registratie = {
        "naam": "Referentiebron",
        "basisUrl": bron.url,
        "domeinen": ["vacatures", "werkzoekendeProfielen"],
        "geldigVan": "2026-01-01T00:00:00+00:00",
    }
    api.expect(api.call("PUT", f"/api/v1/vum-bronnen/{VUM_BRON}", api.admin, registratie), 201)
    ids = {}
    for domein in ("vacatures", "werkzoekendeProfielen"):
        pad = f"/api/vum/v3/{domein}/matches"
        gevonden = api.call("POST", pad, api.token(A), VUM_VRAAG, vum_koppen(A))
        ids[domein] = next(
            m["vumID"]
            for m in api.expect(gevonden, 200)["matches"]
            if m["vumID"].startswith(VUM_BRON)
        )
    return ids


def _vum_bron_registreren(world: World) -> Request:
    """A bron of an OIN no sample used, for a period long past: never asked."""
    world.unused += 1
    registratie = {
        "naam": "Oude bron",
        "basisUrl": "https://vum.bron.example/api/v3",
        "domeinen": ["vacatures"],
        "geldigVan": "2020-01-01T00:00:00+00:00",
        "geldigTot": "2020-02-01T00:00:00+00:00",
    }
    return Request(f"/api/v1/vum-bronnen/0000000300000000{world.unused:04d}", registratie)


def _vsv_rapport_van_dp_a(api: Api, platform: Platform) -> None:
    """DP_A follows the first young person and has its weekly report of VSV_RAPPORTDAG."""
    jong = JONGEREN[0]
    aanmelding = {"bsn": jong, "reden": "VOORTIJDIG_SCHOOLVERLATER", "datum": VSV_PEIL}
    api.expect(api.call("POST", "/api/v1/vsv/aanmeldingen", api.token(DP_A), aanmelding), 201)
    platform.run_module("-m", "shared.vsv", "prioriteiten", "--dag", VSV_RAPPORTDAG)


def _vsv_aanmelding(world: World) -> Request:
    aanmelding = {"bsn": world.jongere(), "reden": "VOORTIJDIG_SCHOOLVERLATER", "datum": VSV_PEIL}
    return Request("/api/v1/vsv/aanmeldingen", aanmelding)


def _vsv_afmelding(world: World) -> Request:
    """A young person DP_A registered, to deregister."""
    api, aanmelding = world.api, _vsv_aanmelding(world)
    aangemeld = api.call("POST", aanmelding.path, api.token(DP_A), aanmelding.body)
    registratie = api.expect(aangemeld, 201)["id"]
    return Request(f"/api/v1/vsv/aanmeldingen/{registratie}?reden=ONDERWIJS&datum={VSV_PEIL}")


VERZOEKEN = "/api/v1/inzage/verzoeken"
VERTROUWELIJKHEID = "/api/v1/verwerkingsactiviteiten/storingen.volgen.1/vertrouwelijkheid"
"""An activity without personal data: marking it changes no other test's answers."""
INZAGEVERZOEK = {"bsn": "999990019", "ontvangenOp": "", "identiteit": "DigiD Substantieel"}
TWEEDE_MEDEWERKER = (INZAGE, "tweede")
"""Another operator with the role inzage: assembles what the rightful one releases."""


def _verzoek(world: World, samengesteld: bool = False) -> str:
    """A new access request received today; assembled by a second operator if asked."""
    api, vandaag = world.api, datetime.now(UTC).date().isoformat()
    body = {**INZAGEVERZOEK, "ontvangenOp": vandaag}
    verzoek = api.expect(api.call("POST", VERZOEKEN, api.token(BUREAU, (INZAGE,)), body), 201)
    if samengesteld:
        tweede = api.token(BUREAU, TWEEDE_MEDEWERKER)
        api.expect(api.call("POST", f"{VERZOEKEN}/{verzoek['id']}/antwoord", tweede), 200)
    return str(verzoek["id"])


def _vrijgave(world: World) -> Request:
    """An answer assembled by the second operator, to release (naming its version)."""
    verzoek = _verzoek(world, samengesteld=True)
    gelezen = world.api.call("GET", f"{VERZOEKEN}/{verzoek}", world.api.token(BUREAU, (INZAGE,)))
    antwoord = world.api.expect(gelezen, 200)["antwoord"]
    return Request(f"{VERZOEKEN}/{verzoek}/vrijgave", {"antwoord": antwoord})


def _ggk_envelop() -> bytes:
    """A WMO301 of A to a care provider with a BSN that fails the elfproef (CS002): refused,
    so both the refused message and its Fo01 are in A's postbus."""
    client = Client("111222334")
    bericht = toewijzing("WMO301", A[2:], "01234567", client, "T1", date(2026, 11, 2))
    return envelop("WMO301", A[2:], "01234567", str(uuid.uuid4()), bericht)


def _recalculation(api: Api) -> str:
    token = api.token(BUREAU, (HERBEREKENING,))
    body = {"peildatum": "2026-04-01"}
    answer = api.call("POST", "/api/v1/beslagvrije-voet/herberekeningen", token, body)
    return str(api.expect(answer, 202)["id"])


def _signal_of_a(api: Api) -> tuple[str, str]:
    """A delivers one recipient who sits in detention: one signal for A, in a signal file."""
    recipient = GEDETINEERDE
    header = "bsn;regeling;begindatum;einddatum;partner_bsn;iban;postcode;huisnummer"
    line = f"{recipient};PW;2025-01-01;;;NL91ABNA0417164300;1012JR;1"
    delivery = f"{header}\n{line}\n#aantal;1\n".encode()
    name = api.drop(A, delivery, dienst="rechtmatigheid")
    api.wait_until_finished(A, name)
    answer = api.call("GET", "/api/v1/rechtmatigheid/signalen", api.token(A))
    signal_id: str = api.expect(answer, 200)["signalen"][0]["id"]
    return signal_id, f"{name}.signalen.csv"


def _aansluiting_change(world: World, method: str) -> Request:
    code, created, etag = world.connected_gemeente()
    body = None
    if method == "PUT":
        body = {"grondslag": "gewijzigd", "geldigVan": created["geldigVan"]}
    return Request(
        f"/api/v1/organisaties/{code}/aansluitingen/{created['id']}", body, {"If-Match": etag}
    )


def _koppeling_end(world: World) -> Request:
    code = world.new_gemeente()
    client_id = world.api.bind(code)
    etag = world.api.call("GET", f"/api/v1/koppelingen/{client_id}", world.api.admin).headers[
        "ETag"
    ]
    return Request(f"/api/v1/koppelingen/{client_id}", headers={"If-Match": etag})


def _afhandeling(world: World) -> Request:
    path = f"/api/v1/rechtmatigheid/signalen/{world.a_signaal}"
    etag = world.api.call("GET", path, world.api.token(A)).headers["ETag"]
    return Request(f"{path}/afhandeling", {"uitkomst": "al_bekend"}, {"If-Match": etag})


def _storing_change(world: World) -> Request:
    operator = world.api.token(BUREAU, (BEHEER,))
    posted = world.api.call("POST", "/api/v1/storingen", operator, STORING)
    storing = world.api.expect(posted, 201)
    return Request(
        f"/api/v1/storingen/{storing['id']}", STORING, {"If-Match": posted.headers["ETag"]}
    )


def _subscription_of_a(world: World) -> str:
    """One of A's subscriptions: the one it has, or a new one (the number is limited)."""
    api = world.api
    held = api.expect(api.call("GET", "/api/v1/storingen/abonnementen", api.token(A)), 200)
    if held["abonnementen"]:
        return str(held["abonnementen"][0]["id"])
    answer = api.call("POST", "/api/v1/storingen/abonnementen", api.token(A), {"url": NOWHERE})
    abonnement_id: str = api.expect(answer, 201)["id"]
    return abonnement_id


def _parameterset_voorstel(world: World) -> Request:
    """A proposed kwijtschelding set on a date of its own (the amounts of 1 January 2026,
    test-only), to propose or approve: its path, body and ETag."""
    api = world.api
    token = api.token(BUREAU, (PARAMETERBEHEER,))
    body = api.expect(
        api.call("GET", "/api/v1/parametersets/kwijtschelding/2026-01-01", token), 200
    )
    datum = f"{world.new_year()}-01-01"
    body.update(ingangsdatum=datum, bron="TEST-ONLY: route-access")
    return Request(f"/api/v1/parametersets/kwijtschelding/{datum}", body)


def _parameterset_vaststelling(world: World) -> Request:
    api = world.api
    voorstel = _parameterset_voorstel(world)
    token = api.token(BUREAU, (PARAMETERBEHEER,))
    proposed = api.call("PUT", voorstel.path, token, voorstel.body)
    api.expect(proposed, 201)
    return Request(f"{voorstel.path}/vaststelling", headers={"If-Match": proposed.headers["ETag"]})


def _audit_query() -> str:
    now = datetime.now(UTC)
    van, tot = (
        iso(now - timedelta(days=1)).replace("+", "%2B"),
        iso(now + timedelta(days=1)).replace("+", "%2B"),
    )
    return f"/api/v1/audit?organisatie={A}&van={van}&tot={tot}"


SAMPLES: dict[tuple[str, str], Callable[[World], Request]] = {
    ("POST", "vum/v3/vacatures/matches"): lambda w: Request(
        "/api/vum/v3/vacatures/matches", VUM_VRAAG, eigen_koppen=vum_koppen
    ),
    ("GET", "vum/v3/vacatures/{vumID}"): lambda w: Request(
        f"/api/vum/v3/vacatures/{w.a_vum['vacatures']}", eigen_koppen=vum_koppen
    ),
    ("POST", "vum/v3/werkzoekendeProfielen/matches"): lambda w: Request(
        "/api/vum/v3/werkzoekendeProfielen/matches", VUM_VRAAG, eigen_koppen=vum_koppen
    ),
    ("GET", "vum/v3/werkzoekendeProfielen/{vumID}"): lambda w: Request(
        f"/api/vum/v3/werkzoekendeProfielen/{w.a_vum['werkzoekendeProfielen']}",
        eigen_koppen=vum_koppen,
    ),
    ("GET", "v1/vum-bronnen"): lambda w: Request("/api/v1/vum-bronnen"),
    ("GET", "v1/vum-bronnen/{oin}"): lambda w: Request(f"/api/v1/vum-bronnen/{VUM_BRON}"),
    ("PUT", "v1/vum-bronnen/{oin}"): _vum_bron_registreren,
    ("GET", "v1/status"): lambda w: Request("/api/v1/status"),
    ("GET", "v1/openapi.json"): lambda w: Request("/api/v1/openapi.json"),
    ("GET", "v1/aanleveringen"): lambda w: Request("/api/v1/aanleveringen"),
    ("GET", "v1/aanleveringen/{id}"): lambda w: Request(f"/api/v1/aanleveringen/{w.a_delivery}"),
    ("POST", "v1/aanleveringen/uploads"): lambda w: Request(
        "/api/v1/aanleveringen/uploads",
        {"dienst": "proefaanlevering", "bestandsnaam": f"{uuid.uuid4().hex}.csv"},
    ),
    ("GET", "v1/aanleveringen/uploads/{id}"): lambda w: Request(
        f"/api/v1/aanleveringen/uploads/{w.a_upload}"
    ),
    ("GET", "v1/aanleveringen/{id}/terugmelding"): lambda w: Request(
        f"/api/v1/aanleveringen/{w.a_delivery}/terugmelding"
    ),
    ("GET", "v1/rechtmatigheid/signaalbestanden"): lambda w: Request(
        "/api/v1/rechtmatigheid/signaalbestanden"
    ),
    ("GET", "v1/rechtmatigheid/signaalbestanden/{naam}"): lambda w: Request(
        f"/api/v1/rechtmatigheid/signaalbestanden/{w.a_signaalbestand}"
    ),
    ("GET", "v1/audit"): lambda w: Request(_audit_query()),
    ("GET", "v1/organisaties"): lambda w: Request("/api/v1/organisaties"),
    ("GET", "v1/organisaties/{organisatie}"): lambda w: Request(f"/api/v1/organisaties/{A}"),
    ("PUT", "v1/organisaties/{organisatie}"): lambda w: Request(
        f"/api/v1/organisaties/{w.unused_gemeente()}", {"naam": "Nieuw"}
    ),
    ("GET", "v1/organisaties/{organisatie}/aansluitingen"): lambda w: Request(
        f"/api/v1/organisaties/{A}/aansluitingen"
    ),
    ("POST", "v1/organisaties/{organisatie}/aansluitingen"): lambda w: Request(
        f"/api/v1/organisaties/{w.new_gemeente()}/aansluitingen",
        {
            "dienst": "aanleveringen",
            "doel": "volgen",
            "grondslag": "test",
            "geldigVan": iso(datetime.now(UTC)),
        },
    ),
    ("GET", "v1/organisaties/{organisatie}/aansluitingen/{aansluiting}"): lambda w: Request(
        f"/api/v1/organisaties/{A}/aansluitingen/{w.a_aansluiting}"
    ),
    ("PUT", "v1/organisaties/{organisatie}/aansluitingen/{aansluiting}"): lambda w: (
        _aansluiting_change(w, "PUT")
    ),
    ("DELETE", "v1/organisaties/{organisatie}/aansluitingen/{aansluiting}"): lambda w: (
        _aansluiting_change(w, "DELETE")
    ),
    ("GET", "v1/koppelingen/{client}"): lambda w: Request(
        f"/api/v1/koppelingen/{local_client_id(A, [SYSTEEM])}"
    ),
    ("PUT", "v1/koppelingen/{client}"): lambda w: Request(
        f"/api/v1/koppelingen/{uuid.uuid4()}",
        {"organisatie": A, "omschrijving": "nieuw systeem", "geldigVan": iso(datetime.now(UTC))},
    ),
    ("DELETE", "v1/koppelingen/{client}"): _koppeling_end,
    ("POST", "v1/beslagvrije-voet/berekeningen"): lambda w: Request(
        "/api/v1/beslagvrije-voet/berekeningen", BVV_VERZOEK
    ),
    ("GET", "v1/beslagvrije-voet/berekeningen/{id}"): lambda w: Request(
        f"/api/v1/beslagvrije-voet/berekeningen/{w.a_berekening}"
    ),
    ("GET", "v1/beslagvrije-voet/herberekeningen/{id}"): lambda w: Request(
        f"/api/v1/beslagvrije-voet/herberekeningen/{w.a_herberekening}"
    ),
    ("POST", "v1/beslagvrije-voet/herberekeningen"): lambda w: Request(
        "/api/v1/beslagvrije-voet/herberekeningen", {"peildatum": "2026-04-01"}
    ),
    ("GET", "v1/rechtmatigheid/signalen"): lambda w: Request("/api/v1/rechtmatigheid/signalen"),
    ("GET", "v1/rechtmatigheid/signalen/{id}"): lambda w: Request(
        f"/api/v1/rechtmatigheid/signalen/{w.a_signaal}"
    ),
    ("PUT", "v1/rechtmatigheid/signalen/{id}/afhandeling"): lambda w: _afhandeling(w),
    ("GET", "v1/rechtmatigheid/productiecijfers"): lambda w: Request(
        "/api/v1/rechtmatigheid/productiecijfers?jaar=2026"
    ),
    ("GET", "v1/rechtmatigheid/leverkwaliteit"): lambda w: Request(
        "/api/v1/rechtmatigheid/leverkwaliteit?maand=2026-11"
    ),
    ("POST", "v1/inzage/bronnen"): lambda w: Request(
        "/api/v1/inzage/bronnen", {"bsn": "111222333", "peildatum": "2026-10-31"}
    ),
    ("POST", "v1/kwijtschelding/toetsen"): lambda w: Request(
        "/api/v1/kwijtschelding/toetsen", KWIJTSCHELDING_VERZOEK
    ),
    ("GET", "v1/kwijtschelding/toetsingen"): lambda w: Request("/api/v1/kwijtschelding/toetsingen"),
    ("GET", "v1/kwijtschelding/beleid"): lambda w: Request("/api/v1/kwijtschelding/beleid"),
    ("POST", "v1/inkomens-en-vermogenstoets/toetsen"): lambda w: Request(
        "/api/v1/inkomens-en-vermogenstoets/toetsen", {"bsn": IIT_BSN, "peildatum": MINIMA_PEIL}
    ),
    ("GET", "v1/inkomens-en-vermogenstoets/beleid"): lambda w: Request(MINIMA),
    ("PUT", "v1/inkomens-en-vermogenstoets/beleid"): lambda w: Request(
        MINIMA,
        MINIMA_BELEID,
        eigen_versie=lambda organisatie: w.api.call(
            "GET", MINIMA, w.api.token(organisatie)
        ).headers["ETag"],
    ),
    ("POST", "v1/individuele-inkomenstoeslag/toetsen"): lambda w: Request(
        "/api/v1/individuele-inkomenstoeslag/toetsen", {"bsn": IIT_BSN, "peildatum": IIT_PEIL}
    ),
    ("GET", "v1/individuele-inkomenstoeslag/beleid"): lambda w: Request(IIT),
    ("PUT", "v1/individuele-inkomenstoeslag/beleid"): lambda w: Request(
        IIT,
        IIT_BELEID,
        eigen_versie=lambda organisatie: w.api.call("GET", IIT, w.api.token(organisatie)).headers[
            "ETag"
        ],
    ),
    ("GET", "v1/inkomstenverrekening/beleid"): lambda w: Request(OIB),
    ("PUT", "v1/inkomstenverrekening/beleid"): lambda w: Request(
        OIB,
        OIB_BELEID,
        eigen_versie=lambda organisatie: w.api.call("GET", OIB, w.api.token(organisatie)).headers[
            "ETag"
        ],
    ),
    ("GET", "v1/inkomstenverrekening/bestanden"): lambda w: Request(
        "/api/v1/inkomstenverrekening/bestanden"
    ),
    ("GET", "v1/inkomstenverrekening/bestanden/{naam}"): lambda w: Request(
        f"/api/v1/inkomstenverrekening/bestanden/{w.a_inkomstenverrekening}"
    ),
    ("GET", "v1/proactieve-dienstverlening/bestanden"): lambda w: Request(
        "/api/v1/proactieve-dienstverlening/bestanden"
    ),
    ("GET", "v1/proactieve-dienstverlening/bestanden/{naam}"): lambda w: Request(
        f"/api/v1/proactieve-dienstverlening/bestanden/{w.a_kansen}"
    ),
    ("PUT", "v1/kwijtschelding/beleid"): lambda w: Request(
        "/api/v1/kwijtschelding/beleid", {"kostenVanBestaanPercentage": "95"}
    ),
    ("GET", "v1/organisaties/{organisatie}/kwijtscheldingsbeleid"): lambda w: Request(
        f"/api/v1/organisaties/{A}/kwijtscheldingsbeleid"
    ),
    ("GET", "v1/storingen"): lambda w: Request("/api/v1/storingen"),
    ("POST", "v1/storingen"): lambda w: Request("/api/v1/storingen", STORING),
    ("PUT", "v1/storingen/{id}"): lambda w: _storing_change(w),
    ("GET", "v1/storingen/abonnementen"): lambda w: Request("/api/v1/storingen/abonnementen"),
    ("POST", "v1/storingen/abonnementen"): lambda w: Request(
        "/api/v1/storingen/abonnementen", {"url": NOWHERE}
    ),
    ("DELETE", "v1/storingen/abonnementen/{id}"): lambda w: Request(
        f"/api/v1/storingen/abonnementen/{_subscription_of_a(w)}"
    ),
    ("GET", "v1/bewaking/vastgelopen-aanleveringen"): lambda w: Request(
        "/api/v1/bewaking/vastgelopen-aanleveringen"
    ),
    ("GET", "v1/parametersets"): lambda w: Request("/api/v1/parametersets?regeling=kwijtschelding"),
    ("GET", "v1/parametersets/{regeling}/{ingangsdatum}"): lambda w: Request(
        "/api/v1/parametersets/beslagvrije-voet/2026-01-01"
    ),
    ("PUT", "v1/parametersets/{regeling}/{ingangsdatum}"): _parameterset_voorstel,
    ("POST", "v1/parametersets/{regeling}/{ingangsdatum}/vaststelling"): _parameterset_vaststelling,
    ("POST", "v1/ggk/berichten"): lambda w: Request("/api/v1/ggk/berichten", _ggk_envelop()),
    ("POST", "v1/wlz/registertoets"): lambda w: Request(
        "/api/v1/wlz/registertoets", {"bsn": "111222333", "peildatum": "2026-10-31"}
    ),
    ("GET", "v1/wlz/signalen"): lambda w: Request("/api/v1/wlz/signalen"),
    ("GET", "v1/ggk/berichten"): lambda w: Request("/api/v1/ggk/berichten?status=nieuw"),
    ("GET", "v1/ggk/stuurinformatie"): lambda w: Request(
        "/api/v1/ggk/stuurinformatie?maand=2026-12"
    ),
    ("GET", "v1/ggk/berichten/{id}"): lambda w: Request(f"/api/v1/ggk/berichten/{w.a_ggk}"),
    ("POST", "v1/ggk/berichten/{id}/ontvangstbevestiging"): lambda w: Request(
        f"/api/v1/ggk/berichten/{w.a_ggk_fo01}/ontvangstbevestiging"
    ),
    ("GET", "v1/inzage/gebruik"): lambda w: Request("/api/v1/inzage/gebruik"),
    ("GET", "v1/verwerkingsactiviteiten"): lambda w: Request("/api/v1/verwerkingsactiviteiten"),
    ("PUT", "v1/verwerkingsactiviteiten/{code}/vertrouwelijkheid"): lambda w: Request(
        VERTROUWELIJKHEID, {"grond": "test: geen activiteit die een ander test leest"}
    ),
    ("DELETE", "v1/verwerkingsactiviteiten/{code}/vertrouwelijkheid"): lambda w: Request(
        VERTROUWELIJKHEID
    ),
    ("POST", "v1/inzage/verzoeken"): lambda w: Request(
        VERZOEKEN, {**INZAGEVERZOEK, "ontvangenOp": "2026-12-01"}
    ),
    ("GET", "v1/inzage/verzoeken/{id}"): lambda w: Request(f"{VERZOEKEN}/{_verzoek(w)}"),
    ("POST", "v1/inzage/verzoeken/{id}/verlenging"): lambda w: Request(
        f"{VERZOEKEN}/{_verzoek(w)}/verlenging", {"maanden": 2, "redenen": "veel bronnen"}
    ),
    ("POST", "v1/inzage/verzoeken/{id}/weigering"): lambda w: Request(
        f"{VERZOEKEN}/{_verzoek(w)}/weigering", {"redenen": "kennelijk ongegrond"}
    ),
    ("POST", "v1/inzage/verzoeken/{id}/antwoord"): lambda w: Request(
        f"{VERZOEKEN}/{_verzoek(w)}/antwoord"
    ),
    ("GET", "v1/inzage/verzoeken/{id}/antwoord"): lambda w: Request(
        f"{VERZOEKEN}/{_verzoek(w, samengesteld=True)}/antwoord"
    ),
    ("POST", "v1/inzage/verzoeken/{id}/vrijgave"): _vrijgave,
    ("POST", "v1/vsv/aanmeldingen"): _vsv_aanmelding,
    ("GET", "v1/vsv/aanmeldingen"): lambda w: Request("/api/v1/vsv/aanmeldingen"),
    ("DELETE", "v1/vsv/aanmeldingen/{id}"): _vsv_afmelding,
    ("GET", "v1/vsv/signalen"): lambda w: Request("/api/v1/vsv/signalen?sinds=2025-01-01"),
    ("GET", "v1/vsv/bestanden"): lambda w: Request("/api/v1/vsv/bestanden"),
    ("GET", "v1/vsv/aanmeldsuggesties"): lambda w: Request(
        "/api/v1/vsv/aanmeldsuggesties?maand=2025-01"
    ),
    ("GET", "v1/vsv/bestanden/{naam}"): lambda w: Request(
        "/api/v1/vsv/bestanden/2025-W02.prioriteiten.json"
    ),
    ("PUT", "v1/organisaties/{organisatie}/kwijtscheldingsbeleid"): lambda w: Request(
        f"/api/v1/organisaties/{w.new_gemeente()}/kwijtscheldingsbeleid",
        {"kostenVanBestaanPercentage": "100"},
    ),
}

INWONER_BSN, ANDERE_INWONER = IIT_BSN, "999990019"
"""The resident whose token is rightful on a resident's route, and another resident."""
EIDAS_LAAG = "http://eidas.europa.eu/LoA/low"
"""DigiD Basis or Midden: too low to see one's own data."""

CASES = (
    "geen token",
    "verlopen token",
    "verkeerde audience",
    "verkeerde issuer",
    "ongeldige handtekening",
    "alg none",
    "HS256 met de publieke sleutel",
    "organisatie zonder aansluiting",
    "andere organisatie",
    "verlopen recht",
    "juiste aansluiting",
    "inwoner",
    "medewerker zonder deze rol",
)
OPERATORROLLEN = frozenset(
    {AUTORISATIEBEHEER, BEHEER, HERBEREKENING, INZAGE, PARAMETERBEHEER, PARAMETERVASTSTELLING}
)
DEURCASES = (*CASES[:7], "inwoner", "medewerker zonder deze rol")
"""Refused before the route reads anything of the request: any path to the route will do."""


def rollen_zonder_toegang(endpoint: Endpoint) -> list[str]:
    """Every operator role the route does not admit: on a service or resident route all."""
    access = endpoint.access
    rollen = set(access.rollen) if isinstance(access, Beheer) else set()
    return sorted(OPERATORROLLEN - rollen)


def organisaties(endpoint: Endpoint) -> tuple[str, str, str, str]:
    """(rightful, other, not connected, expired) of the kind the route's purpose serves."""
    access = endpoint.access
    if isinstance(access, Dienstgebruik) and Soort.GEMEENTE not in access.doel.soorten:
        return PER_SOORT[Soort.DOORSTROOMPUNT]
    return PER_SOORT[Soort.GEMEENTE]


def token_for(case: str, endpoint: Endpoint, api: Api, issuer: LocalIssuer) -> str | None:
    if case == "inwoner" or isinstance(endpoint.access, Inwoner):
        return resident_token_for(case, issuer, api)
    operator_route = isinstance(endpoint.access, Beheer)
    eigen, ander, zonder, verlopen = organisaties(endpoint)
    rightful_org, rightful_roles = (
        (BUREAU, (BEHEER,) if BEHEER in endpoint.access.rollen else (min(endpoint.access.rollen),))
        if isinstance(endpoint.access, Beheer)
        else (eigen, (SYSTEEM,))
    )
    rightful = api.token(rightful_org, rightful_roles)
    client = local_client_id(rightful_org, list(rightful_roles))
    if case in CASES[:7]:
        return no_valid_token(case, issuer, client, list(rightful_roles), rightful)
    match case:
        case "organisatie zonder aansluiting":
            return api.token(zonder)
        case "andere organisatie":
            return api.token(ander)
        case "verlopen recht":
            return api.token(BUREAU, DEPARTED) if operator_route else api.token(verlopen)
        case "juiste aansluiting":
            return rightful
    raise AssertionError(case)


def no_valid_token(
    case: str, issuer: LocalIssuer, client: str, roles: list[str], rightful: str
) -> str | None:
    """The first seven cases: no token, or one that is no valid token of the rightful."""
    match case:
        case "geen token":
            return None
        case "verlopen token":
            return forged_tokens.expired(issuer, client, roles)
        case "verkeerde audience":
            return issuer.mint(client, roles, audience="api://andere-api")
        case "verkeerde issuer":
            return issuer.mint(client, roles, iss="https://login.example/andere")
        case "ongeldige handtekening":
            return forged_tokens.bad_signature(rightful)
        case "alg none":
            return forged_tokens.alg_none(rightful)
        case "HS256 met de publieke sleutel":
            return forged_tokens.hs256_signed_with_public_key(issuer, rightful)
    raise AssertionError(case)


def resident_token_for(case: str, issuer: LocalIssuer, api: Api) -> str | None:
    """On a resident's route: the rightful resident, another, an organisation (its token is
    not one of the identity provider for residents), a login below substantieel; and a
    resident's token on any route."""
    substantieel = "http://eidas.europa.eu/LoA/substantial"
    rightful = issuer.mint_burger(INWONER_BSN, substantieel)
    if case in CASES[:7]:
        return no_valid_token(case, issuer, PORTAAL, [BURGER], rightful)
    match case:
        case "organisatie zonder aansluiting":
            return api.token(A)
        case "andere organisatie":
            return issuer.mint_burger(ANDERE_INWONER, substantieel)
        case "verlopen recht":
            return issuer.mint_burger(INWONER_BSN, EIDAS_LAAG)
        case "juiste aansluiting" | "inwoner":
            return rightful
    raise AssertionError(case)


def check(case: str, endpoint: Endpoint, answer: Answer, world: World) -> None:
    if isinstance(endpoint.access, Publiek):
        assert answer.status == 200, answer.body
        return
    if isinstance(endpoint.access, Inwoner):
        check_resident_route(case, answer)
        return
    if case == "inwoner":  # another issuer's audience: no token of this API
        assert answer.status == 401, answer.body
        return
    if case in CASES[:7]:
        assert answer.status == 401, answer.body
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.headers["Content-Type"].startswith(foutsoort(endpoint))
    elif case in (
        "organisatie zonder aansluiting",
        "verlopen recht",
        "medewerker zonder deze rol",
    ) or (case == "andere organisatie" and isinstance(endpoint.access, Beheer)):
        assert answer.status == 403, answer.body
        assert answer.headers["Content-Type"].startswith(foutsoort(endpoint))
    elif case == "andere organisatie" and "{" in endpoint.route:
        assert answer.status == 404, answer.body  # the same answer as for an id that never existed
    elif case == "andere organisatie":
        assert answer.status in (200, 201), answer.body
        assert world.a_delivery not in answer.body.decode()
        assert world.a_berekening not in answer.body.decode()
        assert world.a_signaal not in answer.body.decode()
        assert JONGEREN[0] not in answer.body.decode()  # followed by DP_A
    else:
        assert answer.status in (200, 201, 202), answer.body


def foutsoort(endpoint: Endpoint) -> str:
    """The media type of a refusal: problem+json, or the error body of the published contract
    a route serves (VUM)."""
    return "application/json" if endpoint.contract is not None else "application/problem+json"


def check_resident_route(case: str, answer: Answer) -> None:
    if case in (*CASES[:7], "organisatie zonder aansluiting", "medewerker zonder deze rol"):
        assert answer.status == 401, answer.body  # an organisation's or operator's token included
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    elif case == "verlopen recht":
        assert answer.status == 403, answer.body
    elif case == "andere organisatie":
        assert answer.status == 200, answer.body
        assert answer.json()["gebruik"] == []  # nothing of INWONER_BSN's
    else:
        assert answer.status == 200, answer.body


ROUTES = [
    pytest.param(e, id=f"{e.method} {e.route}")
    for e in ENDPOINTS
    if not e.route.startswith("test/")
]


def test_every_route_has_a_sample() -> None:
    declared = {(e.method, e.route) for e in ENDPOINTS if not e.route.startswith("test/")}
    assert declared == set(SAMPLES)


def test_every_route_declares_its_access() -> None:
    for endpoint in ENDPOINTS:
        assert isinstance(endpoint.access, Publiek | Beheer | Dienstgebruik | Inwoner), (
            endpoint.route
        )


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("endpoint", ROUTES)
def test_route_answers_each_caller_as_it_should(
    endpoint: Endpoint, case: str, world: World, platform: Platform
) -> None:
    if case in DEURCASES and not isinstance(endpoint.access, Publiek | Inwoner):
        # Making the sample would cost calls the refusal never reads.
        request = Request("/api/" + re.sub(r"\{[^}]+\}", "x", endpoint.route))
    else:
        request = SAMPLES[(endpoint.method, endpoint.route)](world)
    tokens = (
        [world.api.token(BUREAU, (rol,)) for rol in rollen_zonder_toegang(endpoint)]
        if case == "medewerker zonder deze rol"
        else [token_for(case, endpoint, world.api, platform.local_issuer)]
    )
    headers = request.headers
    wie = B if case == "andere organisatie" else A
    if request.eigen_versie is not None:
        headers = {**headers, "If-Match": request.eigen_versie(wie)}
    if request.eigen_koppen is not None:
        headers = {**headers, **request.eigen_koppen(wie)}
    for token in tokens:
        answer = world.api.call(endpoint.method, request.path, token, request.body, headers)
        check(case, endpoint, answer, world)


def test_a_gemeente_cannot_list_or_fetch_another_gemeentes_deliveries(world: World) -> None:
    api = world.api
    listed = api.deliveries(B)
    assert world.a_delivery not in {d["id"] for d in listed}
    fetched = api.call("GET", f"/api/v1/aanleveringen/{world.a_delivery}", api.token(B))
    never_existed = api.call("GET", f"/api/v1/aanleveringen/{'f' * 64}", api.token(B))
    assert fetched.status == never_existed.status == 404
    assert fetched.json()["detail"] == never_existed.json()["detail"]


def test_a_mandated_agency_reads_for_the_gemeente_that_mandated_it(world: World) -> None:
    api = world.api
    answer = api.call("GET", f"/api/v1/aanleveringen?organisatie={A}", api.token(AGENCY))
    assert world.a_delivery in {d["id"] for d in api.expect(answer, 200)["aanleveringen"]}
    refused = api.call("GET", f"/api/v1/aanleveringen?organisatie={B}", api.token(AGENCY))
    assert refused.status == 403


def test_a_grant_ending_in_one_second_stops_working_after_it(world: World) -> None:
    api = world.api
    code = world.new_gemeente()
    api.bind(code)
    api.connect(code, "aanleveringen", "volgen", until=datetime.now(UTC) + timedelta(seconds=1))
    assert api.call("GET", "/api/v1/aanleveringen", api.token(code)).status == 200
    time.sleep(1.2)
    assert api.call("GET", "/api/v1/aanleveringen", api.token(code)).status == 403


SERVICE_ROUTES = [
    pytest.param(e, id=f"{e.method} {e.route}")
    for e in ENDPOINTS
    if isinstance(e.access, Dienstgebruik) and not e.route.startswith("test/")
]


@pytest.mark.parametrize("endpoint", SERVICE_ROUTES)
def test_a_mandated_agency_acts_for_the_gemeente_only_on_the_services_of_its_mandate(
    endpoint: Endpoint, world: World
) -> None:
    """AGENCY is connected to every service its kind may use; A's mandate names only
    aanleveringen/volgen and proefaanlevering/testen (the sample upload is a test file).
    For A it gets 403 everywhere else, policy and signals included."""
    assert isinstance(endpoint.access, Dienstgebruik)
    request = SAMPLES[(endpoint.method, endpoint.route)](world)
    separator = "&" if "?" in request.path else "?"
    path = f"{request.path}{separator}organisatie={A}"
    api = world.api
    answer = api.call(endpoint.method, path, api.token(AGENCY), request.body, request.headers)
    if endpoint.access.doel == AANLEVERINGEN_VOLGEN:
        assert answer.status in (200, 201), answer.body
    else:
        assert answer.status == 403, answer.body
        assert answer.headers["Content-Type"].startswith(foutsoort(endpoint))


def test_the_catalogue_limits_which_kinds_are_connected_to_a_service(world: World) -> None:
    api = world.api
    body = {"dienst": "rechtmatigheid", "doel": "controleren", "grondslag": "test"}
    body["geldigVan"] = iso(datetime.now(UTC))
    path = f"/api/v1/organisaties/{AGENCY}/aansluitingen"
    refused = api.expect(api.call("POST", path, api.admin, body), 422)
    assert (
        refused["detail"]
        == "een gemandateerde wordt niet aangesloten op rechtmatigheid voor controleren"
    )


def test_a_mandate_for_a_gemeentes_policy_is_refused(world: World) -> None:
    api = world.api
    mandaat = {
        "gemeente": A,
        "geldigVan": iso(datetime.now(UTC)),
        "diensten": [{"dienst": "kwijtschelding", "doel": "beleid"}],
    }
    body = {"naam": "Agentschap", "mandaten": [mandaat]}
    answer = api.call("PUT", "/api/v1/organisaties/MA87654321", api.admin, body)
    assert api.expect(answer, 400)["invalidParams"][0]["reason"].endswith(
        "kwijtschelding voor beleid gaat niet via een mandaat"
    )


def test_nobody_binds_a_client_to_their_own_organisation(world: World) -> None:
    api = world.api
    body = {"organisatie": BUREAU, "omschrijving": "mijn tweede client"}
    body["geldigVan"] = iso(datetime.now(UTC))
    answer = api.call("PUT", f"/api/v1/koppelingen/{uuid.uuid4()}", api.admin, body)
    assert (
        api.expect(answer, 403)["detail"]
        == "niemand verleent rechten aan een identiteit die hij zelf heeft"
    )


def test_no_second_bureau_organisation_is_made_through_the_api(world: World) -> None:
    api = world.api
    answer = api.call("PUT", "/api/v1/organisaties/IB0002", api.admin, {"naam": "Tweede bureau"})
    assert api.expect(answer, 403)["detail"].startswith("de organisatie van het bureau")
    assert api.call("GET", "/api/v1/organisaties/IB0002", api.operator).status == 404


def test_revoking_a_right_that_starts_later_leaves_the_rights_readable(world: World) -> None:
    api = world.api
    code = world.new_gemeente()
    api.bind(code)
    later = datetime.now(UTC) + timedelta(days=7)
    created = api.connect(code, "aanleveringen", "volgen", since=later)
    path = f"/api/v1/organisaties/{code}/aansluitingen/{created['id']}"
    etag = api.call("GET", path, api.admin).headers["ETag"]
    revoked = api.expect(api.call("DELETE", path, api.admin, headers={"If-Match": etag}), 200)
    assert revoked["geldigTot"] == revoked["geldigVan"]
    listed = api.call("GET", f"/api/v1/organisaties/{code}/aansluitingen", api.operator)
    assert [a["id"] for a in api.expect(listed, 200)["aansluitingen"]] == [created["id"]]
    assert api.expect(api.call("GET", path, api.operator), 200)["geldigTot"] == revoked["geldigVan"]
    assert api.call("GET", "/api/v1/aanleveringen", api.token(code)).status == 403


def test_a_mandated_agency_sees_only_the_deliveries_of_services_its_mandate_covers(
    world: World,
) -> None:
    """AGENCY's mandate of A names aanleveringen/volgen and proefaanlevering/testen: A's
    rechtmatigheid delivery (its names, counts and reasons) stays out of its sight."""
    api = world.api
    own = {d["dienst"]: d["id"] for d in api.deliveries(A)}
    assert {"proefaanlevering", "rechtmatigheid"} <= own.keys()
    listed = api.call("GET", f"/api/v1/aanleveringen?organisatie={A}", api.token(AGENCY))
    assert {d["dienst"] for d in api.expect(listed, 200)["aanleveringen"]} == {"proefaanlevering"}
    for path in ("", "/terugmelding"):
        hidden = f"/api/v1/aanleveringen/{own['rechtmatigheid']}{path}?organisatie={A}"
        assert api.call("GET", hidden, api.token(AGENCY)).status == 404
    grant = api.upload_grant(A, "verborgen.csv", dienst="rechtmatigheid")["upload"]["id"]
    path = f"/api/v1/aanleveringen/uploads/{grant}"
    assert api.call("GET", path, api.token(A)).status == 200
    assert api.call("GET", f"{path}?organisatie={A}", api.token(AGENCY)).status == 404
    shown = f"/api/v1/aanleveringen/uploads/{world.a_upload}?organisatie={A}"
    assert api.call("GET", shown, api.token(AGENCY)).status == 200
