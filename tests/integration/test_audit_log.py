"""The audit log stores the BSN only as a keyed hash, finds a person by it, and never overwrites."""

from __future__ import annotations

import pytest
from azure.cosmos.exceptions import CosmosResourceExistsError

from shared import settings
from shared.models.audit import Resultaat
from shared.security import audit
from shared.security.pseudonym import bsn_hash
from shared.storage.audit import AuditLog

pytestmark = pytest.mark.integration


def test_a_person_is_found_by_the_hash_of_their_bsn(app_settings: dict[str, str]) -> None:
    regel = audit.record(
        "GET v1/voorbeeld", Resultaat.TOEGESTAAN, organisatie="GM0401", bsn="111222333"
    )
    assert regel.bsn_hash == bsn_hash("111222333", settings.audit_hash_key())
    found = AuditLog().of_person(bsn_hash("111222333", settings.audit_hash_key()))
    assert [r.id for r in found] == [regel.id]
    stored = AuditLog().container.read_item(regel.id, partition_key="GM0401")
    assert "111222333" not in str(stored)


def test_an_entry_is_never_overwritten(app_settings: dict[str, str]) -> None:
    regel = audit.record("GET v1/voorbeeld", Resultaat.TOEGESTAAN, organisatie="GM0402")
    with pytest.raises(CosmosResourceExistsError):
        AuditLog().append(regel.model_copy(update={"actie": "vervalst"}))
    stored = AuditLog().container.read_item(regel.id, partition_key="GM0402")
    assert stored["actie"] == "GET v1/voorbeeld"
