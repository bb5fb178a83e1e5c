"""The share of gemeenten whose delivery of a month was correct (a figure the bureau reports)."""

from __future__ import annotations

from shared.models.rechtmatigheid import Leverkwaliteit
from shared.security.diensten import RECHTMATIGHEID_CONTROLEREN
from shared.storage.aanleveringen import AanleveringRepository


def leverkwaliteit(maand: str) -> Leverkwaliteit:
    """A gemeente's delivery counts as correct when its last one of the month was processed
    with no record rejected."""
    rows = AanleveringRepository().container.query_items(
        "SELECT c.organisatie, c.ontvangen, c.status, c.aantalAfgekeurd FROM c "
        "WHERE c.dienst = @d AND STARTSWITH(c.ontvangen, @m)",
        parameters=[
            {"name": "@d", "value": RECHTMATIGHEID_CONTROLEREN.dienst},
            {"name": "@m", "value": maand},
        ],
        enable_cross_partition_query=True,
    )
    latest: dict[str, dict[str, object]] = {}
    for row in rows:
        current = latest.get(str(row["organisatie"]))
        if current is None or str(row["ontvangen"]) > str(current["ontvangen"]):
            latest[str(row["organisatie"])] = row
    correct = sum(
        1 for r in latest.values() if r["status"] == "verwerkt" and not r.get("aantalAfgekeurd")
    )
    return Leverkwaliteit(
        maand=maand,
        gemeenten=len(latest),
        correct=correct,
        aandeel_correct=correct / len(latest) if latest else None,
    )
