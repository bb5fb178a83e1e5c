"""The intake of a source file: every record checked, the snapshot published only when whole.

The file (see `shared.models.bronnen` for the format) is read once, line by line. Each
record is validated against its source's model as of the peildatum in the path; a record
that fails is reported with its line and reason. The snapshot is published only if the
file is complete (its closing line `#aantal;N` is there and right, every record is
valid, the records are sorted by BSN); otherwise the delivery is rejected with all
reasons and the previous snapshot stays in force.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import ValidationError

from shared.bronnen.catalogus import BY_CODE, Bron
from shared.bronnen.snapshots import SnapshotWriter
from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.intake.regels import Records
from shared.models.aanlevering import Afkeuring
from shared.models.bronnen import BronRecord

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


class SourceRecords:
    """The records of one source file, checked line by line; keeps the verdict."""

    def __init__(self, bron: Bron, peildatum: date) -> None:
        self.bron = bron
        self.peildatum = peildatum
        self.result = Verwerkingsresultaat()
        self.sluitregel: tuple[int, str] | None = None

    def read(self, lines: Iterator[str]) -> Iterator[BronRecord]:
        records = Records(lines)
        header = records.kop()
        if header is None:
            raise FileRejected(Afkeuring(reden="leeg bestand"))
        if tuple(header) != self.bron.kolommen:
            expected = ";".join(self.bron.kolommen)
            raise FileRejected(Afkeuring(regel=1, reden=f"kop moet zijn: {expected}"))
        previous_bsn = ""
        for regel, row, onleesbaar in records:
            if self.sluitregel is not None:
                reden = f"regel na de sluitregel {SLUITREGEL}"
                raise FileRejected(Afkeuring(regel=regel, reden=reden))
            if row and row[0] == SLUITREGEL:
                self.sluitregel = (regel, row[1] if len(row) > 1 else "")
                continue
            self.result.aantal_records += 1
            if onleesbaar is not None:
                self.result.afkeuren(regel, onleesbaar)
                continue
            record = self._record(regel, row)
            if record is None:
                continue
            if record.bsn < previous_bsn:
                reden = "records niet gesorteerd op BSN"
                raise FileRejected(Afkeuring(regel=regel, reden=reden))
            previous_bsn = record.bsn
            yield record

    def _record(self, line: int, row: list[str]) -> BronRecord | None:
        if len(row) != len(self.bron.kolommen):
            self.result.afkeuren(line, f"{len(row)} velden, verwacht {len(self.bron.kolommen)}")
            return None
        try:
            return self.bron.model.from_row(
                dict(zip(self.bron.kolommen, row, strict=True)), self.peildatum
            )
        except ValidationError as error:
            self.result.afkeuren(line, reason_of(error))
            return None

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
    """A `Processor` for `bronnen/{bron}/{peildatum}/{bestand}`."""
    bron, peildatum = _bron_en_peildatum(bestand)
    records = SourceRecords(bron, peildatum)
    writer = SnapshotWriter(bron, bestand.delivery_id, peildatum)
    try:
        person: list[BronRecord] = []
        for record in records.read(lines):
            if person and person[0].bsn != record.bsn:
                writer.add_person(person[0].bsn, person)
                person = []
            person.append(record)
        if person:
            writer.add_person(person[0].bsn, person)
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
