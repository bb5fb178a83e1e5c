"""Who is on a gemeente's proactive list, on a date whose norms are known: the residents who
meet its norms and do not receive the regeling, each household once, nobody who objected,
no minor; the sources as the intake publishes them, in a database of its own."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from azure.storage.blob import BlobClient

from local.issuer import local_client_id
from local.seed import BUREAU, seed
from shared.bronnen import intake as bronintake
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.publicatie import publicaties
from shared.inkomenstoeslag.beleid import InkomenstoeslagBeleidRegister
from shared.intake.pipeline import BRONNEN, Intake
from shared.intake.processing import Bestand, FileRejected
from shared.models.aanlevering import Status
from shared.models.inkomenstoeslag import InkomenstoeslagBeleid
from shared.proactief.verwerking import BESTANDEN, process
from shared.security.access import AUTORISATIEBEHEER, WIJZIGEN, Caller
from shared.security.admission import Broninname
from shared.security.tokens import Identity
from shared.storage import clients
from shared.storage.containers import BlobContainers
from tests.conftest import gebruik_eigen_database

pytestmark = pytest.mark.integration

GEMEENTE = "GM0363"  # seeded: connected, a verordening IIT and minima norms of 130%
BRONPEIL, PEIL = date(2026, 5, 31), date(2026, 6, 15)
ARM, RIJK, BEZWAARDER, ONTVANGT, KIND = (
    "340000004",
    "340000016",
    "340000028",
    "340000041",
    "340000053",
)
GEHUWD_A, GEHUWD_B, SPAARDER, ELDERS = "340000065", "340000077", "340000089", "340000090"
LANG = "340000107"
"""On the gemeente's bijstand for years: a long low income (the individuele inkomenstoeslag)."""


def bron(code: str, *regels: str) -> bytes:
    kop = ";".join(BY_CODE[code].kolommen)
    return "\n".join([kop, *regels, f"#aantal;{len(regels)}", ""]).encode()


def lever_bron(code: str, inhoud: bytes) -> None:
    blob: BlobClient = clients.blob_service().get_blob_client(
        BlobContainers.BRONNEN, f"{code}/{BRONPEIL.isoformat()}/{uuid.uuid4().hex[:8]}.csv"
    )
    blob.upload_blob(inhoud, overwrite=True)
    geleverd = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
    assert geleverd is not None
    assert geleverd.status is Status.VERWERKT, (code, geleverd.afkeuringen)


@pytest.fixture
def eigen_database(app_settings: dict[str, str]) -> Iterator[None]:
    """A database of its own: the sources published here are the only ones in force."""
    gebruik_eigen_database(f"proactief-{uuid.uuid4().hex[:6]}")
    publicaties.cache_clear()
    yield
    publicaties.cache_clear()


def persoon(bsn: str, geboren: str, huisnummer: int, gemeente: str = "0363") -> str:
    return f"{bsn};{geboren};;NL;{gemeente};1012JR;{huisnummer};;;2010-01-01"


def verordening_die_te_toetsen_is() -> None:
    """GM0363's verordening over 12 months and without its vermogenstoets: the vermogen is the
    resident's to give, and the norms before 2024 are unknown, so with either no proactive
    run on this date can meet it (the toets is ONVOLLEDIG)."""
    register = InkomenstoeslagBeleidRegister()
    gevonden = register.eigen(GEMEENTE)
    assert gevonden is not None
    document, etag = gevonden
    beleid = InkomenstoeslagBeleid.model_validate(
        {
            **document.model_dump(include=set(InkomenstoeslagBeleid.model_fields)),
            "vermogenstoets": False,
            "referteperiode_maanden": 12,
        }
    )
    beheerder = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    caller = Caller(
        Identity(beheerder, frozenset({AUTORISATIEBEHEER}), beheerder), BUREAU, BUREAU, WIJZIGEN
    )
    register.zet(caller, GEMEENTE, beleid, etag)


def test_the_list_names_each_likely_right_not_yet_received(eigen_database: None) -> None:
    seed()
    verordening_die_te_toetsen_is()
    lever_bron(
        "brp-personen",
        bron(
            "brp-personen",
            persoon(ARM, "1980-01-01", 1),
            persoon(RIJK, "1975-01-01", 2),
            persoon(BEZWAARDER, "1982-01-01", 3),
            persoon(ONTVANGT, "1984-01-01", 4),
            persoon(KIND, "2012-01-01", 5),
            persoon(GEHUWD_A, "1970-01-01", 6),
            persoon(GEHUWD_B, "1971-01-01", 6),
            persoon(SPAARDER, "1985-01-01", 7),
            persoon(ELDERS, "1980-01-01", 8, gemeente="0344"),
            persoon(LANG, "1975-01-01", 9),
        ),
    )
    lever_bron(
        "brp-relaties",
        bron(
            "brp-relaties",
            f"{GEHUWD_A};2000-01-01;;partner;{GEHUWD_B}",
            f"{GEHUWD_B};2000-01-01;;partner;{GEHUWD_A}",
        ),
    )
    lever_bron(
        "uwv-polis",
        bron(
            "uwv-polis",
            f"{RIJK};2025-01-01;;2026-05;maand;2026-05-01;2026-06-01;123456789L01;"
            "dienstbetrekking;;300000;300000;0;0;0;0;0;0;0;0;160.00",
        ),
    )
    lever_bron("uitkeringen", bron("uitkeringen", f"{ELDERS};2024-01-01;;UWV;WW;100000"))
    lever_bron(
        "gemeenten-uitkeringen",
        bron(
            "gemeenten-uitkeringen",
            f"{ELDERS};2024-01-01;;0344;PW",
            f"{LANG};2020-01-01;;0363;PW",
        ),
    )
    lever_bron(
        "bd-rekeningen",
        bron("bd-rekeningen", f"{SPAARDER};NL91ABNA0417164300;spaarrekening;2026-05-31;2000000;0"),
    )
    lever_bron(
        "rdw-voertuigen",
        bron("rdw-voertuigen", f"{ELDERS};12-ABC-3;Fiat;1500000;2015-01-01;2015-01-01"),
    )
    bekend = [
        "bsn;regeling",
        f"{BEZWAARDER};BEZWAAR",
        f"{ONTVANGT};MINIMAREGELINGEN",
        f"{GEHUWD_B};MINIMAREGELINGEN",
        "#aantal;3",
    ]
    bestand = Bestand("proactieve-dienstverlening", GEMEENTE, "bekend.csv", "lijst-1", "c")
    resultaat = process(bestand, iter(bekend), PEIL)
    assert resultaat.afkeuringen == []

    lijst = json.loads(BESTANDEN.lees(GEMEENTE, "lijst-1.kansen.json") or b"{}")
    assert sorted((k["bsn"], k["regeling"]) for k in lijst["kansen"]) == [
        (ARM, "KWIJTSCHELDING"),
        (ARM, "MINIMAREGELINGEN"),
        (ONTVANGT, "KWIJTSCHELDING"),
        (GEHUWD_A, "KWIJTSCHELDING"),  # the couple once; B receives the minimaregelingen
        (SPAARDER, "MINIMAREGELINGEN"),  # 20,000 in savings: no kwijtschelding
        (LANG, "INKOMENSTOESLAG"),  # 12 months of bijstand: at the norm, under 110%
        (LANG, "KWIJTSCHELDING"),  # his bijstand: the minimaregelingen know him already
    ], (lijst["nietGetoetst"], [(k["bsn"], k["regeling"]) for k in lijst["kansen"]])

    # next month the export misses the objection: it is kept until withdrawn
    zonder = ["bsn;regeling", f"{ONTVANGT};MINIMAREGELINGEN", "#aantal;1"]
    volgende = Bestand("proactieve-dienstverlening", GEMEENTE, "bekend.csv", "lijst-2", "c")
    process(volgende, iter(zonder), PEIL)
    lijst = json.loads(BESTANDEN.lees(GEMEENTE, "lijst-2.kansen.json") or b"{}")
    assert BEZWAARDER not in {k["bsn"] for k in lijst["kansen"]}
    ingetrokken = ["bsn;regeling", f"{BEZWAARDER};BEZWAAR_INGETROKKEN", "#aantal;1"]
    daarna = Bestand("proactieve-dienstverlening", GEMEENTE, "bekend.csv", "lijst-3", "c")
    process(daarna, iter(ingetrokken), PEIL)
    lijst = json.loads(BESTANDEN.lees(GEMEENTE, "lijst-3.kansen.json") or b"{}")
    assert BEZWAARDER in {k["bsn"] for k in lijst["kansen"]}


def test_a_line_that_cannot_be_read_refuses_the_whole_list(eigen_database: None) -> None:
    onleesbaar = ["bsn;regeling", f"{BEZWAARDER};bezwaar", "#aantal;1"]  # lower case
    bestand = Bestand("proactieve-dienstverlening", GEMEENTE, "bekend.csv", "lijst-x", "c")
    with pytest.raises(FileRejected, match="een bezwaar zijn"):
        process(bestand, iter(onleesbaar), PEIL)
    assert BESTANDEN.lees(GEMEENTE, "lijst-x.kansen.json") is None


def test_without_an_income_source_in_force_nobody_is_read(eigen_database: None) -> None:
    seed()
    lever_bron("brp-personen", bron("brp-personen", persoon(ARM, "1980-01-01", 1)))
    bestand = Bestand("proactieve-dienstverlening", GEMEENTE, "bekend.csv", "lijst-y", "c")
    process(bestand, iter(["bsn;regeling", f"{RIJK};KWIJTSCHELDING", "#aantal;1"]), PEIL)
    lijst = json.loads(BESTANDEN.lees(GEMEENTE, "lijst-y.kansen.json") or b"{}")
    assert lijst["kansen"] == []
    assert lijst["nietGelezen"] == (
        "geen stand van brp-relaties, uwv-polis, uitkeringen, gemeenten-uitkeringen, "
        "bd-rekeningen, rdw-voertuigen op 2026-06-15"
    )
    assert lijst["nietGetoetst"] == {}  # not counted: counting would read every resident
