"""VSV 2.0 against the stored sources, in a database of its own: who a Doorstroompunt may
register and why not, a young person moving between regions, the daily signal of a job start
made once, and the weekly priorities with the change since last week."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from azure.storage.blob import BlobClient

from local.issuer import local_client_id
from local.seed import BUREAU, seed
from shared.bronnen import intake as bronintake
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.publicatie import publicaties
from shared.errors import NietToegestaan
from shared.intake.pipeline import BRONNEN, Intake
from shared.models.aanlevering import Status
from shared.models.toegang import DoorstroompuntRegio, OrganisatieGegevens
from shared.models.vsv import Aanmelding, Aanmeldreden, Afmelding, Afmeldreden
from shared.security.access import AUTORISATIEBEHEER, SYSTEEM, WIJZIGEN, Caller, Dienstgebruik
from shared.security.admission import Broninname
from shared.security.beheer import Autorisatiebeheer
from shared.security.diensten import VSV_VOLGEN
from shared.security.tokens import Identity
from shared.storage import clients
from shared.storage.containers import BlobContainers
from shared.vsv.prioriteiten import BESTANDEN, Prioriteitenrapport
from shared.vsv.register import Register
from shared.vsv.signalen import Signalen
from tests.conftest import gebruik_eigen_database

pytestmark = pytest.mark.integration

AMSTERDAM, UTRECHT = "DP71", "DP72"
AANGEMELD = date(2025, 2, 1)
JONG, OUD, DIPLOMA, ELDERS, WERKT, UITKERING, ZIEK, BEIDE, KRAP = (
    "360000009",
    "360000010",
    "360000022",
    "360000034",
    "360000046",
    "360000058",
    "360000071",
    "360000083",
    "360000095",
)
"""JONG has nothing until a job starts in the polis of 6 February; OUD turned 23 before the
date; DIPLOMA has a startkwalificatie; ELDERS lives in Utrecht, then moves to Amsterdam."""


def bron(code: str, *regels: str) -> bytes:
    kop = ";".join(BY_CODE[code].kolommen)
    return "\n".join([kop, *regels, f"#aantal;{len(regels)}", ""]).encode()


def lever(code: str, peildatum: date, *regels: str) -> None:
    blob: BlobClient = clients.blob_service().get_blob_client(
        BlobContainers.BRONNEN, f"{code}/{peildatum.isoformat()}/{uuid.uuid4().hex[:8]}.csv"
    )
    blob.upload_blob(bron(code, *sorted(regels)), overwrite=True)  # a source is sorted by BSN
    geleverd = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
    assert geleverd is not None
    assert geleverd.status is Status.VERWERKT, (code, geleverd.afkeuringen)


def persoon(bsn: str, geboren: str, gemeente: str = "0363") -> str:
    return f"{bsn};{geboren};;NL;{gemeente};1012JR;1;;;2010-01-01"


def loon(bsn: str, bedrag_cent: int, begin: str = "2023-06-01", werkgever: str = "1") -> str:
    return (
        f"{bsn};{begin};;2024-12;maand;2024-12-01;2025-01-01;12345678{werkgever}L01;"
        f"dienstbetrekking;;{bedrag_cent};{bedrag_cent};0;0;0;0;0;0;0;0;86.50"
    )


def regio(naam: str, gemeente: str) -> DoorstroompuntRegio:
    return DoorstroompuntRegio(
        naam=naam, contactgemeente=gemeente, gemeenten=[gemeente], bron="testregio"
    )


def doorstroompunt(code: str) -> Caller:
    identity = Identity(f"client-{code}", frozenset({SYSTEEM}), f"client-{code}")
    return Caller(identity, code, code, Dienstgebruik(VSV_VOLGEN))


@pytest.fixture
def wereld(app_settings: dict[str, str]) -> Iterator[None]:
    """A database of its own with two regions and the sources of early February 2025."""
    gebruik_eigen_database(f"vsv-{uuid.uuid4().hex[:6]}")
    publicaties.cache_clear()
    seed()
    beheerder = local_client_id(BUREAU, [AUTORISATIEBEHEER])
    beheer = Autorisatiebeheer(
        Caller(
            Identity(beheerder, frozenset({AUTORISATIEBEHEER}), beheerder), BUREAU, BUREAU, WIJZIGEN
        )
    )
    for code, naam, gemeente in (
        (AMSTERDAM, "Amsterdam", "GM0363"),
        (UTRECHT, "Utrecht", "GM0344"),
    ):
        gegevens = OrganisatieGegevens(naam=naam, regio=regio(naam, gemeente))
        beheer.zet_organisatie(code, gegevens, None)
    lever(
        "brp-personen",
        AANGEMELD,
        *(persoon(b, "2004-05-01") for b in (JONG, WERKT, UITKERING, ZIEK, BEIDE, KRAP)),
        persoon(OUD, "2001-12-01"),
        persoon(DIPLOMA, "2005-03-01"),
        persoon(ELDERS, "2005-03-01", gemeente="0344"),
    )
    lever("duo-startkwalificaties", AANGEMELD, f"{DIPLOMA};2023-07-01")
    lever(
        "uwv-polis",
        AANGEMELD,
        loon(WERKT, 40000, werkgever="1"),
        loon(WERKT, 20000, werkgever="2"),
        loon(BEIDE, 10000),
        loon(KRAP, 57999),
    )
    lever(
        "uitkeringen",
        AANGEMELD,
        f"{UITKERING};2023-01-01;;UWV;WW;90000",
        f"{ZIEK};2023-12-01;;UWV;ZW;70000",
        f"{BEIDE};2023-12-01;;UWV;AOW;1000",
    )
    lever("gemeenten-uitkeringen", AANGEMELD, f"{BEIDE};2023-01-01;;0363;PW")
    yield
    publicaties.cache_clear()


def meld_aan(caller: Caller, bsn: str, datum: date = AANGEMELD) -> None:
    Register().aanmelden(
        caller, Aanmelding(bsn=bsn, reden=Aanmeldreden.VOORTIJDIG_SCHOOLVERLATER, datum=datum)
    )


def test_only_young_people_of_the_target_group_living_in_the_region_are_registered(
    wereld: None,
) -> None:
    amsterdam, utrecht = doorstroompunt(AMSTERDAM), doorstroompunt(UTRECHT)
    meld_aan(amsterdam, JONG)
    meld_aan(amsterdam, JONG)  # again: nothing changes
    weigeringen = {}
    for bsn in (OUD, DIPLOMA, ELDERS):
        with pytest.raises(NietToegestaan) as refused:
            meld_aan(amsterdam, bsn)
        weigeringen[bsn] = refused.value.detail
    assert "23 jaar of ouder" in weigeringen[OUD]
    assert "startkwalificatie" in weigeringen[DIPLOMA]
    assert weigeringen[ELDERS].endswith("woont op 2025-02-01 niet in de regio Amsterdam")
    meld_aan(utrecht, ELDERS)
    gevolgd, _ = Register().pagina(amsterdam, None)
    assert [(i.bsn, len(i.geschiedenis)) for i in gevolgd] == [(JONG, 1)]
    assert [i.bsn for i in Register().pagina(utrecht, None)[0]] == [ELDERS]


def test_a_young_person_who_moved_is_taken_over_by_the_region_he_lives_in(wereld: None) -> None:
    amsterdam, utrecht = doorstroompunt(AMSTERDAM), doorstroompunt(UTRECHT)
    meld_aan(utrecht, ELDERS)
    verhuisd = date(2025, 2, 6)
    lever("brp-personen", verhuisd, persoon(ELDERS, "2005-03-01"))
    meld_aan(amsterdam, ELDERS, verhuisd)
    assert Register().pagina(utrecht, None)[0] == []
    [overgenomen] = Register().pagina(amsterdam, None)[0]
    assert [g.actie for g in overgenomen.geschiedenis] == ["AANGEMELD"]
    gevonden = Register().van(ELDERS)
    assert gevonden is not None
    assert [(g.doorstroompunt, g.actie) for g in gevonden[0].geschiedenis] == [
        (UTRECHT, "AANGEMELD"),
        (UTRECHT, "AFGEMELD"),
        (AMSTERDAM, "AANGEMELD"),
    ]
    assert gevonden[0].geschiedenis[1].reden.startswith("VERHUISD")


def test_a_deregistered_young_person_is_no_longer_followed_and_keeps_his_history(
    wereld: None,
) -> None:
    amsterdam = doorstroompunt(AMSTERDAM)
    meld_aan(amsterdam, JONG)
    [ingeschreven] = Register().pagina(amsterdam, None)[0]
    afmelding = Afmelding(reden=Afmeldreden.ONDERWIJS, datum=date(2025, 3, 1))
    afgemeld = Register().afmelden(amsterdam, ingeschreven.id, afmelding)
    assert [g.actie for g in afgemeld.geschiedenis] == ["AANGEMELD", "AFGEMELD"]
    assert Register().pagina(amsterdam, None)[0] == []
    assert list(Register().gevolgd()) == []


def rapport(punt: str, week: str) -> dict[str, dict[str, str]]:
    inhoud = BESTANDEN.lees(punt, f"{week}.prioriteiten.csv")
    assert inhoud is not None
    return {r["bsn"]: r for r in csv.DictReader(io.StringIO(inhoud.decode()), delimiter=";")}


def test_a_job_start_is_signalled_once_and_the_next_report_shows_the_changed_priority(
    wereld: None,
) -> None:
    amsterdam, utrecht = doorstroompunt(AMSTERDAM), doorstroompunt(UTRECHT)
    for bsn in (JONG, WERKT, UITKERING, ZIEK, BEIDE, KRAP):
        meld_aan(amsterdam, bsn)
    moment = datetime(2025, 2, 3, 7, tzinfo=UTC)
    assert Prioriteitenrapport(Register()).maak(date(2025, 2, 3)) == {AMSTERDAM: 6}
    week6 = rapport(AMSTERDAM, "2025-W06")
    assert {b: r["prioriteit"] for b, r in week6.items()} == {
        JONG: "1",  # nothing found
        KRAP: "2",  # EUR 579.99 in December 2024: below the EUR 580 threshold
        WERKT: "3",  # two employers added up: EUR 600.00
        ZIEK: "3",  # a Ziektewet benefit counts as work
        BEIDE: "4",  # work and bijstand; the AOW is ignored as a pension
        UITKERING: "5",
    }
    assert week6[WERKT]["loon"] == "600.00"
    assert week6[WERKT]["werkgevers"] == "2"
    assert week6[BEIDE]["uitkeringen"] == "GM0363 PW, UWV AOW"
    assert {r["verandering"] for r in week6.values()} == {"NIEUW"}

    baan = date(2025, 2, 6)
    lever(
        "uwv-polis",
        baan,
        loon(WERKT, 40000, werkgever="1"),
        loon(WERKT, 20000, werkgever="2"),
        loon(BEIDE, 10000),
        loon(KRAP, 57999),
        loon(JONG, 30000, begin="2024-12-15"),
    )
    signalen = Signalen(Register(), clock=lambda: moment)
    assert signalen.signaleer(date(2025, 2, 1)) == (1, 0)  # only JONG is in priority 1
    signalen.signaleer(baan)
    signalen.signaleer(baan)  # the next run: nothing new
    gevonden = Signalen().van(amsterdam, None)
    assert [(s.bsn, s.soort, s.gebeurtenis, s.begindatum) for s in gevonden] == [
        (JONG, "INKOMSTENVERHOUDING", "BEGIN", date(2024, 12, 15))
    ]
    assert Signalen().van(utrecht, None) == []

    Prioriteitenrapport(Register()).maak(date(2025, 2, 10))
    week7 = rapport(AMSTERDAM, "2025-W07")
    assert (week7[JONG]["prioriteit"], week7[JONG]["vorige_prioriteit"]) == ("2", "1")
    assert week7[JONG]["verandering"] == "GEWIJZIGD"
    assert week7[WERKT]["verandering"] == "GELIJK"
    assert BESTANDEN.lees(UTRECHT, "2025-W07.prioriteiten.csv") is None


def test_a_wage_opgave_corrected_to_a_benefit_is_not_counted_as_work(wereld: None) -> None:
    """A later opgave of the same relation and tijdvak is the earlier one's correction: once
    corrected to a benefit, the wage it first reported is not work."""
    meld_aan(doorstroompunt(AMSTERDAM), JONG)
    opgave = loon(JONG, 70000)
    correctie = opgave.replace(";dienstbetrekking;;", ";uitkering;UWV;")
    assert sorted([correctie, opgave]) == [opgave, correctie]  # `lever` sorts: correction last
    lever("uwv-polis", date(2025, 2, 6), opgave, correctie)
    Prioriteitenrapport(Register()).maak(date(2025, 2, 10))
    jong = rapport(AMSTERDAM, "2025-W07")[JONG]
    assert (jong["prioriteit"], jong["loon"], jong["werkgevers"]) == ("1", "", "0")


def test_a_registration_dated_back_cannot_take_over_who_lives_in_the_other_region_now(
    wereld: None,
) -> None:
    """TERUG lived in Amsterdam on 1 February and lives in Utrecht since 6 February, where
    Utrecht's Doorstroompunt follows him: Amsterdam cannot take him over with the old date."""
    terug, verhuisd = "360000101", date(2025, 2, 6)
    lever("brp-personen", AANGEMELD, persoon(terug, "2004-05-01"))
    lever("brp-personen", verhuisd, persoon(terug, "2004-05-01", gemeente="0344"))
    meld_aan(doorstroompunt(UTRECHT), terug, verhuisd)
    with pytest.raises(NietToegestaan, match="een andere Doorstroompunt volgt deze jongere al"):
        meld_aan(doorstroompunt(AMSTERDAM), terug, AANGEMELD)
    gevonden = Register().van(terug)
    assert gevonden is not None
    assert gevonden[0].doorstroompunt == UTRECHT


def test_the_weekly_check_deregisters_who_moved_away_or_left_the_target_group(
    wereld: None,
) -> None:
    """JONG moves to Utrecht and WERKT obtains a startkwalificatie before the report of
    10 February: both are deregistered by the platform and are not in it; KRAP stays."""
    amsterdam = doorstroompunt(AMSTERDAM)
    for bsn in (JONG, WERKT, KRAP):
        meld_aan(amsterdam, bsn)
    later = date(2025, 2, 7)
    lever(
        "brp-personen",
        later,
        persoon(JONG, "2004-05-01", gemeente="0344"),
        persoon(WERKT, "2004-05-01"),
        persoon(KRAP, "2004-05-01"),
    )
    lever("duo-startkwalificaties", later, f"{DIPLOMA};2023-07-01", f"{WERKT};2025-02-05")
    assert Prioriteitenrapport(Register()).maak(date(2025, 2, 10)) == {AMSTERDAM: 1}
    assert set(rapport(AMSTERDAM, "2025-W07")) == {KRAP}
    for bsn, reden in ((JONG, "VERHUISD"), (WERKT, "BUITEN_DOELGROEP")):
        gevonden = Register().van(bsn)
        assert gevonden is not None
        assert gevonden[0].doorstroompunt is None
        assert (gevonden[0].geschiedenis[-1].reden, gevonden[0].geschiedenis[-1].door) == (
            reden,
            "platform",
        )
