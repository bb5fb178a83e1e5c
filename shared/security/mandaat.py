"""What a mandated agency sees of a gemeente's deliveries: those of the services its mandate
covers. Following deliveries (aanleveringen/volgen) is a purpose of its own, but a delivery
belongs to a service, and an agency mandated for kwijtschelding has no business with the
gemeente's rechtmatigheid files, their names, counts or reasons."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.security.access import Caller
from shared.security.diensten import CATALOGUS
from shared.storage.toegang import OrganisatieRepository


def zichtbare_diensten(caller: Caller) -> frozenset[str] | None:
    """None when the caller acts for itself (every service); else the services of which an
    active mandate of `caller.namens` covers a purpose."""
    if caller.namens == caller.organisatie:
        return None
    gevonden = OrganisatieRepository().find(caller.organisatie)
    if gevonden is None:
        return frozenset()
    moment = datetime.now(UTC)
    return frozenset(
        doel.dienst for doel in CATALOGUS if gevonden[0].mandaat_voor(caller.namens, doel, moment)
    )
