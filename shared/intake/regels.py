"""The records of an organisation's delivery file, with their line numbers.

UTF-8, `;`-separated, the service's header on the first line, one record per line and a
closing line `#aantal;N`. A wrong header, a missing or wrong closing line and a file with
no records reject the file as a whole (raised when the records have all been read). A line
longer than `MAX_REGEL_TEKENS` is a rejected record (a header that long rejects the file).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from shared.intake.processing import FileRejected, Verwerkingsresultaat
from shared.models.aanlevering import Afkeuring
from shared.storage.blobs import MAX_REGEL_TEKENS, TeLangeRegel

SLUITREGEL = "#aantal"


class Records:
    """The `;`-separated records of a delivered file, each with its line number.

    A record that cannot be read comes with its reason instead of its fields: a line longer
    than `MAX_REGEL_TEKENS` (reported, not read) or a quoting error. The header is the
    first record; a header that cannot be read rejects the file (nothing after it can be
    read without it).
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self._te_lang: int | None = None
        self._reader = csv.reader(self._regels(lines), delimiter=";", strict=True)

    def _regels(self, lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            if isinstance(line, TeLangeRegel):
                self._te_lang = line.lengte
            yield line

    def _reden(self) -> str | None:
        lengte, self._te_lang = self._te_lang, None
        if lengte is None:
            return None
        return f"regel te lang: {lengte} tekens, ten hoogste {MAX_REGEL_TEKENS}"

    def kop(self) -> list[str] | None:
        """The header's names; None for an empty file."""
        for regel, velden, reden in self:
            if reden is not None:
                raise FileRejected(Afkeuring(regel=regel, reden=f"kop onleesbaar: {reden}"))
            return velden
        return None

    def __iter__(self) -> Iterator[tuple[int, list[str], str | None]]:
        """(line number, fields, None) per record, or (line number, [], why it is unreadable)."""
        while True:
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield self._reader.line_num, [], self._reden() or f"onleesbaar record: {error}"
                continue
            reden = self._reden()
            yield self._reader.line_num, [] if reden else row, reden


def regels(
    lines: Iterator[str],
    kolommen: tuple[str, ...],
    result: Verwerkingsresultaat,
    wat: str,
    later_toegevoegd: int = 0,
) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line number, the record by column) per record; None for a record with the wrong
    number of fields or one that cannot be read (rejected here, with its reason).

    The last `later_toegevoegd` columns were added to the format later: a file with an
    earlier header (without some of them, from the end) is still read."""
    records = Records(lines)
    header = tuple(records.kop() or ())
    if not (
        len(kolommen) - later_toegevoegd <= len(header) <= len(kolommen)
        and header == kolommen[: len(header)]
    ):
        raise FileRejected(Afkeuring(regel=1, reden=f"kop moet zijn: {';'.join(kolommen)}"))
    kolommen = header
    sluitregel: str | None = None
    for regel, row, onleesbaar in records:
        if row and row[0] == SLUITREGEL:
            sluitregel = row[1] if len(row) > 1 else ""
            continue
        result.aantal_records += 1
        if onleesbaar is not None:
            result.afkeuren(regel, onleesbaar)
            yield regel, None
            continue
        if len(row) != len(kolommen):
            result.afkeuren(regel, f"{len(row)} velden, verwacht {len(kolommen)}")
            yield regel, None
            continue
        yield regel, dict(zip(kolommen, row, strict=True))
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
