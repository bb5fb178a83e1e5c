"""Writing the processing log: each allowed access to a person's data that the audit log
records becomes one line per data subject, under the activity of its purpose.

The audit entry says who acted (client, organisation); the line says what was processed
of whom, for which activity and organisation, in which trace: the Logboek
Dataverwerkingen keeps user identities out of its lines and links them by id. Both are
written by `shared.security.audit`, the one way in, so nothing that is audited escapes the
log: HTTP reads, file deliveries, list reads and batch runs alike, one line per person.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Literal

from shared import correlation
from shared.models.audit import AuditRegel, Resultaat
from shared.models.verwerkingen import Verwerking
from shared.storage.verwerkingen import Verwerkingslog
from shared.verwerkingen import activiteiten


@cache
def _log() -> Verwerkingslog:
    return Verwerkingslog()


def regels(audit: list[AuditRegel], eind: datetime) -> list[Verwerking]:
    """The lines of these audit entries: one per entry that names a person and a purpose
    of the register, all of one processing: the request's or file's operation, or, outside
    one (a timer, a script), one operation per write."""
    trace, operation = correlation.trace(), correlation.operation_id()
    lines = []
    for entry in audit:
        activiteit = activiteiten.van(entry.dienst or "", entry.doel or "")
        if entry.bsn_hash is None or entry.resultaat is not Resultaat.TOEGESTAAN or not activiteit:
            continue
        lines.append(
            Verwerking(
                id=uuid.uuid4().hex,
                betrokkene=entry.bsn_hash,
                trace_id=trace.trace_id,
                operation_id=operation,
                parent_operation_id=trace.parent_id,
                naam=entry.actie,
                activiteit=activiteit.id,
                status="OK",
                start_tijd=correlation.begonnen() or entry.tijdstip,
                eind_tijd=eind,
                ontvanger=entry.namens or entry.organisatie,
                audit_id=entry.id,
                ttl=int(activiteit.bewaartermijn.total_seconds()),
            )
        )
    return lines


_lopend: ContextVar[list[Verwerking] | None] = ContextVar("lopende_verwerking", default=None)


@dataclass
class Afloop:
    mislukt: bool = False
    """Set when the processing ended in an error answer without raising."""


@contextmanager
def verwerking() -> Iterator[Afloop]:
    """A processing whose lines are written when it ends, with its end and its status: OK,
    or ERROR when it raised or answered with an error (the data were read, the answer
    failed). For a request, whose persons are bounded by a page; a batch writes its lines as
    it goes."""
    token = _lopend.set([])
    afloop = Afloop()
    try:
        yield afloop
    except BaseException:
        afloop.mislukt = True
        raise
    finally:
        lines = _lopend.get() or []
        _lopend.reset(token)
        if lines:
            einde = datetime.now(UTC)
            status: Literal["OK", "ERROR"] = "ERROR" if afloop.mislukt else "OK"
            _log().schrijf(
                [r.model_copy(update={"status": status, "eind_tijd": einde}) for r in lines]
            )


def vastleggen(audit: list[AuditRegel]) -> None:
    """The lines of these written audit entries: kept for the end of the processing under
    way (`verwerking`), or written now."""
    lines = regels(audit, datetime.now(UTC))
    lopend = _lopend.get()
    if lopend is not None:
        lopend.extend(lines)
    elif lines:
        _log().schrijf(lines)
