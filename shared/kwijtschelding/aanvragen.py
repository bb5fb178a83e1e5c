"""The requests of a kwijtschelding batch file, grouped per household with bounded memory.

The lines of one household (the same organisation, BSN and request date) need not follow
each other in the file, and a request may not appear twice (the same organisation, BSN and
belastingsoort): both need the whole file. The lines are therefore kept on disk, in a
SQLite work file in the processing's temporary folder, not in memory: reading holds one
line at a time, and the households come back `PER_KEER` at a time, in file order (of each
household's first line). SQLite's page cache is bounded (`CACHE_KIB`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice
from pathlib import Path
from types import TracebackType

from pydantic import ValidationError

from shared.bronnen.intake import reason_of
from shared.intake.processing import Verwerkingsresultaat
from shared.intake.regels import regels
from shared.models.kwijtschelding import KOLOMMEN, Aanvraag
from shared.rules.kwijtschelding.toets import Aanslag

PER_AANSLAG = ("belastingsoort", "aanslagbedrag_cent")
"""The fields that differ between the lines of one household; the others must agree."""
MAX_AANSLAGEN = 50
"""Assessments (lines) of one household, as in the API's `aanslagen`: a household is tested
as one request, so its lines are held together."""
CACHE_KIB = 4096
"""SQLite's page cache for the work file."""

_SCHEMA = """
CREATE TABLE huishoudens (
    id INTEGER PRIMARY KEY, organisatie TEXT, bsn TEXT, datum TEXT, eerste INTEGER,
    gegevens TEXT, aantal INTEGER, toegestaan INTEGER DEFAULT 1, groep INTEGER,
    UNIQUE (organisatie, bsn, datum)
);
CREATE TABLE regels (
    nummer INTEGER PRIMARY KEY, huishouden INTEGER, organisatie TEXT, bsn TEXT,
    belastingsoort TEXT, aanvraag TEXT
);
CREATE INDEX regels_aanslag ON regels (organisatie, bsn, belastingsoort);
CREATE INDEX regels_huishouden ON regels (huishouden, nummer);
CREATE INDEX huishoudens_groep ON huishoudens (groep, toegestaan);
"""


@dataclass
class Regel:
    """One household's request: its first line and the lines of its further assessments."""

    nummer: int
    aanvraag: Aanvraag
    verder: list[tuple[int, Aanvraag]] = field(default_factory=list)

    @property
    def nummers(self) -> list[int]:
        return [self.nummer, *(n for n, _ in self.verder)]

    @property
    def aanslagen(self) -> tuple[Aanslag, ...]:
        return tuple(
            Aanslag(a.belastingsoort, Decimal(a.aanslagbedrag_cent) / 100)
            for a in (self.aanvraag, *(a for _, a in self.verder))
        )


class Aanvragen:
    """The file's valid lines in a SQLite work file at `pad`, per household."""

    def __init__(self, pad: Path) -> None:
        self.db = sqlite3.connect(pad)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.executescript(_SCHEMA)

    def __enter__(self) -> Aanvragen:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.db.close()

    def lees(self, lines: Iterator[str], result: Verwerkingsresultaat) -> None:
        """Every line checked (rejections with their line in `result`) and the valid ones kept."""
        db = self.db
        for regel, velden in regels(lines, KOLOMMEN, result, "aanvragen", later_toegevoegd=2):
            if velden is None:
                continue
            try:
                a = Aanvraag.from_row(velden)
            except ValidationError as error:
                result.afkeuren(regel, reason_of(error))
                continue
            eerder = db.execute(
                "SELECT nummer FROM regels "
                "WHERE organisatie = ? AND bsn = ? AND belastingsoort = ?",
                (a.organisatie, a.bsn, a.belastingsoort),
            ).fetchone()
            if eerder is not None:
                result.afkeuren(regel, f"dezelfde aanvraag staat al op regel {eerder[0]}")
                continue
            gegevens = json.dumps(
                a.model_dump(mode="json", exclude=set(PER_AANSLAG)), sort_keys=True
            )
            sleutel = (a.organisatie, a.bsn, a.aanvraagdatum.isoformat())
            huishouden = db.execute(
                "SELECT id, eerste, gegevens, aantal FROM huishoudens "
                "WHERE organisatie = ? AND bsn = ? AND datum = ?",
                sleutel,
            ).fetchone()
            if huishouden is None:
                cursor = db.execute(
                    "INSERT INTO huishoudens (organisatie, bsn, datum, eerste, gegevens, aantal) "
                    "VALUES (?, ?, ?, ?, ?, 1)",
                    (*sleutel, regel, gegevens),
                )
                huishouden_id = cursor.lastrowid
            else:
                huishouden_id, eerste, eerste_gegevens, aantal = huishouden
                if gegevens != eerste_gegevens:
                    result.afkeuren(
                        regel,
                        f"hetzelfde huishouden als regel {eerste} met andere gegevens: geef "
                        "woonlasten, premies en de andere velden gelijk op",
                    )
                    continue
                if aantal >= MAX_AANSLAGEN:
                    result.afkeuren(
                        regel,
                        f"het huishouden van regel {eerste} heeft al {MAX_AANSLAGEN} aanslagen, "
                        "het hoogste aantal",
                    )
                    continue
                db.execute(
                    "UPDATE huishoudens SET aantal = aantal + 1 WHERE id = ?", (huishouden_id,)
                )
            db.execute(
                "INSERT INTO regels VALUES (?, ?, ?, ?, ?, ?)",
                (regel, huishouden_id, a.organisatie, a.bsn, a.belastingsoort, a.model_dump_json()),
            )
        db.commit()

    def weiger(self, toegestaan: Callable[[str], bool]) -> Iterator[Regel]:
        """The households of organisations not `toegestaan`, in file order; the others are
        what `groepen` returns."""
        organisaties = self.db.execute("SELECT DISTINCT organisatie FROM huishoudens").fetchall()
        for (organisatie,) in organisaties:
            if not toegestaan(organisatie):
                self.db.execute(
                    "UPDATE huishoudens SET toegestaan = 0 WHERE organisatie = ?", (organisatie,)
                )
        self.db.commit()
        yield from self._huishoudens("h.toegestaan = 0", ())

    def groepen(
        self, sleutel: Callable[[date], Hashable]
    ) -> Iterator[tuple[date, Iterator[Regel]]]:
        """Per group of request dates with the same `sleutel` (the source snapshots in force),
        in order of its first household: the earliest date and its households in file order,
        `PER_KEER` at a time (see `per`)."""
        groepen: dict[Hashable, int] = {}
        eerste_datum: dict[int, date] = {}
        datums = self.db.execute(
            "SELECT datum FROM huishoudens WHERE toegestaan = 1 GROUP BY datum ORDER BY MIN(id)"
        ).fetchall()
        for (tekst,) in datums:
            datum = date.fromisoformat(tekst)
            groep = groepen.setdefault(sleutel(datum), len(groepen))
            eerste_datum[groep] = min(datum, eerste_datum.get(groep, datum))
            self.db.execute("UPDATE huishoudens SET groep = ? WHERE datum = ?", (groep, tekst))
        self.db.commit()
        for groep, peildatum in eerste_datum.items():
            yield peildatum, self._huishoudens("h.groep = ? AND h.toegestaan = 1", (groep,))

    def _huishoudens(self, where: str, params: tuple[object, ...]) -> Iterator[Regel]:
        rows = self.db.execute(
            "SELECT h.id, r.nummer, r.aanvraag FROM huishoudens h "  # noqa: S608 (fixed text)
            f"JOIN regels r ON r.huishouden = h.id WHERE {where} ORDER BY h.id, r.nummer",
            params,
        )
        huidig: tuple[int, Regel] | None = None
        for huishouden, nummer, tekst in rows:
            aanvraag = Aanvraag.model_validate_json(tekst)
            if huidig is not None and huidig[0] == huishouden:
                huidig[1].verder.append((nummer, aanvraag))
                continue
            if huidig is not None:
                yield huidig[1]
            huidig = (huishouden, Regel(nummer, aanvraag))
        if huidig is not None:
            yield huidig[1]


def per(regels: Iterator[Regel], aantal: int) -> Iterator[list[Regel]]:
    """The households `aantal` at a time."""
    while deel := list(islice(regels, aantal)):
        yield deel
