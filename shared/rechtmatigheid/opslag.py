"""Signals per gemeente: delivered once per fact, again only when the fact changed.

A signal's id is a hash of gemeente, type, recipient, whose fact and the fact's key; its
content hash covers the evidence. Before writing, the gemeente's delivered ids and hashes
are read from the signal index, so only new and changed signals are written (the write
path is the slow part: every write is a Cosmos request). The order is: signals, then the
gemeente's files (`leveren`), then the index. A run stopped anywhere before the index is
updated delivers the same signals again when restarted (same ids, so the same documents
and files are rewritten): nothing is written twice and nothing is lost.

The id is keyed (`persoon_id`): its natural key holds two BSNs, and ids appear in
dependency telemetry.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

import pyarrow as pa

from shared.errors import NotFound, PreconditionFailed
from shared.models.rechtmatigheid import (
    EerdereLevering,
    Signaal,
    SignaalStatus,
    TypeCijfers,
    Uitkomst,
)
from shared.rechtmatigheid.signaalindex import SignaalIndex, kort
from shared.rechtmatigheid.signaaltypen import BY_CODE
from shared.storage.containers import SIGNALEN
from shared.storage.documents import ConcurrentChange, DocumentRepository, to_document
from shared.storage.ids import persoon_id
from shared.storage.throttling import retry_idempotent
from shared.telemetrie import gebeurtenis

SCHRIJVERS = 8
GESCHIEDENIS = 12
"""Earlier deliveries kept with a signal: a year of monthly changes."""


def signaal_id(gemeente: str, type_: str, ontvanger: str, betrokkene: str, sleutel: str) -> str:
    return persoon_id(gemeente, type_, ontvanger, betrokkene, sleutel)


def inhoud_hash(bewijs: str) -> str:
    return hashlib.sha256(bewijs.encode("utf-8")).hexdigest()


GEWIJZIGD = "het signaal is intussen gewijzigd; lees het opnieuw"


class SignaalRepository(DocumentRepository[Signaal]):
    def __init__(self) -> None:
        super().__init__(SIGNALEN, Signaal)

    def handel_af(
        self, gemeente: str, signaal_id_: str, uitkomst: Uitkomst, etag: str, moment: datetime
    ) -> tuple[Signaal, str]:
        """Record the gemeente's outcome on the version it last read (`etag`)."""
        found = self.get(gemeente, signaal_id_)
        if found is None:
            raise NotFound("Dit signaal bestaat niet voor de gemeente.")
        signaal, huidig = found
        if etag != huidig:
            raise PreconditionFailed("het signaal is intussen gewijzigd; lees het opnieuw")
        updated = signaal.model_copy(update={"uitkomst": uitkomst, "afgehandeld_op": moment})
        try:
            return updated, self.replace(signaal.id, updated, huidig)
        except ConcurrentChange:
            raise PreconditionFailed(
                "het signaal is intussen gewijzigd; lees het opnieuw"
            ) from None

    def bewaar(
        self,
        rows: pa.Table,
        levering: str,
        moment: datetime,
        leveren: Callable[[list[Signaal]], None] = lambda signalen: None,
    ) -> list[Signaal]:
        """Store the new and changed signals among `rows`, hand them to `leveren` (which
        writes the gemeente's files) and only then mark them delivered; returns them."""
        te_leveren: list[Signaal] = []
        by_gemeente: dict[str, list[dict[str, Any]]] = {}
        for row in rows.to_pylist():
            by_gemeente.setdefault(row["gemeente"], []).append(row)
        index = SignaalIndex()
        known = {gemeente: index.lees(gemeente) for gemeente in by_gemeente}
        for gemeente, signals in by_gemeente.items():
            for row in signals:
                natural = (row["type"], row["ontvanger"], row["betrokkene"], row["sleutel"])
                sid = signaal_id(gemeente, *natural)
                content = inhoud_hash(row["bewijs"])
                if known[gemeente].get(sid) == kort(content):
                    continue
                te_leveren.append(
                    Signaal(
                        id=sid,
                        organisatie=gemeente,
                        type=row["type"],
                        omschrijving=BY_CODE[row["type"]].omschrijving,
                        bsn=row["ontvanger"],
                        rol=row["rol"],
                        betrokkene_bsn=row["betrokkene"],
                        sleutel=row["sleutel"],
                        bewijs=json.loads(row["bewijs"]),
                        inhoud_hash=content,
                        status=SignaalStatus.GEWIJZIGD
                        if sid in known[gemeente]
                        else SignaalStatus.NIEUW,
                        geleverd_op=moment,
                        levering=levering,
                    )
                )
        self._write(te_leveren)
        leveren(te_leveren)
        geleverd: dict[str, dict[str, str]] = {gemeente: {} for gemeente in by_gemeente}
        for signaal in te_leveren:
            geleverd[signaal.organisatie][signaal.id] = signaal.inhoud_hash
        for gemeente, hashes in geleverd.items():
            index.bevestig(gemeente, hashes)
            gebeurtenis(
                "signalen geleverd",
                dienst="rechtmatigheid",
                organisatie=gemeente,
                aantal=len(hashes),
            )
        return te_leveren

    def _write(self, signalen: Iterable[Signaal]) -> None:
        def upsert(signaal: Signaal) -> None:
            if signaal.status is SignaalStatus.GEWIJZIGD:
                signaal = self._met_afhandeling(signaal)
            retry_idempotent(lambda: self.container.upsert_item(to_document(signaal)))

        with ThreadPoolExecutor(max_workers=SCHRIJVERS, thread_name_prefix="signalen") as pool:
            list(pool.map(upsert, signalen))

    def _met_afhandeling(self, signaal: Signaal) -> Signaal:
        """A changed signal keeps what the gemeente recorded (its outcome and when) and its
        history; the delivery it replaces joins that history (at most `GESCHIEDENIS`)."""
        found = retry_idempotent(lambda: self.get(signaal.organisatie, signaal.id))
        if found is None:
            return signaal
        vorig = found[0]
        if vorig.inhoud_hash == signaal.inhoud_hash:  # a rerun of the same delivery
            return signaal.model_copy(
                update={
                    "uitkomst": vorig.uitkomst,
                    "afgehandeld_op": vorig.afgehandeld_op,
                    "geschiedenis": vorig.geschiedenis,
                }
            )
        eerder = EerdereLevering(
            bewijs=vorig.bewijs, geleverd_op=vorig.geleverd_op, levering=vorig.levering
        )
        return signaal.model_copy(
            update={
                "uitkomst": vorig.uitkomst,
                "afgehandeld_op": vorig.afgehandeld_op,
                "geschiedenis": [*vorig.geschiedenis, eerder][-GESCHIEDENIS:],
            }
        )

    def van(
        self, gemeente: str, type_: str | None, page_size: int, continuation: str | None
    ) -> tuple[list[Signaal], str | None]:
        where = "c.organisatie = @g" + (" AND c.type = @t" if type_ else "")
        parameters: dict[str, Any] = {"@g": gemeente, **({"@t": type_} if type_ else {})}
        return self.query(
            f"SELECT * FROM c WHERE {where} ORDER BY c.geleverdOp DESC",  # noqa: S608 (fixed text)
            parameters,
            partition=gemeente,
            page_size=page_size,
            continuation=continuation,
        )

    def cijfers(self, jaar: int, maand: int | None) -> list[TypeCijfers]:
        """Per type: delivered in the period, and how they were handled (across gemeenten)."""
        begin = f"{jaar}-{maand or 1:02d}-01"
        einde = f"{jaar + (maand or 12) // 12}-{(maand or 12) % 12 + 1:02d}-01"
        rows = self.container.query_items(
            "SELECT c.type, c.uitkomst FROM c WHERE c.geleverdOp >= @b AND c.geleverdOp < @e",
            parameters=[{"name": "@b", "value": begin}, {"name": "@e", "value": einde}],
            enable_cross_partition_query=True,
        )
        counts: Counter[tuple[str, str | None]] = Counter(
            (r["type"], r.get("uitkomst")) for r in rows
        )
        result = []
        for type_ in BY_CODE:
            per = {u: counts[(type_, u.value)] for u in Uitkomst}
            total = sum(counts[(type_, u)] for u in [None, *[x.value for x in Uitkomst]])
            handled = sum(per.values())
            result.append(
                TypeCijfers(
                    type=type_,
                    geleverd=total,
                    terecht=per[Uitkomst.TERECHT],
                    onterecht=per[Uitkomst.ONTERECHT],
                    al_bekend=per[Uitkomst.AL_BEKEND],
                    open=total - handled,
                    trefkans=per[Uitkomst.TERECHT] / handled if handled else None,
                )
            )
        return result
