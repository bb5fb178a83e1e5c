"""The audit log is kept as long as the register of processing activities says (issue 18
item 4): each entry carries its activity's term as its Cosmos `ttl`, a chain holds entries of
one term, and `verify` accepts a chain whose oldest entries Cosmos removed, once their term
has passed, and not before; a gap after them is still a break."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from shared.models.audit import AuditRegel, Resultaat
from shared.security import audit, auditketen
from shared.security.diensten import BVV_BEREKENEN
from shared.verwerkingen import activiteiten

DAG = date(2026, 1, 10)
DAG_TERMIJN = 86_400


@pytest.fixture(autouse=True)
def sleutel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_HASH_KEY", "k" * 32)


def keten(aantal: int) -> list[dict[str, object]]:
    naam = auditketen.keten_van("GM0363", DAG, "schrijver", DAG_TERMIJN)
    regels = [
        AuditRegel(
            id="x",
            organisatie="GM0363",
            tijdstip=datetime(2026, 1, 10, 12, tzinfo=UTC),
            actie=f"lezen {n}",
            resultaat=Resultaat.TOEGESTAAN,
            ttl=DAG_TERMIJN,
        )
        for n in range(aantal)
    ]
    return [
        r.model_dump(mode="json", by_alias=True) for r in auditketen._gekoppeld(regels, naam, None)
    ]


def breuken(documenten: list[dict[str, object]], nu: datetime) -> list[str]:
    found, _ = auditketen.verifieer(documenten, auditketen.ketensleutel(), nu=nu)
    return [str(b) for b in found]


def test_an_entry_carries_the_term_of_its_activity() -> None:
    bvv = activiteiten.van(BVV_BEREKENEN.dienst, BVV_BEREKENEN.code)
    assert bvv is not None
    regel = audit._regel(
        "bvv", Resultaat.TOEGESTAAN, organisatie="GM0363", dienst="beslagvrije-voet",
        doel="berekenen", bsn="111222333",
    )  # fmt: skip
    assert regel.ttl == int(bvv.bewaartermijn.total_seconds()) == 2 * 365 * 86_400
    grant = audit._regel("aansluiting verlenen", Resultaat.TOEGESTAAN, organisatie="IB0001")
    assert grant.ttl == -1  # no processing activity: kept


def test_expired_oldest_entries_are_no_break_once_their_term_has_passed() -> None:
    documenten = keten(4)[2:]  # 0 and 1 removed by Cosmos
    verloopt = datetime(2026, 1, 11, tzinfo=UTC)  # DAG + one day
    assert breuken(documenten, verloopt) == []
    assert breuken(documenten, verloopt - timedelta(seconds=1)) != []  # removed before: a break


def test_a_gap_after_the_expired_entries_is_still_a_break() -> None:
    alle = keten(5)
    documenten = [alle[2], alle[4]]  # 3 removed by someone, not by its term
    [breuk] = breuken(documenten, datetime(2026, 2, 1, tzinfo=UTC))
    assert breuk.endswith("ontbreekt (de volgende is 4)")
    assert "#3" in breuk


def test_a_chain_that_is_kept_has_no_expiry() -> None:
    assert auditketen.verloopt_vanaf(auditketen.keten_van("GM0363", DAG, "s")) is None
    assert auditketen.verloopt_vanaf("GM0363|2026-01-10|s") is None  # chained before terms
