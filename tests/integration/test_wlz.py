"""The Wlz–Wmo samenloop against the stored CIZ register: a resident with a Wmo toewijzing
(WMO301) and a Wlz-indicatie is one signal, once; a JW301 is never held against it."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from azure.storage.blob import BlobClient

from shared import settings
from shared.bronnen import intake as bronintake
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.publicatie import publicaties
from shared.errors import NietToegestaan
from shared.ggk import wlz, xml
from shared.intake.pipeline import BRONNEN, Intake
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.admission import Broninname
from shared.security.diensten import WLZ_SAMENLOOP
from shared.security.pseudonym import bsn_hash
from shared.security.tokens import Identity
from shared.storage import clients
from shared.storage.audit import AuditLog
from shared.storage.containers import BlobContainers
from synth.ggk import Client, toewijzing

pytestmark = pytest.mark.integration

PEIL = date(2026, 11, 30)
MET_WMO, MET_JW, ZONDER = "100000009", "123456782", "999999990"
"""Three residents with a Wlz-indicatie since 1 October; the third has no toewijzing."""
GEEN_INDICATIE = "100000058"
"""Not in the register; a BSN no other test uses (the audit log is shared by the tests)."""


@pytest.fixture
def register(app_settings: dict[str, str]) -> Iterator[None]:
    publicaties.cache_clear()
    kolommen = ";".join(BY_CODE[wlz.BRON].kolommen)
    regels = [f"{bsn};2026-10-01;;VV5" for bsn in (MET_WMO, MET_JW, ZONDER)]
    inhoud = "\n".join([kolommen, *regels, f"#aantal;{len(regels)}", ""]).encode()
    blob: BlobClient = clients.blob_service().get_blob_client(
        BlobContainers.BRONNEN, f"{wlz.BRON}/{PEIL.isoformat()}/{uuid.uuid4().hex[:8]}.csv"
    )
    blob.upload_blob(inhoud, overwrite=True)
    assert Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process) is not None
    yield
    publicaties.cache_clear()


def gemeente() -> Caller:
    code = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    identity = Identity("client", frozenset({SYSTEEM}), "client")
    return Caller(identity, code, code, Dienstgebruik(WLZ_SAMENLOOP))


def test_a_wmo_toewijzing_with_a_wlz_indicatie_is_one_signal_a_jw_toewijzing_none(
    register: None,
) -> None:
    caller = gemeente()
    moment = datetime(2026, 11, 2, 9, tzinfo=UTC)
    dag = date(2026, 11, 2)
    for functie, bsn in (("WMO301", MET_WMO), ("JW301", MET_JW)):
        bericht = toewijzing(functie, caller.namens[2:], "01234567", Client(bsn), "T1", dag)
        wlz.Toewijzingen().neem_op(caller.namens, xml.lees(bericht), moment)
    signalen = wlz.Signalen()
    signalen.signaleer(PEIL)
    signalen.signaleer(PEIL)  # the next day's run: nothing new
    gevonden = signalen.van(caller)
    assert [(s.bsn, s.indicatie_begindatum) for s in gevonden] == [(MET_WMO, date(2026, 10, 1))]
    verwerkt = Counter(
        r.actie
        for r in AuditLog().of_person(bsn_hash(MET_WMO, settings.audit_hash_key()))
        if r.organisatie == caller.namens and r.actie != "wlz-signalen lezen"
    )  # taken in, held against the register on each day's run, signalled once
    assert verwerkt == {
        "wmo-toewijzing opgenomen": 1,
        "wlz dagelijks vergeleken": 2,
        "wlz-signaal gemaakt": 1,
    }


def test_a_toewijzing_that_ended_before_the_indicatie_is_not_signalled(register: None) -> None:
    caller = gemeente()
    bericht = toewijzing(
        "WMO301", caller.namens[2:], "01234567", Client(MET_WMO), "T2", date(2026, 1, 5)
    ).replace(
        b"<m:Ingangsdatum>2026-01-05</m:Ingangsdatum>",
        b"<m:Ingangsdatum>2026-01-05</m:Ingangsdatum><m:Einddatum>2026-06-30</m:Einddatum>",
    )
    wlz.Toewijzingen().neem_op(caller.namens, xml.lees(bericht), datetime(2026, 1, 5, tzinfo=UTC))
    wlz.Signalen().signaleer(PEIL)
    assert wlz.Signalen().van(caller) == []


def test_the_registertoets_answers_the_indicatie_in_force(register: None) -> None:
    caller = gemeente()
    met = wlz.registertoets(caller, MET_WMO, PEIL)
    assert met.wlz_indicatie is not None
    assert (met.wlz_indicatie.begindatum, met.wlz_indicatie.zorgprofiel) == (
        date(2026, 10, 1),
        "VV5",
    )
    with pytest.raises(NietToegestaan):  # no register in force then: refused, not "none"
        wlz.registertoets(caller, MET_WMO, date(2026, 9, 30))
    assert wlz.registertoets(caller, GEEN_INDICATIE, PEIL).wlz_indicatie is None
