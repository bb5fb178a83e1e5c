"""The audit log as hash chains: an entry changed or removed afterwards is found.

    python -m shared.security.auditketen verify [--organisatie GM0363] [--ongeketend-tot 2026-11-01]

Design. Each entry carries `keten`, `volgnummer`, `vorige` (the hash of the entry before
it in its chain) and `hash`: HMAC-SHA256, under a key derived from `AUDIT_HASH_KEY`, of
the entry as stored (every field but `hash`, canonical JSON). Its id is
`{keten}:{volgnummer}`.

- One chain per organisation (the partition), UTC day, writer and term; a writer is one
  thread of one process (a random id). The term is the entry's `ttl` (its processing
  activity's retention): Cosmos removes a chain's entries together, oldest first, from the
  chain's day plus its term, and `verify` checks such a chain from its first entry left.
  Writers on many instances and threads never wait for one global head, nor for each
  other: a thread knows the head of its own chains in memory and appends with one create
  (many entries of one organisation: one transactional batch of creates,
  `AuditLog.append_all`). No read is needed to append.
- Two writers cannot both write place N of a chain: the id is deterministic, so the
  second create fails with a conflict (`Bezet`). The writer then reads the chain's head
  from Cosmos and appends after it. A create that failed without an answer (a timeout
  after the service wrote) is handled the same way: its entry is in the chain.
- Keyed, not a plain hash: whoever can write to the audit container (the app's identity,
  an operator with a data role) but does not hold the key in Key Vault cannot recompute
  the hashes of an entry he changed or inserted, nor re-link a chain around one he
  removed. A plain hash would be enough only if the chain heads were also exported where
  the writer cannot reach them; they are not, so the key is what makes it evident.

`verify` reads every entry (of one organisation, or all), checks per chain that the
places run 0, 1, 2, ... without a gap, that each entry's `vorige` is the hash of the entry
before it, that its hash is right, its id and partition match its chain; and reports the
first broken or missing link of each chain. Exit code 1 when any is found.

What it cannot see: a chain cut off at its end or removed whole (nothing after it points
to it). That is what the create-only data role on the audit container is for (the app's
identity can neither replace nor delete, `infra/`); the chains make a change by anyone
who got around it evident. Entries written before chaining carry no chain: `verify`
reports them unless `--ongeketend-tot` says until when that is expected.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sys
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from azure.cosmos.exceptions import CosmosResourceExistsError

from shared import settings
from shared.models.audit import AuditRegel, utc_text
from shared.storage.audit import AuditLog, Bezet
from shared.storage.documents import BATCH

BEGIN = "0" * 64
"""The `vorige` of the first entry of a chain."""
KETEN_SLEUTEL_DOEL = b"ibnext auditketen v1"
POGINGEN = 5


@lru_cache(maxsize=4)
def _afgeleid(audit_key: bytes) -> bytes:
    return hmac.new(audit_key, KETEN_SLEUTEL_DOEL, hashlib.sha256).digest()


def ketensleutel() -> bytes:
    """The chain key: derived from the audit key, so no new secret is needed, and not the
    audit key itself, so a chain hash is never a BSN pseudonym (or the other way round)."""
    return _afgeleid(settings.audit_hash_key())


def inhoud(document: dict[str, Any]) -> bytes:
    """The stored entry as hashed: every field but `hash` and Cosmos' own (`_rid`, ...)."""
    fields = {k: v for k, v in document.items() if k != "hash" and not k.startswith("_")}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def hash_van(document: dict[str, Any], sleutel: bytes) -> str:
    return hmac.new(sleutel, inhoud(document), hashlib.sha256).hexdigest()


def _document(regel: AuditRegel) -> dict[str, Any]:
    return regel.model_dump(mode="json", by_alias=True)


@dataclass
class _Kop:
    volgnummer: int
    hash: str


@dataclass
class _Schrijver:
    """One thread's chains in one database: its writer id and the head of each chain."""

    database: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    koppen: dict[str, _Kop] = field(default_factory=dict)


_lokaal = threading.local()


def _schrijver() -> _Schrijver:
    """This thread's writer; a new one when the process was pointed at another database
    (the tests do), whose chains must not continue those of the first."""
    database = settings.cosmos_database()
    schrijver: _Schrijver | None = getattr(_lokaal, "schrijver", None)
    if schrijver is None or schrijver.database != database:
        schrijver = _lokaal.schrijver = _Schrijver(database)
    return schrijver


def keten_van(organisatie: str, dag: date, schrijver: str, ttl: int = -1) -> str:
    """The chain: per organisation, UTC day, writer and term, so that the entries of a chain
    expire together, oldest first, on the days after `dag` + term."""
    return f"{organisatie}|{dag.isoformat()}|{schrijver}|{ttl}"


def verloopt_vanaf(keten: str) -> datetime | None:
    """When Cosmos starts removing the chain's entries (its first may go from then on); None
    for a chain that is kept (or of before terms were in the chains)."""
    delen = keten.split("|")
    if len(delen) < 4 or int(delen[3]) < 0:
        return None
    return datetime.combine(date.fromisoformat(delen[1]), datetime.min.time(), UTC) + timedelta(
        seconds=int(delen[3])
    )


def _gekoppeld(regels: list[AuditRegel], keten: str, kop: _Kop | None) -> list[AuditRegel]:
    sleutel = ketensleutel()
    volgnummer, vorige = (kop.volgnummer + 1, kop.hash) if kop else (0, BEGIN)
    result = []
    for regel in regels:
        document = _document(
            regel.model_copy(
                update={
                    "id": f"{keten}:{volgnummer}",
                    "keten": keten,
                    "volgnummer": volgnummer,
                    "vorige": vorige,
                    "hash": None,
                }
            )
        )
        document["hash"] = vorige = hash_van(document, sleutel)
        result.append(AuditRegel.model_validate(document))
        volgnummer += 1
    return result


def schrijf(regels: Sequence[AuditRegel], log: AuditLog) -> list[AuditRegel]:
    """Append entries to this thread's chains (per organisation, in batches); returns them
    as written (with their chain fields). Raises when an entry could not be written."""
    schrijver = _schrijver()
    dag = datetime.now(UTC).date()
    per_keten: dict[tuple[str, int], list[AuditRegel]] = {}
    for regel in regels:
        per_keten.setdefault((regel.organisatie, regel.ttl), []).append(regel)
    written: list[AuditRegel] = []
    for (organisatie, ttl), eigen in per_keten.items():
        keten = keten_van(organisatie, dag, schrijver.id, ttl)
        schrijver.koppen = {  # yesterday's chains are done
            k: v for k, v in schrijver.koppen.items() if k.split("|")[1] == dag.isoformat()
        }
        for begin in range(0, len(eigen), BATCH):
            written.extend(_voeg_toe(eigen[begin : begin + BATCH], keten, schrijver, log))
    return written


def _voeg_toe(
    regels: list[AuditRegel], keten: str, schrijver: _Schrijver, log: AuditLog
) -> list[AuditRegel]:
    for _ in range(POGINGEN):
        gekoppeld = _gekoppeld(regels, keten, schrijver.koppen.get(keten))
        try:
            log.append_all(gekoppeld)
        except (Bezet, CosmosResourceExistsError):
            laatste = log.last_of_chain(gekoppeld[0].organisatie, keten)
            if laatste is not None and laatste.volgnummer is not None and laatste.hash:
                schrijver.koppen[keten] = _Kop(laatste.volgnummer, laatste.hash)
            continue
        laatste_nummer = _begin(gekoppeld) + len(gekoppeld) - 1
        schrijver.koppen[keten] = _Kop(laatste_nummer, gekoppeld[-1].hash or "")
        return gekoppeld
    raise Bezet(f"auditketen {keten} bleef bezet na {POGINGEN} pogingen")


def _begin(gekoppeld: list[AuditRegel]) -> int:
    return gekoppeld[0].volgnummer or 0


@dataclass(frozen=True)
class Breuk:
    keten: str | None
    volgnummer: int | None
    id: str
    reden: str

    def __str__(self) -> str:
        plaats = f"{self.keten}#{self.volgnummer}" if self.keten else "zonder keten"
        return f"{plaats} ({self.id}): {self.reden}"


def verifieer(
    documenten: Iterable[dict[str, Any]],
    sleutel: bytes,
    *,
    ongeketend_tot: datetime | None = None,
    nu: datetime | None = None,
) -> tuple[list[Breuk], int]:
    """The first broken or missing link of every chain, and how many entries were checked.
    A chain past the start of its expiry may have lost its first entries to Cosmos' TTL: it
    is checked from its first entry still there."""
    ketens: dict[str, list[dict[str, Any]]] = {}
    breuken: list[Breuk] = []
    aantal = 0
    for document in documenten:
        aantal += 1
        keten = document.get("keten")
        if not keten:
            tijdstip = str(document.get("tijdstip", ""))
            if ongeketend_tot is None or tijdstip >= utc_text(ongeketend_tot):
                breuken.append(
                    Breuk(None, None, str(document.get("id")), "regel zonder keten (ingevoegd?)")
                )
            continue
        ketens.setdefault(str(keten), []).append(document)
    moment = nu or datetime.now(UTC)
    for keten, regels in sorted(ketens.items()):
        verloopt = verloopt_vanaf(keten)
        breuk = _eerste_breuk(keten, regels, sleutel, verloopt is not None and moment >= verloopt)
        if breuk is not None:
            breuken.append(breuk)
    return breuken, aantal


def _eerste_breuk(
    keten: str, regels: list[dict[str, Any]], sleutel: bytes, verlopend: bool = False
) -> Breuk | None:
    """`verlopend`: the chain's first entries may be gone (expired), not its later ones."""
    regels = sorted(regels, key=lambda d: int(d.get("volgnummer") or 0))
    eerste = int(regels[0].get("volgnummer") or 0) if verlopend and regels else 0
    vorige = str(regels[0].get("vorige")) if eerste else BEGIN
    for verwacht, document in enumerate(regels, start=eerste):
        nummer = document.get("volgnummer")
        ident = str(document.get("id"))
        if nummer != verwacht:
            reden = f"ontbreekt (de volgende is {nummer})"
            return Breuk(keten, verwacht, f"{keten}:{verwacht}", reden)
        if ident != f"{keten}:{nummer}" or document.get("organisatie") != keten.split("|")[0]:
            return Breuk(keten, nummer, ident, "id of organisatie past niet bij de keten")
        if document.get("vorige") != vorige:
            return Breuk(keten, nummer, ident, "verwijst niet naar de regel ervoor")
        if not hmac.compare_digest(str(document.get("hash")), hash_van(document, sleutel)):
            return Breuk(keten, nummer, ident, "inhoud gewijzigd (hash klopt niet)")
        vorige = str(document["hash"])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer de hashketens van het auditlog.")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    verify = sub.add_parser("verify", help="elke keten lezen en de eerste breuk melden")
    verify.add_argument("--organisatie", help="alleen de regels van deze organisatie")
    verify.add_argument(
        "--ongeketend-tot",
        type=date.fromisoformat,
        help="regels zonder keten vóór deze datum (van vóór de ketens) zijn geen breuk",
    )
    args = parser.parse_args(argv)
    tot = (
        datetime.combine(args.ongeketend_tot, datetime.min.time(), UTC)
        if args.ongeketend_tot
        else None
    )
    breuken, aantal = verifieer(
        AuditLog().every_document(args.organisatie), ketensleutel(), ongeketend_tot=tot
    )
    for breuk in breuken:
        print(f"BREUK {breuk}")
    print(f"{aantal} regels gecontroleerd, {len(breuken)} breuk(en)")
    return 1 if breuken else 0


if __name__ == "__main__":
    sys.exit(main())
