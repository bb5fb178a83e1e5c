"""What a caller sends never makes an audit entry unbounded."""

from __future__ import annotations

from shared.models.audit import Resultaat
from shared.security import audit


def test_a_namens_sent_by_a_caller_is_kept_no_longer_than_an_organisation_code() -> None:
    regel = audit._regel(
        "GET v1/aanleveringen", Resultaat.GEWEIGERD, organisatie="MA12345678", namens="9" * 8000
    )
    assert regel.namens is not None
    assert len(regel.namens) <= audit.NAMENS_MAX
