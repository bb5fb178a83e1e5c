"""A policy change is saved only together with its audit entry, and the entry is bounded
(issue 13 §3)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from shared.kwijtschelding.beleid import BeleidRepository
from shared.models.audit import TEKST_MAX
from shared.models.kwijtschelding import KwijtscheldingBeleid
from shared.security import audit
from shared.security.access import SYSTEEM, Caller, Dienstgebruik
from shared.security.diensten import KWIJTSCHELDING_TOETSEN
from shared.security.tokens import Identity
from shared.storage.audit import AuditLog

pytestmark = pytest.mark.integration
ANDERS = KwijtscheldingBeleid(kosten_van_bestaan_percentage=Decimal(95))


def caller() -> Caller:
    organisatie = f"GM{uuid.uuid4().int % 9000 + 1000:04d}"
    identity = Identity("client", frozenset({SYSTEEM}), "client")
    return Caller(identity, organisatie, organisatie, Dienstgebruik(KWIJTSCHELDING_TOETSEN))


class Unavailable(AuditLog):
    def append(self, regel: Any) -> None:
        raise ConnectionError("audit log onbereikbaar")

    def append_all(self, regels: Any) -> None:
        raise ConnectionError("audit log onbereikbaar")


def test_when_the_audit_entry_cannot_be_written_the_policy_is_not_changed(
    app_settings: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    wie = caller()
    repository = BeleidRepository()
    monkeypatch.setattr(audit, "_audit_log", Unavailable)
    with pytest.raises(ConnectionError):
        repository.zet(wie, wie.namens, ANDERS, None)
    assert repository.get(wie.namens, wie.namens) is None
    monkeypatch.undo()
    etag = repository.zet(wie, wie.namens, KwijtscheldingBeleid(), None)
    monkeypatch.setattr(audit, "_audit_log", Unavailable)
    with pytest.raises(ConnectionError):
        repository.zet(wie, wie.namens, ANDERS, etag)
    beleid, _ = repository.van(wie.namens)
    assert beleid.kosten_van_bestaan_percentage == 90


def test_the_audit_entry_of_a_policy_is_bounded(app_settings: dict[str, str]) -> None:
    wie = caller()
    groot = KwijtscheldingBeleid(belastingsoorten=[f"soort-{i}" for i in range(2000)])
    BeleidRepository().zet(wie, wie.namens, groot, None)
    nu = datetime.now(UTC)
    [regel] = [
        r
        for r in AuditLog().of_organisation(
            wie.organisatie, nu - timedelta(hours=1), nu + timedelta(hours=1), page_size=10
        )[0]
        if r.actie == "kwijtscheldingsbeleid vastgesteld"
    ]
    assert regel.reden is not None
    assert len(regel.reden) <= TEKST_MAX
    assert regel.reden.startswith("sha256 ")
