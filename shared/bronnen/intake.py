"""The intake of a source file: every record checked, the snapshot published only when whole.

The file (see `shared.models.bronnen` for the format) is read once, line by line. Each
record is validated against its source's model as of the peildatum in the path; a record
that fails is reported with its line and reason. The snapshot is published only if the
file is complete (its closing line `#aantal;N` is there and right, every record is
valid, the records are sorted by BSN); otherwise the delivery is rejected with all
reasons and the previous snapshot stays in force.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from shared.bronnen.catalogus import BY_CODE, Bron
from shared.bronnen.snapshots import Geschreven, SnapshotPart, SnapshotWriter
from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.intake.regels import Records
from shared.models.aanlevering import Afkeuring
from shared.models.bronnen import BronRecord
from shared.processen import Geordend

SLUITREGEL = "#aantal"


def reason_of(error: ValidationError) -> str:
    """The first problem of a record, in one line: `field: message`."""
    issue = error.errors(include_url=False, include_input=False)[0]
    field = ".".join(str(part) for part in issue["loc"]) or "record"
    return f"{field}: {issue['msg'].removeprefix('Value error, ')}"


def _bron_en_peildatum(bestand: Bestand) -> tuple[Bron, date]:
    bron = BY_CODE.get(bestand.organisatie)
    if bron is None:
        raise FileRejected(Afkeuring(reden=f"onbekende bron {bestand.organisatie}"))
    peildatum_text = bestand.bestandsnaam.split("/", 1)[0]
    try:
        return bron, date.fromisoformat(peildatum_text)
    except ValueError:
        raise FileRejected(Afkeuring(reden=f"peildatum {peildatum_text} is geen datum")) from None


PERSONEN_PER_DEEL = 4_096
"""Persons in a part of a file handled by one process: with 64 emmers, batches of about 64
documents; a part of the polisadministratie is a few megabytes."""
RIJEN_PER_DEEL = 40_000
"""And at most about this many records: a part ends between two persons, so a file with more
records than this in a row for one BSN is rejected (no person has that many: his document
would pass Cosmos DB's 2 MB), rather than held in memory whole."""

Rij = tuple[int, list[str], str | None]
"""A line of the file: its number, its fields, and why it could not be read (or None)."""


@dataclass(frozen=True)
class Deel:
    """A run of whole persons' lines of one source file, for one process."""

    bron: str
    snapshot: str
    peildatum: date
    rijen: list[Rij]


@dataclass
class Deeluitkomst:
    """What a part gave: its rejected lines, where its valid records start and end in BSN
    order, and what it wrote."""

    afgekeurd: Verwerkingsresultaat
    eerste: tuple[int, str] | None
    """Line and BSN of its first valid record."""
    laatste: str | None
    """BSN of its last valid record."""
    ongesorteerd: int | None
    """Line of its first valid record with a lower BSN than the one before (the part stopped
    there)."""
    geschreven: Geschreven | None
    """None when it stopped: the file is rejected."""


def gecontroleerd(
    bron: Bron, peildatum: date, rijen: Iterable[Rij], afkeuren: Callable[[int, str], None]
) -> Iterator[tuple[int, BronRecord]]:
    """Each valid record with its line; each other line to `afkeuren` with its reason. A
    person's lines are never split over parts, so a second record of one person is seen here."""
    kolommen = bron.kolommen
    vorige: str | None = None
    for regel, row, onleesbaar in rijen:
        if onleesbaar is not None:
            afkeuren(regel, onleesbaar)
        elif len(row) != len(kolommen):
            afkeuren(regel, f"{len(row)} velden, verwacht {len(kolommen)}")
        else:
            try:
                record = bron.model.from_row(dict(zip(kolommen, row, strict=True)), peildatum)
            except ValidationError as error:
                afkeuren(regel, reason_of(error))
                continue
            if bron.een_per_persoon and record.bsn == vorige:
                reden = f"tweede record van dezelfde persoon: {bron.code} heeft er één per BSN"
                afkeuren(regel, reden)
                continue
            vorige = record.bsn
            yield regel, record


def verwerk_deel(deel: Deel) -> Deeluitkomst:
    """Check every line of the part and write its persons' documents (in any process)."""
    bron = BY_CODE[deel.bron]
    schrijver = SnapshotPart(bron, deel.snapshot, deel.peildatum)
    afgekeurd = Verwerkingsresultaat()
    eerste: tuple[int, str] | None = None
    vorige: str | None = None
    persoon: list[BronRecord] = []
    try:
        for regel, record in gecontroleerd(bron, deel.peildatum, deel.rijen, afgekeurd.afkeuren):
            if eerste is None:
                eerste = (regel, record.bsn)
            elif vorige is not None and record.bsn < vorige:
                schrijver.abandon()  # the file is rejected: nothing more to write
                return Deeluitkomst(afgekeurd, eerste, vorige, regel, None)
            vorige = record.bsn
            if persoon and persoon[0].bsn != record.bsn:
                schrijver.add_person(persoon[0].bsn, persoon)
                persoon = []
            persoon.append(record)
        if persoon:
            schrijver.add_person(persoon[0].bsn, persoon)
        geschreven = schrijver.finish()
    except BaseException:
        schrijver.abandon()
        raise
    return Deeluitkomst(afgekeurd, eerste, vorige, None, geschreven)


class SourceRecords:
    """The lines of one source file, read in parts of whole persons; keeps the verdict."""

    def __init__(self, bron: Bron, peildatum: date) -> None:
        self.bron = bron
        self.peildatum = peildatum
        self.result = Verwerkingsresultaat()
        self.sluitregel: tuple[int, str] | None = None
        self.laatste: str | None = None

    def delen(self, lines: Iterator[str]) -> Iterator[list[Rij]]:
        """The file's lines after its header, in runs of whole persons (a person's lines
        come together in a sorted file; whether it is sorted, the parts' results tell)."""
        records = Records(lines)
        header = records.kop()
        if header is None:
            raise FileRejected(Afkeuring(reden="leeg bestand"))
        if tuple(header) != self.bron.kolommen:
            expected = ";".join(self.bron.kolommen)
            raise FileRejected(Afkeuring(regel=1, reden=f"kop moet zijn: {expected}"))
        rijen: list[Rij] = []
        personen = achtereen = 0
        vorige: str | None = None
        for regel, row, onleesbaar in records:
            if self.sluitregel is not None:
                reden = f"regel na de sluitregel {SLUITREGEL}"
                raise FileRejected(Afkeuring(regel=regel, reden=reden))
            if row and row[0] == SLUITREGEL:
                self.sluitregel = (regel, row[1] if len(row) > 1 else "")
                continue
            self.result.aantal_records += 1
            bsn = row[0].strip() if row else ""
            if bsn != vorige or not bsn:  # a line without a BSN is nobody's: a part may end
                if personen >= PERSONEN_PER_DEEL or len(rijen) >= RIJEN_PER_DEEL:
                    yield rijen
                    rijen, personen = [], 0
                personen += 1
                vorige, achtereen = bsn, 0
            achtereen += 1
            if achtereen > RIJEN_PER_DEEL:
                reden = f"meer dan {RIJEN_PER_DEEL} records achtereen met hetzelfde BSN"
                raise FileRejected(Afkeuring(regel=regel, reden=reden))
            rijen.append((regel, row, onleesbaar))
        if rijen:
            yield rijen

    def read(self, lines: Iterator[str]) -> Iterator[BronRecord]:
        """Every valid record, checked in this process, for a tool that needs the records
        rather than a snapshot (`process` spreads the parts over processes instead)."""
        vorige = ""
        for rijen in self.delen(lines):
            for regel, record in gecontroleerd(
                self.bron, self.peildatum, rijen, self.result.afkeuren
            ):
                if record.bsn < vorige:
                    reden = "records niet gesorteerd op BSN"
                    raise FileRejected(Afkeuring(regel=regel, reden=reden))
                vorige = record.bsn
                yield record

    def neem(self, uitkomst: Deeluitkomst) -> None:
        """A part's result, in the order of the file: its rejections, and whether its
        records follow the previous part's in BSN order."""
        self.result.voeg_samen(uitkomst.afgekeurd)
        ongesorteerd = uitkomst.ongesorteerd
        if uitkomst.eerste is not None and self.laatste is not None:
            regel, bsn = uitkomst.eerste
            if bsn < self.laatste:
                ongesorteerd = regel
        if ongesorteerd is not None:
            reden = "records niet gesorteerd op BSN"
            raise FileRejected(Afkeuring(regel=ongesorteerd, reden=reden))
        if uitkomst.laatste is not None:
            self.laatste = uitkomst.laatste

    def verdict(self) -> list[Afkeuring]:
        """Why the file is not complete, or nothing when it is."""
        if self.sluitregel is None:
            return [
                Afkeuring(reden=f"sluitregel {SLUITREGEL} ontbreekt: het bestand is onvolledig")
            ]
        line, count = self.sluitregel
        if count != str(self.result.aantal_records):
            gelezen = self.result.aantal_records
            reden = f"sluitregel meldt {count} records, het bestand heeft er {gelezen}"
            return [Afkeuring(regel=line, reden=reden)]
        if self.result.aantal_afgekeurd:
            return [Afkeuring(reden=f"{self.result.aantal_afgekeurd} records afgekeurd")]
        return []


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    """A `Processor` for `bronnen/{bron}/{peildatum}/{bestand}`: the file's parts are checked
    and written side by side in processes of their own (`shared.processen`), and taken
    back in the file's order."""
    bron, peildatum = _bron_en_peildatum(bestand)
    records = SourceRecords(bron, peildatum)
    writer = SnapshotWriter(bron, bestand.delivery_id, peildatum)

    def neem(uitkomsten: list[Deeluitkomst]) -> None:
        for uitkomst in uitkomsten:
            records.neem(uitkomst)  # raises for a part that stopped
            if uitkomst.geschreven is not None:
                writer.add(uitkomst.geschreven)

    try:
        with Geordend(verwerk_deel) as delen:
            for rijen in records.delen(lines):
                neem(delen.geef(Deel(bron.code, writer.snapshot, peildatum, rijen)))
            neem(delen.rest())
        problems = records.verdict()
        if problems:
            reden = "de vorige stand van de bron blijft gelden"
            raise FileRejected(
                Afkeuring(reden=f"{problems[0].reden}; {reden}", regel=problems[0].regel),
                *records.result.afkeuringen,
                resultaat=records.result,
            )
        writer.publish()
    except BaseException:
        writer.discard()
        raise
    return records.result
