"""Published snapshots of a source, and what one source holds on one person."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import AwareDatetime, Field

from shared.models.base import ApiModel


class Snapshot(ApiModel):
    snapshot: str = Field(description="The id of the delivery that made it.")
    peildatum: date
    gepubliceerd: AwareDatetime
    aantal_records: int
    aantal_personen: int
    parquet: list[str] = Field(description="Paths of its Parquet parts in `bronsnapshots`.")


class Publicatie(ApiModel):
    """Per source: its published snapshots, newest peildatum first (one per peildatum)."""

    id: str
    bron: str
    snapshots: list[Snapshot]


class Bronfeiten(ApiModel):
    """What one snapshot of one source holds on one person (a Cosmos document)."""

    id: str
    bsn: str
    bron: str
    snapshot: str
    peildatum: date
    records: list[dict[str, Any]]
