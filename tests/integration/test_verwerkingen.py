"""The processing log against the store: a resident sees exactly his own uses, newest first;
a confidential activity is withheld and the withholding is on record; a line past its term is
gone, a live one is not (issue 18 items 1, 3 and 4)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from stdnum.nl import bsn as elfproef

from shared import settings
from shared.inzage.antwoord import samenstellen
from shared.models.inzage import Inzageverzoek, VerzoekStatus
from shared.models.verwerkingen import GebruikQuery, Verwerking
from shared.security import audit
from shared.security.access import BURGER, BURGERS, SYSTEEM, Caller, Dienstgebruik, Inwoner
from shared.security.diensten import BVV_BEREKENEN, KWIJTSCHELDING_TOETSEN, Doel
from shared.security.pseudonym import bsn_hash
from shared.security.tokens import Identity
from shared.storage.audit import AuditLog
from shared.storage.verwerkingen import Verwerkingslog
from shared.verwerkingen import activiteiten
from shared.verwerkingen.gebruik import gebruik

pytestmark = pytest.mark.integration


def inwoner() -> str:
    """A BSN of this test alone: the processing log is shared by the worker's tests."""
    while not elfproef.is_valid(kandidaat := f"{uuid.uuid4().int % 10**9:09d}"):
        pass
    return kandidaat


def organisatie(code: str, doel: Doel) -> Caller:
    identity = Identity(client_id=f"client-{code}", roles=frozenset({SYSTEEM}), subject="c")
    return Caller(identity, code, code, Dienstgebruik(doel))


def activiteit(dienst: str, doel: str) -> activiteiten.Verwerkingsactiviteit:
    gevonden = activiteiten.van(dienst, doel)
    assert gevonden is not None
    return gevonden


def burger(bsn: str) -> Caller:
    identity = Identity("portaal", frozenset({BURGER}), bsn, "http://eidas.europa.eu/LoA/high")
    return Caller(identity, BURGERS, BURGERS, Inwoner())


def test_a_resident_sees_his_own_uses_newest_first_and_nobody_elses(
    app_settings: dict[str, str],
) -> None:
    ik, ander = inwoner(), inwoner()
    audit.access(organisatie("GM0363", BVV_BEREKENEN), "bvv berekenen", BVV_BEREKENEN, ik)
    audit.personen(
        organisatie("WS0155", KWIJTSCHELDING_TOETSEN),
        "kwijtschelding toetsen",
        KWIJTSCHELDING_TOETSEN,
        [ik, ander],
    )
    mijn = gebruik(burger(ik), GebruikQuery())
    assert [(g.organisatie, g.handeling) for g in mijn.gebruik] == [
        ("WS0155", activiteit("kwijtschelding", "toetsen").naam),
        ("GM0363", activiteit("beslagvrije-voet", "berekenen").naam),
    ]
    bvv = mijn.gebruik[1]
    assert bvv.grondslag.startswith("Wetboek van Burgerlijke Rechtsvordering art. 475c")
    assert "UWV: Inkomstenverhoudingen per maand (polisadministratie)" in bvv.bronnen
    andere = gebruik(burger(ander), GebruikQuery())
    assert [g.organisatie for g in andere.gebruik] == ["WS0155"]


def test_a_confidential_activity_is_withheld_and_the_withholding_is_on_record(
    app_settings: dict[str, str],
) -> None:
    ik = inwoner()
    audit.access(organisatie("GM0363", BVV_BEREKENEN), "bvv berekenen", BVV_BEREKENEN, ik)
    audit.access(
        organisatie("GM0363", KWIJTSCHELDING_TOETSEN), "toetsen", KWIJTSCHELDING_TOETSEN, ik
    )
    grond = "UAVG art. 41 lid 1 onder d: een lopend onderzoek"

    def register(activiteit_id: str) -> activiteiten.Verwerkingsactiviteit | None:
        gevonden = activiteiten.met_id(activiteit_id)
        if gevonden and gevonden.doel == BVV_BEREKENEN:
            return replace(gevonden, vertrouwelijk=grond)
        return gevonden

    mijn = gebruik(burger(ik), GebruikQuery(), register)
    assert [g.systeem for g in mijn.gebruik] == ["IB-Next, dienst kwijtschelding"]
    termijn = date(2027, 1, 1)
    verzoek = Inzageverzoek(
        id="v", bsn=ik, ontvangen_op=date(2026, 12, 1), identiteit="DigiD", termijn=termijn,
        uiterste_termijn=termijn, status=VerzoekStatus.ONTVANGEN, geregistreerd_door="o",
    )  # fmt: skip
    dossier = samenstellen(verzoek, "a", datetime.now(UTC), register)
    assert sorted((v.handeling, v.vertrouwelijk) for v in dossier.verwerkingen) == sorted(
        [
            (activiteit("beslagvrije-voet", "berekenen").naam, grond),
            (activiteit("kwijtschelding", "toetsen").naam, None),
        ]
    )  # in the operators' file, marked; not in the resident's view
    moment = datetime.now(UTC)
    entries, _ = AuditLog().of_organisation(
        BURGERS, moment - timedelta(minutes=5), moment + timedelta(minutes=1), page_size=1000
    )
    mijne = [e for e in entries if e.bsn_hash == bsn_hash(ik, settings.audit_hash_key())]
    [achtergehouden] = [e for e in mijne if e.actie == "inzage gebruik achtergehouden"]
    bvv = activiteit("beslagvrije-voet", "berekenen")
    assert achtergehouden.reden == f"1 verwerking(en) van {bvv.id} achtergehouden: {grond}"
    assert any(e.actie == "inzage gebruik lezen" for e in mijne)


def test_a_line_past_its_term_is_gone_and_a_live_one_is_not(app_settings: dict[str, str]) -> None:
    """Cosmos removes a line once its `ttl` has passed (the container's default TTL is -1:
    per line, infra/app/cosmos.bicep); the local emulator does not expire documents, so the
    read leaves out what Cosmos would already have removed."""
    betrokkene, nu = bsn_hash(inwoner(), settings.audit_hash_key()), datetime.now(UTC)

    def regel(begin: datetime, ttl: int) -> Verwerking:
        return Verwerking(
            id=uuid.uuid4().hex,
            betrokkene=betrokkene,
            trace_id="1" * 32,
            operation_id="2" * 16,
            naam="bvv berekenen",
            activiteit=activiteit("beslagvrije-voet", "berekenen").id,
            status="OK",
            start_tijd=begin,
            eind_tijd=begin,
            ontvanger="GM0363",
            audit_id="a",
            ttl=ttl,
        )

    verlopen, levend = (
        regel(nu - timedelta(days=731), 730 * 86400),
        regel(nu - timedelta(days=1), 730 * 86400),
    )
    Verwerkingslog().schrijf([verlopen, levend])
    gelezen, _ = Verwerkingslog().van(betrokkene, page_size=10, vervolg=None)
    assert [r.id for r in gelezen] == [levend.id]
