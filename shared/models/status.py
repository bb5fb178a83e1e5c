"""The platform's status as the status service reports it."""

from __future__ import annotations

from pydantic import Field

from shared.models.base import ApiModel


class StatusRapport(ApiModel):
    status: str = Field(description="`ok` when every dependency is healthy, else `storing`.")
    versie: str
    afhankelijkheden: dict[str, str] = Field(
        description="Per dependency (`cosmos`, `blob`): `ok`, or the error."
    )
    gereed: bool = Field(
        description="True when every dependency is healthy and every source has a snapshot: "
        "services that read the sources can answer."
    )
    bronnen_zonder_snapshot: list[str] = Field(
        description="Sources without any snapshot yet (being loaded, or never delivered)."
    )
