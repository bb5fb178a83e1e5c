"""The income services that run on today's sources, end to end (one module, so their source
snapshots are arranged together):

- the inkomstenverrekening: a gemeente that chose to receive it gets, with each rechtmatigheid
  delivery, the new and corrected opgaven of its recipients and the months whose income
  against the bijstand changed, read through the API; another gemeente sees none of it;
- the proactive list: residents who likely have a right they do not receive yet.

Each person read is audited."""

from __future__ import annotations

import csv
import io
import json

import pytest

from local.runtime import Platform
from shared.bronnen.catalogus import BY_CODE
from tests.e2e.api import Api
from tests.e2e.test_audit import audit_of

pytestmark = pytest.mark.e2e

GEMEENTE, ANDERE = "GM0985", "GM0986"
ONTVANGER, PARTNER, LATER = "320000011", "320000023", "320000035"
ARM, RIJK, BEZWAARDER, ONTVANGT, KIND, BUITEN, BUITEN_PARTNER = (
    "320000047",
    "320000059",
    "320000060",
    "320000072",
    "320000084",
    "320000096",
    "320000102",
)
PROACTIEF = "GM0080"
"""The gemeente of the proactive list; its residents have gemeentecode 0080."""
EERSTE, TWEEDE = "2026-10-31", "2026-11-30"
"""The polis snapshots, each in force on the day of its delivery (the run reads today's)."""
PATH = "/api/v1/inkomstenverrekening"
HEADER = "bsn;regeling;begindatum;einddatum;partner_bsn;iban;postcode;huisnummer"


def source(bron: str, *lines: str) -> bytes:
    header = ";".join(BY_CODE[bron].kolommen)
    return "\n".join([header, *lines, f"#aantal;{len(lines)}", ""]).encode()


def polis(bsn: str, periode: str, loon: int, ingehouden: int = 0) -> str:
    jaar, maand = periode.split("-")
    volgende = f"{int(jaar) + int(maand) // 12}-{int(maand) % 12 + 1:02d}-01"
    return (
        f"{bsn};2025-06-01;;{periode};maand;{periode}-01;{volgende};123456789L01;"
        f"dienstbetrekking;;{loon};{loon};0;0;{ingehouden};0;0;0;0;0;80.00"
    )


def deliver(api: Api, gemeente: str) -> str:
    """The recipient on bijstand, and one on IOAW (its own income rules: not in the
    inkomstenverrekening, though the polis has an opgave of his)."""
    lines = (
        f"{ONTVANGER};PW;2026-01-01;;{PARTNER};NL91ABNA0417164300;1012JR;1",
        f"{LATER};IOAW;2026-01-01;;;NL91ABNA0417164300;1012JR;2",
    )
    body = "\n".join([HEADER, *lines, "#aantal;2", ""]).encode()
    name = api.drop(gemeente, body, dienst="rechtmatigheid")
    delivery = api.wait_until_finished(gemeente, name)
    assert delivery["status"] == "verwerkt"
    return str(delivery["id"])  # the files are named after the delivery


def read(api: Api, gemeente: str, naam: str) -> str:
    answer = api.call("GET", f"{PATH}/bestanden/{naam}", api.token(gemeente))
    assert answer.status == 200, answer.body
    return answer.body.decode()


@pytest.fixture(scope="module")
def api(platform: Platform) -> Api:
    """Two gemeenten connected; only GEMEENTE chose to receive the inkomstenverrekening. The
    recipient (born 1991) works from January 2026 for € 850 net a month; the partner (born
    2001, so no vrijlating: art. 31 lid 5) earns € 400 in March."""
    api = Api(platform)
    for code in (GEMEENTE, ANDERE):
        api.organisation(code)
        api.bind(code)
        api.connect(code, "rechtmatigheid", "controleren")
        api.connect(code, "aanleveringen", "volgen")
        api.connect(code, "inkomstenverrekening", "verrekenen")
        api.connect(code, "inkomstenverrekening", "beleid")
    keuze = {"vakantiegeld": "AANSPRAAK", "vrijlatingArbeid": True}
    api.expect(api.call("PUT", f"{PATH}/beleid", api.token(GEMEENTE), keuze), 200)
    brp = (
        f"{ONTVANGER};1991-01-01;;NL;0363;1012JR;1;;;2010-01-01",
        f"{PARTNER};2001-01-01;;NL;0363;1012JR;1;;;2010-01-01",
        f"{LATER};1990-01-01;;NL;0363;1012JR;2;;;2010-01-01",
        *(
            f"{bsn};{geboren};;NL;0080;8911AA;{nummer};;;2010-01-01"
            for nummer, (bsn, geboren) in enumerate(
                (
                    (ARM, "1980-01-01"),
                    (RIJK, "1975-01-01"),
                    (BEZWAARDER, "1982-01-01"),
                    (ONTVANGT, "1984-01-01"),
                    (KIND, "2012-01-01"),
                ),
                start=1,
            )
        ),
    )
    relatie = f"{BUITEN};2000-01-01;;partner;{BUITEN_PARTNER}"  # of nobody tested here
    for peil in (EERSTE, TWEEDE):
        api.deliver_source("brp-personen", peil, source("brp-personen", *brp))
        api.deliver_source("brp-relaties", peil, source("brp-relaties", relatie))
    eerste = [polis(ONTVANGER, f"2026-0{m}", 85000) for m in (1, 2, 3)]
    eerste.append(polis(PARTNER, "2026-03", 40000))
    api.deliver_source("uwv-polis", EERSTE, source("uwv-polis", *eerste))
    api.wait_until_in_force("uwv-polis", ONTVANGER, EERSTE)
    return api


@pytest.fixture(scope="module")
def runs(api: Api) -> tuple[str, str]:
    """Two deliveries of the same recipients; between them March is corrected to € 950, April
    is added, and May has an opgave whose withholding exceeds the wage."""
    first = deliver(api, GEMEENTE)
    tweede = [polis(ONTVANGER, f"2026-0{m}", 85000) for m in (1, 2, 4)]
    tweede += [polis(ONTVANGER, "2026-03", 95000), polis(ONTVANGER, "2026-05", 10000, 20000)]
    tweede += [polis(PARTNER, "2026-03", 40000), polis(LATER, "2026-05", 10000)]
    tweede += [polis(RIJK, f"2026-{m}", 300000) for m in ("10", "11")]
    api.deliver_source("uwv-polis", TWEEDE, source("uwv-polis", *tweede))
    api.wait_until_in_force("uwv-polis", LATER, TWEEDE)
    return first, deliver(api, GEMEENTE)


def test_the_first_delivery_holds_every_opgave_and_month(api: Api, runs: tuple[str, str]) -> None:
    inhoud = json.loads(read(api, GEMEENTE, f"{runs[0]}.inkomstenverrekening.json"))
    assert (inhoud["vakantiegeld"], inhoud["vrijlatingArbeid"]) == ("AANSPRAAK", True)
    assert sorted((o["bsn"], o["periode"], o["status"]) for o in inhoud["opgaven"]) == [
        (ONTVANGER, "2026-01", "NIEUW"),
        (ONTVANGER, "2026-02", "NIEUW"),
        (ONTVANGER, "2026-03", "NIEUW"),
        (PARTNER, "2026-03", "NIEUW"),
    ]
    assert {o["nettoNormaal"] for o in inhoud["opgaven"]} == {"850.00", "400.00"}
    # OIB-D2: 850 + 68.00 aanspraak - 212.50 vrijlating; in March the partner's 400 + 32.00
    assert [(m["maand"], m["teVerrekenen"], m["verrekening"]) for m in inhoud["maanden"]] == [
        ("2026-01", "705.50", "HERZIEN"),
        ("2026-02", "705.50", "HERZIEN"),
        ("2026-03", "1137.50", "HERZIEN"),
    ], [m["reden"] for m in inhoud["maanden"]]


def test_the_second_delivery_holds_exactly_the_changes(api: Api, runs: tuple[str, str]) -> None:
    opgaven = list(
        csv.DictReader(io.StringIO(read(api, GEMEENTE, f"{runs[1]}.opgaven.csv")), delimiter=";")
    )
    assert [(o["periode"], o["status"], o["netto_normaal"], o["reden"]) for o in opgaven] == [
        ("2026-03", "GECORRIGEERD", "950.00", ""),
        ("2026-04", "NIEUW", "850.00", ""),
        ("2026-05", "NIEUW", "", "de inhoudingen op het normale loon zijn hoger dan dat loon"),
    ]
    maanden = list(
        csv.DictReader(io.StringIO(read(api, GEMEENTE, f"{runs[1]}.maanden.csv")), delimiter=";")
    )
    # March: 950 + 55.23 (art. 11, second bracket) - 237.50, and the partner's 432.00
    assert [(m["maand"], m["status"], m["te_verrekenen"]) for m in maanden] == [
        ("2026-03", "GECORRIGEERD", "1199.73"),
        ("2026-04", "NIEUW", "705.50"),
        ("2026-05", "NIEUW", ""),
    ]
    assert maanden[2]["reden"] == "een inkomstenopgave van de maand heeft geen te berekenen netto"


def test_another_gemeente_sees_nothing_and_without_a_choice_gets_nothing(
    api: Api, runs: tuple[str, str]
) -> None:
    deliver(api, ANDERE)
    bestanden = api.call("GET", f"{PATH}/bestanden", api.token(ANDERE))
    assert api.expect(bestanden, 200)["bestanden"] == []
    vreemd = api.call("GET", f"{PATH}/bestanden/{runs[0]}.opgaven.csv", api.token(ANDERE))
    assert vreemd.status == 404
    assert api.call("GET", f"{PATH}/beleid", api.token(ANDERE)).status == 404
    eigen = api.expect(api.call("GET", f"{PATH}/bestanden", api.token(GEMEENTE)), 200)
    assert {b["naam"] for b in eigen["bestanden"]} >= {
        f"{runs[0]}.opgaven.csv",
        f"{runs[0]}.maanden.csv",
        f"{runs[0]}.inkomstenverrekening.json",
    }


def test_reading_a_file_is_audited_per_person(api: Api, runs: tuple[str, str]) -> None:
    read(api, GEMEENTE, f"{runs[0]}.inkomstenverrekening.json")
    gelezen = [e for e in audit_of(api, GEMEENTE) if e["actie"] == "inkomstenverrekening lezen"]
    assert len({e["bsnHash"] for e in gelezen if e.get("bsnHash")}) >= 2  # recipient, partner
    geleverd = [e for e in audit_of(api, GEMEENTE) if e["actie"] == "inkomstenverrekening geleverd"]
    assert len({e["bsnHash"] for e in geleverd}) == 2
    berekend = [e for e in audit_of(api, GEMEENTE) if e["actie"] == "inkomstenverrekening berekend"]
    # each run computes every household, also when it delivers nothing new on it
    assert {e["bsnHash"] for e in berekend} == {e["bsnHash"] for e in geleverd}
    assert len(berekend) == 2 * len(runs)


def test_the_proactive_list_is_made_from_a_file_and_read_only_by_its_gemeente(
    api: Api, runs: tuple[str, str]
) -> None:
    """PROACTIEF delivers who receives a regeling and who objected, and gets its list; a
    gemeente not connected for it gets no upload grant for such a file and cannot read a
    list. Who is on the list is tested in tests/integration/test_proactief.py on a date with
    known norms: today (after 2026-06) the law's amounts are not known, and the list says so
    per regeling."""
    api.organisation(PROACTIEF)
    api.bind(PROACTIEF)
    api.connect(PROACTIEF, "aanleveringen", "volgen")
    api.connect(PROACTIEF, "inkomens-en-vermogenstoets", "beleid")
    api.connect(PROACTIEF, "proactieve-dienstverlening", "signaleren")
    normen = {"toetspercentage": 120, "vermogenstoets": False}
    minima = "/api/v1/inkomens-en-vermogenstoets/beleid"
    api.expect(api.call("PUT", minima, api.token(PROACTIEF), normen), 200)
    bekend = f"bsn;regeling\n{BEZWAARDER};BEZWAAR\n{ONTVANGT};MINIMAREGELINGEN\n#aantal;2\n"
    name = api.drop(PROACTIEF, bekend.encode(), dienst="proactieve-dienstverlening")
    levering = api.wait_until_finished(PROACTIEF, name)
    assert levering["status"] == "verwerkt"
    pad = f"/api/v1/proactieve-dienstverlening/bestanden/{levering['id']}.kansen.json"
    lijst = api.expect(api.call("GET", pad, api.token(PROACTIEF)), 200)
    assert lijst["regelingen"] == ["KWIJTSCHELDING", "MINIMAREGELINGEN"]
    # nobody is read: the norms of today are not known (or a source has no snapshot in force)
    assert lijst["nietGelezen"], lijst
    assert lijst["nietGetoetst"] == {}
    assert lijst["kansen"] == []
    assert api.call("GET", pad, api.token(ANDERE)).status == 403  # not connected for it
    verzoek = {"dienst": "proactieve-dienstverlening", "bestandsnaam": "bekend.csv"}
    grant = api.call("POST", "/api/v1/aanleveringen/uploads", api.token(ANDERE), verzoek)
    assert grant.status == 403  # no connection, so no grant to deliver a file with
