"""The first right: before any autorisatiebeheer exists, nobody can grant through the API.

`bootstrap` creates the bureau's own organisation and binds the first autorisatiebeheer
client to it, directly in the store, and writes that to the audit log. It is run once per
environment by an administrator with data-plane access (locally: by `make run`); from
then on every right goes through the operator API.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from shared.models.audit import Resultaat
from shared.models.toegang import Koppeling, Organisatie
from shared.security import audit
from shared.storage.documents import AlreadyExists
from shared.storage.toegang import KoppelingRepository, OrganisatieRepository
from shared.validation.organisatie import Soort

BOOTSTRAP = "bootstrap"


def bootstrap(bureau: str, naam: str, client_id: str, omschrijving: str, moment: datetime) -> None:
    """Idempotent: what exists already is left as it is."""
    organisatie = Organisatie(id=bureau, organisatie=bureau, soort=Soort.BUREAU, naam=naam)
    koppeling = Koppeling(
        id=client_id,
        client_id=client_id,
        organisatie=bureau,
        omschrijving=omschrijving,
        geldig_van=moment,
        verleend_door=BOOTSTRAP,
        gewijzigd_op=moment,
    )
    creations: tuple[tuple[str, Callable[[], str]], ...] = (
        ("organisatie", lambda: OrganisatieRepository().create(organisatie)),
        ("koppeling", lambda: KoppelingRepository().create(koppeling)),
    )
    for what, create in creations:
        try:
            create()
        except AlreadyExists:
            continue
        audit.record(
            f"{BOOTSTRAP}: {what} vastleggen",
            Resultaat.TOEGESTAAN,
            organisatie=bureau,
            client_id=BOOTSTRAP,
            moment=moment,
        )
