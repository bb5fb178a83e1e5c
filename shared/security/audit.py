"""Writing the audit log: every access to personal data, grant, revoke and refusal.

`record` is the one way in. Inside an HTTP request it counts what it wrote, so the
request handling can refuse to answer a route that declared personal data but wrote no
entry (fail closed).
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from shared import correlation, settings
from shared.models.audit import ONBEKEND, AuditRegel, Resultaat
from shared.security.pseudonym import bsn_hash

if TYPE_CHECKING:
    from shared.security.access import Caller
    from shared.security.diensten import Doel
from shared.storage.audit import AuditLog

_written: ContextVar[int] = ContextVar("audit_entries_written", default=0)


@cache
def _audit_log() -> AuditLog:
    return AuditLog()


def record(
    actie: str,
    resultaat: Resultaat,
    *,
    organisatie: str | None,
    client_id: str | None = None,
    namens: str | None = None,
    dienst: str | None = None,
    doel: str | None = None,
    reden: str | None = None,
    bsn: str | None = None,
    moment: datetime | None = None,
) -> AuditRegel:
    regel = AuditRegel(
        id=str(uuid.uuid4()),
        organisatie=organisatie or ONBEKEND,
        tijdstip=moment or datetime.now(UTC),
        actie=actie,
        resultaat=resultaat,
        client_id=client_id,
        namens=namens if namens != organisatie else None,
        dienst=dienst,
        doel=doel,
        reden=reden,
        bsn_hash=bsn_hash(bsn, settings.audit_hash_key()) if bsn is not None else None,
        correlatie_id=correlation.current(),
    )
    _audit_log().append(regel)
    _written.set(_written.get() + 1)
    return regel


def access(
    caller: Caller, actie: str, doel: Doel | None = None, bsn: str | None = None
) -> AuditRegel:
    """An allowed access by a caller, for a service's purpose (or an operator's own action)."""
    return record(
        actie,
        Resultaat.TOEGESTAAN,
        organisatie=caller.organisatie,
        client_id=caller.identity.client_id,
        namens=caller.namens,
        dienst=doel.dienst if doel else None,
        doel=doel.code if doel else None,
        bsn=bsn,
    )


def written_in_this_context() -> int:
    return _written.get()


def reset_count() -> None:
    _written.set(0)
