"""The toetsingen of delivered files as stored: per delivery and organisation in parts of
consecutive households, in the order they were tested, which is the order they are listed
in. A part holds at most `PER_DEEL` households and `DEEL_BYTES` of JSON, so a file of
100,000 households is about a thousand writes instead of a hundred thousand, and a page of
the list is one small index query plus a point read per part it spans.

A page ends inside a part or at its end: `vervolg` names the part (its `volgorde`) and how
many of its households were listed already.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from azure.cosmos.exceptions import CosmosResourceNotFoundError

from shared.errors import Invalid
from shared.models.kwijtschelding import ToetsingDocument, ToetsingenDeel
from shared.storage.containers import KWIJTSCHELDINGEN
from shared.storage.documents import DocumentRepository, to_document
from shared.storage.ids import document_id
from shared.storage.throttling import retry_idempotent
from shared.storage.vervolg import inpakken, uitpakken

PER_DEEL = 100
"""Households per part: a page of the list (at most 1,000) spans a few parts."""
DEEL_BYTES = 1_000_000
"""JSON per part at most: half of the 2 MB a Cosmos DB item may hold. One household is about
10 KB (its policy, parameters and origins included); one of 50 assessments about 20 KB."""
SCHRIJVERS = 8
ONBEKEND_VERVOLG = "vervolg wordt niet (meer) herkend: begin bij de eerste pagina"


def _volgorde(begonnen: datetime, levering: str, deel: int) -> str:
    return f"{begonnen:%Y%m%dT%H%M%S%f}.{levering}.{deel:07d}"


def _delen(toetsingen: list[ToetsingDocument]) -> Iterator[list[ToetsingDocument]]:
    deel: list[ToetsingDocument] = []
    grootte = 0
    for toetsing in toetsingen:
        omvang = len(toetsing.model_dump_json(by_alias=True))
        if deel and (len(deel) == PER_DEEL or grootte + omvang > DEEL_BYTES):
            yield deel
            deel, grootte = [], 0
        deel.append(toetsing)
        grootte += omvang
    if deel:
        yield deel


def _positie(vervolg: str | None) -> tuple[str, int]:
    """(the part a page starts in, how many of its households were listed)."""
    if vervolg is None:
        return "", 0
    try:
        positie = json.loads(uitpakken(vervolg))
        deel, na = positie["deel"], positie["na"]
    except (ValueError, KeyError, TypeError):
        raise Invalid(ONBEKEND_VERVOLG) from None
    if not isinstance(deel, str) or not deel or not isinstance(na, int) or na < 0:
        raise Invalid(ONBEKEND_VERVOLG)
    return deel, na


def _vervolg(deel: str, na: int) -> str | None:
    return inpakken(json.dumps({"deel": deel, "na": na}))


class Toetsingen(DocumentRepository[ToetsingenDeel]):
    def __init__(self) -> None:
        super().__init__(KWIJTSCHELDINGEN, ToetsingenDeel)

    def bewaar(
        self,
        levering: str,
        organisatie: str,
        begonnen: datetime,
        eerste: int,
        toetsingen: list[ToetsingDocument],
    ) -> int:
        """Store these toetsingen of one organisation as parts numbered from `eerste`; the
        next number. A retry of a delivery writes its parts again (`ruim_op` then removes
        what the earlier attempt wrote beyond them)."""
        delen = [
            ToetsingenDeel(
                id=document_id(levering, organisatie, str(nummer)),
                organisatie=organisatie,
                levering=levering,
                volgorde=_volgorde(begonnen, levering, nummer),
                aantal=len(deel),
                bsns=[t.bsn for t in deel],
                toetsingen=deel,
            )
            for nummer, deel in enumerate(_delen(toetsingen), eerste)
        ]

        def upsert(deel: ToetsingenDeel) -> None:
            document = to_document(deel)  # 1 MB: not echoed back (no_response)
            retry_idempotent(lambda: self.container.upsert_item(document, no_response=True))

        with ThreadPoolExecutor(SCHRIJVERS, thread_name_prefix="toetsingen") as pool:
            list(pool.map(upsert, delen))
        return eerste + len(delen)

    def ruim_op(self, levering: str, begonnen: datetime) -> int:
        """Remove the parts of this delivery, of any organisation, that an earlier attempt
        begun before `begonnen` wrote and this one did not replace (their number can differ
        when a policy changed in between; an organisation's lines can be refused now when
        its mandate ended in between); how many."""
        oud = self.rijen(
            "SELECT c.id, c.organisatie FROM c WHERE c.levering = @l AND c.volgorde < @v",
            {"@l": levering, "@v": _volgorde(begonnen, levering, 0)},
            partition=None,
        )

        def verwijder(deel: dict[str, str]) -> None:
            with contextlib.suppress(CosmosResourceNotFoundError):  # a retried delete
                retry_idempotent(
                    lambda: self.container.delete_item(deel["id"], deel["organisatie"])
                )

        for deel in oud:
            verwijder(deel)
        return len(oud)

    def van(
        self, organisatie: str, levering: str | None, page_size: int, vervolg: str | None
    ) -> tuple[list[ToetsingDocument], str | None]:
        """One page of the organisation's toetsingen (of one delivery), oldest delivery
        first, each in the order it was tested; and the `vervolg` of the next page."""
        vanaf, na = _positie(vervolg)
        index = self._index(organisatie, levering or None, vanaf, page_size + 1)
        if vervolg is not None and (
            not index or index[0]["volgorde"] != vanaf or na >= index[0]["aantal"]
        ):
            raise Invalid(ONBEKEND_VERVOLG)
        gevonden: list[ToetsingDocument] = []
        for rij in index:
            begin = na if rij["volgorde"] == vanaf else 0
            if len(gevonden) == page_size:
                return gevonden, _vervolg(rij["volgorde"], begin)
            found = self.get(organisatie, rij["id"])
            if found is None or found[0].volgorde != rij["volgorde"]:
                raise Invalid(ONBEKEND_VERVOLG)  # written again by a retry since the index
            genomen = found[0].toetsingen[begin : begin + page_size - len(gevonden)]
            gevonden.extend(genomen)
            if begin + len(genomen) < rij["aantal"]:
                return gevonden, _vervolg(rij["volgorde"], begin + len(genomen))
        return gevonden, None

    def _index(
        self, organisatie: str, levering: str | None, vanaf: str, hoogstens: int
    ) -> list[dict[str, Any]]:
        """The parts from `vanaf` on, in order: id, volgorde and aantal only."""
        where = "c.organisatie = @o AND c.volgorde >= @v"
        parameters = {"@o": organisatie, "@v": vanaf}
        if levering is not None:
            where += " AND c.levering = @l"
            parameters["@l"] = levering
        sql = (
            f"SELECT TOP {int(hoogstens)} c.id, c.volgorde, c.aantal "  # noqa: S608 (fixed text)
            f"FROM c WHERE {where} ORDER BY c.volgorde"
        )
        return self.rijen(sql, parameters, partition=organisatie)

    def van_persoon(self, bsn: str) -> Iterator[ToetsingDocument]:
        """Every stored toetsing of this applicant, of any organisation."""
        for deel in self.all(
            "SELECT * FROM c WHERE ARRAY_CONTAINS(c.bsns, @p)", {"@p": bsn}, partition=None
        ):
            yield from (t for t in deel.toetsingen if t.bsn == bsn)
