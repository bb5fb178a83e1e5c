"""Writing the audit log: every access to personal data, grant, revoke and refusal.

`record` is the one way in (`personen` for many persons at once). Inside an HTTP request
it counts what it wrote, so the request handling can refuse to answer a route that
declared personal data but wrote no entry (fail closed). Entries are appended to hash
chains (`shared.security.auditketen`); free text is cut to `TEKST_MAX` characters.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from shared import correlation, settings
from shared.models.audit import ONBEKEND, TEKST_MAX, AuditRegel, Resultaat
from shared.security import auditketen
from shared.security.pseudonym import bsn_hash
from shared.verwerkingen import activiteiten
from shared.verwerkingen import log as verwerkingslog

if TYPE_CHECKING:
    from shared.security.access import Caller
    from shared.security.diensten import Doel
from shared.storage.audit import AuditLog

_written: ContextVar[int] = ContextVar("audit_entries_written", default=0)


@cache
def _audit_log() -> AuditLog:
    return AuditLog()


NAMENS_MAX = 20
"""`namens` is an organisation code; what a caller sent as one is kept no longer than that."""


def _kort(tekst: str | None, maximum: int = TEKST_MAX) -> str | None:
    if tekst is None or len(tekst) <= maximum:
        return tekst
    return tekst[: maximum - 1] + "…"


def _regel(
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
    gehasht: str | None = None,
) -> AuditRegel:
    """`gehasht`: the person by the keyed hash a stored document kept, when no BSN is at hand."""
    if bsn is not None:
        gehasht = bsn_hash(bsn, settings.audit_hash_key())
    activiteit = activiteiten.van(dienst or "", doel or "")
    return AuditRegel(
        id=str(uuid.uuid4()),  # its place in its chain replaces it when written
        organisatie=organisatie or ONBEKEND,
        tijdstip=moment or datetime.now(UTC),
        actie=_kort(actie) or "",
        resultaat=resultaat,
        client_id=client_id,
        namens=_kort(namens, NAMENS_MAX) if namens != organisatie else None,
        dienst=dienst,
        doel=doel,
        reden=_kort(reden),
        bsn_hash=gehasht,
        correlatie_id=correlation.current(),
        ttl=int(activiteit.bewaartermijn.total_seconds()) if activiteit else -1,
    )


def _schrijf(regels: list[AuditRegel]) -> list[AuditRegel]:
    written = auditketen.schrijf(regels, _audit_log())
    verwerkingslog.vastleggen(written)
    _written.set(_written.get() + len(written))
    return written


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
    regel = _regel(
        actie,
        resultaat,
        organisatie=organisatie,
        client_id=client_id,
        namens=namens,
        dienst=dienst,
        doel=doel,
        reden=reden,
        bsn=bsn,
        moment=moment,
    )
    return _schrijf([regel])[0]


def doel_van(caller: Caller, standaard: Doel) -> Doel:
    """The purpose the caller uses a service for: a toets run for another purpose (a
    proactive search) is audited under that purpose, not the toets's own."""
    from shared.security.access import Dienstgebruik  # access imports this module

    return caller.toegang.doel if isinstance(caller.toegang, Dienstgebruik) else standaard


def personen(
    caller: Caller, actie: str, doel: Doel | None, bsns: Iterable[str]
) -> list[AuditRegel]:
    """An allowed access to each of these persons' data: one entry per person (each BSN
    once), written in batches; none when there are none."""
    moment = datetime.now(UTC)
    regels = [_toegang(caller, actie, doel, bsn=bsn, moment=moment) for bsn in dict.fromkeys(bsns)]
    return _schrijf(regels) if regels else []


def verwerkt(
    organisatie: str, actie: str, doel: Doel, bsns: Iterable[str], reden: str | None = None
) -> list[AuditRegel]:
    """The platform's own processing of these persons' data for an organisation, when no
    client acts (a run, a delivered file, a signal made, a registration ended): one entry per
    person (each BSN once), in batches."""
    return _per_persoon(Resultaat.TOEGESTAAN, organisatie, actie, doel, bsns, reden)


def verwerkt_per_organisatie(actie: str, doel: Doel, paren: Iterable[tuple[str, str]]) -> None:
    """`verwerkt` for (organisation, BSN) pairs of a run: in batches per organisation."""
    per_organisatie: dict[str, list[str]] = {}
    for organisatie, bsn in paren:
        per_organisatie.setdefault(organisatie, []).append(bsn)
    for organisatie, bsns in per_organisatie.items():
        verwerkt(organisatie, actie, doel, bsns)


def verwerkt_gehasht(
    organisatie: str, actie: str, doel: Doel, gehashte: Iterable[str]
) -> list[AuditRegel]:
    """`verwerkt` for persons known only by the keyed hashes a stored document kept."""
    return _per_persoon(Resultaat.TOEGESTAAN, organisatie, actie, doel, (), None, gehashte)


def geweigerd(
    organisatie: str, actie: str, doel: Doel, bsns: Iterable[str], reden: str
) -> list[AuditRegel]:
    """What an organisation asked for these persons and the platform refused, when no client
    acts (a line of a delivered file): one entry per person, and no processing."""
    return _per_persoon(Resultaat.GEWEIGERD, organisatie, actie, doel, bsns, reden)


def _per_persoon(
    resultaat: Resultaat,
    organisatie: str,
    actie: str,
    doel: Doel,
    bsns: Iterable[str],
    reden: str | None,
    gehashte: Iterable[str] = (),
) -> list[AuditRegel]:
    moment = datetime.now(UTC)
    sleutel = settings.audit_hash_key()
    personen = [*(bsn_hash(b, sleutel) for b in bsns), *gehashte]
    regels = [
        _regel(
            actie,
            resultaat,
            organisatie=organisatie,
            dienst=doel.dienst,
            doel=doel.code,
            reden=reden,
            gehasht=gehasht,
            moment=moment,
        )
        for gehasht in dict.fromkeys(personen)
    ]
    return _schrijf(regels) if regels else []


def gehashte_personen(
    caller: Caller, actie: str, doel: Doel | None, gehashte: Iterable[str]
) -> list[AuditRegel]:
    """An allowed access to the data of persons known only by the keyed hashes a stored
    document kept of them: one entry per person (each once); none when there are none."""
    moment = datetime.now(UTC)
    regels = [
        _toegang(caller, actie, doel, gehasht=h, moment=moment) for h in dict.fromkeys(gehashte)
    ]
    return _schrijf(regels) if regels else []


def gelezen(caller: Caller, actie: str, doel: Doel | None, bsns: Iterable[str]) -> list[AuditRegel]:
    """A read of what holds these persons (a list, a file, a message): one entry per person,
    or one without a person when it held none, so the read itself is on record either way."""
    bsns = list(bsns)
    return personen(caller, actie, doel, bsns) if bsns else [access(caller, actie, doel)]


def access(
    caller: Caller,
    actie: str,
    doel: Doel | None = None,
    bsn: str | None = None,
    gehasht: str | None = None,
) -> AuditRegel:
    """An allowed access by a caller, for a service's purpose (or an operator's own action);
    the person by `bsn`, or by the keyed hash a stored document kept of it (`gehasht`)."""
    return _schrijf([_toegang(caller, actie, doel, bsn=bsn, gehasht=gehasht)])[0]


def _toegang(
    caller: Caller,
    actie: str,
    doel: Doel | None,
    *,
    bsn: str | None = None,
    gehasht: str | None = None,
    moment: datetime | None = None,
) -> AuditRegel:
    """The entry of an allowed access by `caller`, for one person or none."""
    return _regel(
        actie,
        Resultaat.TOEGESTAAN,
        organisatie=caller.organisatie,
        client_id=caller.identity.client_id,
        namens=caller.namens,
        dienst=doel.dienst if doel else None,
        doel=doel.code if doel else None,
        bsn=bsn,
        moment=moment,
        gehasht=gehasht,
    )


def written_in_this_context() -> int:
    return _written.get()


def reset_count() -> None:
    _written.set(0)
