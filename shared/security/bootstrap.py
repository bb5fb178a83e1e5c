"""The bureau's own rights: nobody grants them through the API.

`bootstrap` creates the bureau's own organisation and binds the first autorisatiebeheer
client to it, directly in the store, and writes that to the audit log; `bind_operator`
binds a further operator client of the bureau the same way. Both are run by an
administrator with data-plane access (locally: by `make run`). The operator API never binds
a client to the caller's own organisation (separation of duties), so every other right
goes through it, and the bureau's clients only through here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime

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
    _create_once(bureau, moment, "organisatie", lambda: OrganisatieRepository().create(organisatie))
    bind_operator(bureau, client_id, omschrijving, moment, moment)


def bind_operator(
    bureau: str,
    client_id: str,
    omschrijving: str,
    moment: datetime,
    geldig_van: datetime,
    geldig_tot: datetime | None = None,
) -> None:
    """Bind an operator client to the bureau; idempotent (an existing binding stays)."""
    koppeling = Koppeling(
        id=client_id,
        client_id=client_id,
        organisatie=bureau,
        omschrijving=omschrijving,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        verleend_door=BOOTSTRAP,
        gewijzigd_op=moment,
    )
    _create_once(bureau, moment, "koppeling", lambda: KoppelingRepository().create(koppeling))


def _create_once(bureau: str, moment: datetime, what: str, create: Callable[[], str]) -> None:
    try:
        create()
    except AlreadyExists:
        return
    audit.record(
        f"{BOOTSTRAP}: {what} vastleggen",
        Resultaat.TOEGESTAAN,
        organisatie=bureau,
        client_id=BOOTSTRAP,
        moment=moment,
    )


def main() -> None:
    """`python -m shared.security.bootstrap operator --bureau IB0001 --client <id> --van <iso>`
    with the function app's settings and data-plane rights in the environment."""
    parser = argparse.ArgumentParser(prog="python -m shared.security.bootstrap")
    commands = parser.add_subparsers(dest="command", required=True)
    operator = commands.add_parser("operator", help="bind an operator client to the bureau")
    operator.add_argument("--bureau", required=True)
    operator.add_argument("--client", required=True)
    operator.add_argument("--omschrijving", default="operator")
    operator.add_argument("--van", type=datetime.fromisoformat, required=True)
    operator.add_argument("--tot", type=datetime.fromisoformat)
    arguments = parser.parse_args()
    bind_operator(
        arguments.bureau,
        arguments.client,
        arguments.omschrijving,
        datetime.now(UTC),
        arguments.van,
        arguments.tot,
    )


if __name__ == "__main__":
    main()
