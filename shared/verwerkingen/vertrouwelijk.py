"""Which processing activities are withheld from residents, as data operators keep.

The register (`activiteiten`) says what an activity is; whether it is confidential depends on
a ground that comes and goes (a running investigation): `autorisatiebeheer` sets it with its
legal ground and lifts it, each change audited. The resident's usage view and his letter read
the register with these markings; the operators' answer shows them marked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from azure.cosmos.exceptions import CosmosResourceNotFoundError

from shared.errors import NotFound
from shared.models.audit import Resultaat
from shared.models.verwerkingen import (
    Activiteitenregister,
    ActiviteitInRegister,
    VertrouwelijkeActiviteit,
    Vertrouwelijkheid,
)
from shared.security import audit
from shared.security.access import Caller
from shared.storage.containers import VERTROUWELIJK
from shared.storage.documents import DocumentRepository
from shared.verwerkingen import activiteiten
from shared.verwerkingen.activiteiten import Verwerkingsactiviteit

Register = Callable[[str], Verwerkingsactiviteit | None]


class _Opslag(DocumentRepository[VertrouwelijkeActiviteit]):
    def __init__(self) -> None:
        super().__init__(VERTROUWELIJK, VertrouwelijkeActiviteit)


def _gronden() -> dict[str, str]:
    """Per activity code withheld, its ground (one query of a container of a few lines)."""
    return {m.id: m.grond for m in _Opslag().all("SELECT * FROM c", {}, partition=None)}


def register() -> Register:
    """The register of activities (by id) with the confidentiality in force now."""
    gronden = _gronden()

    def activiteit(activiteit_id: str) -> Verwerkingsactiviteit | None:
        gevonden = activiteiten.met_id(activiteit_id)
        if gevonden is None or gevonden.code not in gronden:
            return gevonden
        return replace(gevonden, vertrouwelijk=gronden[gevonden.code])

    return activiteit


def overzicht() -> Activiteitenregister:
    gronden = _gronden()
    return Activiteitenregister(
        activiteiten=[
            ActiviteitInRegister(
                code=a.code,
                id=a.id,
                dienst=a.doel.dienst,
                doel=a.doel.code,
                naam=a.naam,
                grondslag=a.grondslag,
                bronnen=list(a.bronnen),
                bewaartermijn_dagen=a.bewaartermijn.days,
                bewaartermijn_bron=a.bewaartermijn_bron,
                vertrouwelijk=gronden.get(a.code, a.vertrouwelijk),
            )
            for a in activiteiten.REGISTER
        ]
    )


def _bestaand(code: str) -> Verwerkingsactiviteit:
    gevonden = activiteiten.met_code(code)
    if gevonden is None:
        raise NotFound(f"geen verwerkingsactiviteit {code} in het register")
    return gevonden


def _audit(caller: Caller, actie: str, reden: str) -> None:
    audit.record(
        actie,
        Resultaat.TOEGESTAAN,
        organisatie=caller.organisatie,
        client_id=caller.identity.client_id,
        reden=reden,
    )


def markeer(caller: Caller, code: str, vertrouwelijkheid: Vertrouwelijkheid) -> None:
    activiteit = _bestaand(code)
    _audit(
        caller, "verwerkingsactiviteit vertrouwelijk", f"{activiteit.id}: {vertrouwelijkheid.grond}"
    )
    _Opslag().upsert(
        VertrouwelijkeActiviteit(
            id=code,
            grond=vertrouwelijkheid.grond,
            vastgesteld_door=caller.identity.client_id,
            vastgesteld_op=datetime.now(UTC),
        )
    )


def hef_op(caller: Caller, code: str) -> None:
    activiteit = _bestaand(code)
    _audit(caller, "verwerkingsactiviteit niet meer vertrouwelijk", activiteit.id)
    with contextlib.suppress(CosmosResourceNotFoundError):  # not withheld: nothing to lift
        _Opslag().container.delete_item(code, partition_key=code)
