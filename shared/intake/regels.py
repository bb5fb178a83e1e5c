"""The records of an organisation's delivery file, with their line numbers.

UTF-8, `;`-separated, the service's header on the first line, one record per line and a
closing line `#aantal;N`. A wrong header, a missing or wrong closing line and a file with
no records reject the file as a whole (raised when the records have all been read).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from shared.intake.processing import FileRejected, Verwerkingsresultaat
from shared.models.aanlevering import Afkeuring

SLUITREGEL = "#aantal"


def regels(
    lines: Iterator[str],
    kolommen: tuple[str, ...],
    result: Verwerkingsresultaat,
    wat: str,
    later_toegevoegd: int = 0,
) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line number, the record by column) per record; None for a record with the wrong
    number of fields (rejected here, with its reason).

    The last `later_toegevoegd` columns were added to the format later: a file with an
    earlier header (without some of them, from the end) is still read."""
    reader = csv.reader(lines, delimiter=";", strict=True)
    header = tuple(next(reader, ()))
    if not (
        len(kolommen) - later_toegevoegd <= len(header) <= len(kolommen)
        and header == kolommen[: len(header)]
    ):
        raise FileRejected(Afkeuring(regel=1, reden=f"kop moet zijn: {';'.join(kolommen)}"))
    kolommen = header
    sluitregel: str | None = None
    for row in reader:
        if row and row[0] == SLUITREGEL:
            sluitregel = row[1] if len(row) > 1 else ""
            continue
        result.aantal_records += 1
        if len(row) != len(kolommen):
            result.afkeuren(reader.line_num, f"{len(row)} velden, verwacht {len(kolommen)}")
            yield reader.line_num, None
            continue
        yield reader.line_num, dict(zip(kolommen, row, strict=True))
    if sluitregel is None:
        raise FileRejected(
            Afkeuring(reden=f"sluitregel {SLUITREGEL} ontbreekt: het bestand is onvolledig")
        )
    if sluitregel != str(result.aantal_records):
        raise FileRejected(
            Afkeuring(
                reden=f"sluitregel meldt {sluitregel} records, gelezen {result.aantal_records}"
            )
        )
    if result.aantal_records == 0:
        raise FileRejected(Afkeuring(reden=f"leeg bestand: geen {wat}"))
