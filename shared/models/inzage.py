"""Asking what the sources hold on one person (the BSN travels in the body, never the URL)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from shared.models.base import ApiModel
from shared.models.bronnen import Bsn
from shared.models.bronsnapshot import Snapshot


class PersoonVraag(ApiModel):
    bsn: Bsn
    peildatum: date = Field(description="The reference date: the snapshots in force on it.")


class BronStand(ApiModel):
    bron: str
    snapshot: Snapshot | None = Field(description="None: no snapshot of this source for the date.")
    records: list[dict[str, Any]] = Field(description="In the source file's own column names.")


class PersoonBronnen(ApiModel):
    peildatum: date
    bronnen: list[BronStand]
