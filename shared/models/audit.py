"""An entry of the audit log: who did what, when, for which purpose, to whom (hashed)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import AwareDatetime, Field, field_serializer

from shared.models.base import ApiModel

ONBEKEND = "onbekend"
"""The organisation of an entry whose caller could not be identified (no valid token)."""
TEKST_MAX = 1000
"""At most this many characters of a free text (`actie`, `reden`) are audited: an entry
records what happened, not a request body (a policy is audited as its hash and summary)."""


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so that text order is time order in queries.

    >>> from datetime import timedelta, timezone
    >>> utc_text(datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=1))))
    '2026-01-01T11:00:00.000000Z'
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Resultaat(StrEnum):
    TOEGESTAAN = "toegestaan"
    GEWEIGERD = "geweigerd"


class AuditRegel(ApiModel):
    id: str
    organisatie: str = Field(description="The caller's own organisation (partition key).")
    tijdstip: AwareDatetime
    actie: str = Field(description="What was done, e.g. `GET v1/aanleveringen` or `verlenen`.")
    resultaat: Resultaat
    client_id: str | None = None
    namens: str | None = Field(default=None, description="Whose data, when not the caller's own.")
    dienst: str | None = None
    doel: str | None = None
    reden: str | None = None
    bsn_hash: str | None = Field(
        default=None,
        description="HMAC-SHA256 of the BSN under the audit key: searchable, not readable.",
    )
    correlatie_id: str | None = None
    keten: str | None = Field(
        default=None,
        description="The hash chain the entry is in: `{organisatie}|{dag}|{schrijver}` "
        "(`shared.security.auditketen`); None: written before entries were chained.",
    )
    volgnummer: int | None = Field(default=None, description="Its place in the chain, from 0.")
    vorige: str | None = Field(default=None, description="The hash of the entry before it.")
    hash: str | None = Field(
        default=None, description="HMAC-SHA256 of the entry (with `vorige`) under the chain key."
    )
    ttl: int = Field(
        default=-1,
        description="Seconds Cosmos keeps the entry: the term of its processing activity in "
        "the register (`shared.verwerkingen.activiteiten`); -1: kept (grants, refusals of a "
        "token, operators' own actions: no processing of a resident's data).",
    )

    @field_serializer("tijdstip")
    def _fixed_width(self, tijdstip: datetime) -> str:
        return utc_text(tijdstip)


class AuditLijst(ApiModel):
    regels: list[AuditRegel]
    volgende: str | None = None
