"""The status service says "gereed" only when every source has a snapshot."""

from __future__ import annotations

from shared.bronnen.catalogus import CATALOGUS
from shared.health import bronnen_zonder_snapshot


def test_sources_without_any_snapshot_are_named() -> None:
    loaded = {"brp-personen", "uwv-polis"}
    zonder = bronnen_zonder_snapshot(lambda bron: object() if bron in loaded else None)
    assert zonder == [b.code for b in CATALOGUS if b.code not in loaded]
    assert bronnen_zonder_snapshot(lambda bron: object()) == []
