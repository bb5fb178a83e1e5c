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
    adressen: int | None = Field(
        default=None,
        description="Addresses of two or more persons written to the address index "
        "(`bronadressenperemmer`); None: this snapshot has no address index.",
    )
    ledenfilter: str | None = Field(
        default=None,
        description="Path in `bronsnapshots` of the filter of its persons (`bronnen.leden`); "
        "None: published without one, every lookup reads it.",
    )
    emmers: int | None = Field(
        default=None,
        ge=1,
        description="How many partitions (`shared.storage.emmers`) its address documents "
        "(and, without `persoonsemmers`, its person documents) are spread over, in "
        "`bronadressenperemmer` and `bronfeitenperemmer`; "
        "None: published before the emmers, in `bronfeiten` (by BSN) and `bronadressen`.",
    )
    persoonsemmers: int | None = Field(
        default=None,
        ge=1,
        description="Its person documents are in each person's emmer of this many "
        "(`shared.storage.emmers.persoonsemmer`), beside his documents of every other "
        "snapshot; None: in the snapshot's own `emmers` (or by BSN before them).",
    )


class Publicatie(ApiModel):
    """Per source: its published snapshots, newest peildatum first (one per peildatum)."""

    id: str
    bron: str
    snapshots: list[Snapshot]


class Bronfeiten(ApiModel):
    """What one snapshot of one source holds on one person (a Cosmos document)."""

    id: str
    emmer: str | None = Field(
        default=None, description="Its partition; None in a snapshot without emmers."
    )
    bsn: str
    bron: str
    snapshot: str
    peildatum: date
    records: list[dict[str, Any]]


class Bronadres(ApiModel):
    """The persons registered at one address in one snapshot (a Cosmos document in
    `bronadressenperemmer`; `bronadressen` before the emmers), written only where two or
    more are registered."""

    id: str = Field(description="`document_id(adres, snapshot)`.")
    emmer: str | None = Field(
        default=None, description="Its partition; None in a snapshot without emmers."
    )
    adres: str = Field(
        description="`document_id('adres', Adres.sleutel)`: the address hashed, never in plain."
    )
    snapshot: str
    peildatum: date
    bewoners: list[str] = Field(description="Their BSNs, sorted.")
