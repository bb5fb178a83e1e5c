"""The daily VSV signals: for every young person a Doorstroompunt follows who has no priority
yet or priority 1 (no work, no benefit), each income relation or benefit that began or ended,
once, the day after a source shows it.

Each day the snapshot of each income source in force is held against the one before it (the
previous peildatum): a relation in the newer one that the older one lacks has begun, one
whose end the newer one records first has ended. The comparison is one DuckDB query per
source over both snapshots' Parquet parts, joined with the followed young people.

Readings:
- A signal is made once (its id is a keyed hash of what it says): a day without a new
  snapshot, or a run repeated, makes none again.
- A source with only one snapshot yet has nothing to compare with: it gives no signals
  (everything in it would read as new).
- An ended relation is one whose end a source records; a relation that is simply no longer
  delivered is not read as ended.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from shared.bronnen.publicatie import publicaties
from shared.models.vsv import VsvSignaal
from shared.rechtmatigheid.matching import GEHEUGEN
from shared.rechtmatigheid.verwerking import lokaal
from shared.rules.vsv import Prioriteit
from shared.security import audit
from shared.security.access import Caller
from shared.security.diensten import VSV_VOLGEN
from shared.storage.containers import VSV_SIGNALEN
from shared.storage.documents import AlreadyExists, DocumentRepository
from shared.storage.duckdb_sql import begrensd
from shared.storage.ids import persoon_id
from shared.vsv import relaties
from shared.vsv.register import Register

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Paar:
    """A source's snapshot of the day (its peildatum and local Parquet parts) and the one
    before it."""

    peildatum: date
    nu: list[str]
    vorig: list[str]


TE_SIGNALEREN = (None, Prioriteit.GEEN_WERK_OF_UITKERING)

VERSCHIL = """
    SELECT n.bsn, n.soort, n.omschrijving, n.begindatum, n.einddatum,
           CASE WHEN v.bsn IS NULL THEN 'BEGIN' ELSE 'EINDE' END AS gebeurtenis
    FROM nu n
    LEFT JOIN vorig v USING (bsn, soort, omschrijving, begindatum)
    WHERE v.bsn IS NULL OR (n.einddatum IS NOT NULL AND v.einddatum IS NULL)
"""


def _now() -> datetime:
    return datetime.now(UTC)


def te_volgen(register: Register) -> dict[str, str]:
    """BSN -> Doorstroompunt of the followed young people with no priority yet or priority 1."""
    return {bsn: punt for bsn, punt, prio in register.volgers() if prio in TE_SIGNALEREN}


def veranderingen(
    bron: str, nu: list[str], vorig: list[str], bsns: list[str], werkmap: Path
) -> list[tuple[str, str, str, date, date | None, str]]:
    """(bsn, soort, omschrijving, begindatum, einddatum, BEGIN|EINDE) per relation of the
    persons in `bsns` that began or ended between the snapshots `vorig` and `nu`."""
    connection = begrensd(GEHEUGEN, werkmap)
    try:
        gevolgd = pa.table({"bsn": pa.array(bsns, pa.string())})
        relaties.relaties(connection, bron, nu, gevolgd).create_view("nu")
        relaties.relaties(connection, bron, vorig, gevolgd).create_view("vorig")
        return connection.execute(VERSCHIL).fetchall()
    finally:
        connection.close()


def vergeleken(volgen: dict[str, str]) -> None:
    """Each young person's income held against the day before (BSN -> Doorstroompunt): one
    processing for his Doorstroompunt, in batches per Doorstroompunt."""
    paren = ((punt, bsn) for bsn, punt in volgen.items())
    audit.verwerkt_per_organisatie("vsv dagelijks vergeleken", VSV_VOLGEN, paren)


class Signalen(DocumentRepository[VsvSignaal]):
    def __init__(self, register: Register | None = None, clock: Clock = _now) -> None:
        super().__init__(VSV_SIGNALEN, VsvSignaal)
        self.register = register or Register()
        self.clock = clock

    def signaleer(self, dag: date) -> tuple[int, int]:
        """(young people held against the sources, new signals)."""
        volgen = te_volgen(self.register)
        if not volgen:
            return 0, 0
        paren: dict[str, Paar] = {}
        for bron in relaties.BRONNEN:
            nu = publicaties().in_force(bron, dag)
            vorig = nu and publicaties().in_force(bron, nu.peildatum - timedelta(days=1))
            if nu is not None and vorig is not None:
                paren[bron] = Paar(nu.peildatum, lokaal(nu), lokaal(vorig))
        if paren:
            vergeleken(volgen)
        return len(volgen), self.vergelijk(volgen, paren)

    def vergelijk(self, volgen: dict[str, str], paren: dict[str, Paar]) -> int:
        """The new signals of the followed young people (BSN -> Doorstroompunt) between each
        source's two snapshots, each written once; their number."""
        nieuw = 0
        with tempfile.TemporaryDirectory(prefix="vsv-signalen-") as werkmap:
            for bron, paar in paren.items():
                rijen = veranderingen(bron, paar.nu, paar.vorig, sorted(volgen), Path(werkmap))
                for bsn, soort, omschrijving, begin, einde, gebeurtenis in rijen:
                    doorstroompunt = volgen[bsn]
                    signaal = VsvSignaal(
                        id=persoon_id(
                            "vsv-signaal",
                            doorstroompunt,
                            bsn,
                            soort,
                            omschrijving,
                            str(begin),
                            gebeurtenis,
                        ),
                        doorstroompunt=doorstroompunt,
                        bsn=bsn,
                        soort=soort,
                        gebeurtenis=gebeurtenis,
                        bron=bron,
                        omschrijving=omschrijving,
                        begindatum=begin,
                        einddatum=einde,
                        bron_peildatum=paar.peildatum,
                        gesignaleerd_op=self.clock(),
                    )
                    try:
                        self.create(signaal)
                    except AlreadyExists:
                        continue
                    audit.verwerkt(doorstroompunt, "vsv-signaal gemaakt", VSV_VOLGEN, [bsn])
                    nieuw += 1
        return nieuw

    def van(self, caller: Caller, sinds: date | None) -> list[VsvSignaal]:
        gevonden = list(
            self.all(
                "SELECT * FROM c WHERE c.doorstroompunt = @dp AND c.gesignaleerdOp >= @vanaf "
                "ORDER BY c.gesignaleerdOp",
                {"@dp": caller.namens, "@vanaf": (sinds or date.min).isoformat()},
                partition=caller.namens,
            )
        )
        audit.gelezen(caller, "vsv-signalen lezen", VSV_VOLGEN, [s.bsn for s in gevonden])
        return gevonden
