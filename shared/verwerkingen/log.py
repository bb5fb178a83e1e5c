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
from datetime import UTC, datetime
from functools import cache

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


def vastleggen(audit: list[AuditRegel]) -> None:
    """Write the lines of these written audit entries."""
    lines = regels(audit, datetime.now(UTC))
    if lines:
        _log().schrijf(lines)
