"""Proefaanlevering: an organisation tests its file channel before its first real delivery.

The file format every file service of the platform shares: UTF-8 text, `;` as the
separator, the first line a header of unique, non-empty column names, then one
record per line with as many fields as the header, no line longer than
`MAX_REGEL_TEKENS` (64 Ki characters). The test checks exactly that and
reports every record that does not fit, with its line number, so that an
organisation finds out before its first real delivery counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.intake.regels import Records
from shared.models.aanlevering import Afkeuring
from shared.security.diensten import PROEFAANLEVERING_TESTEN

DIENST = PROEFAANLEVERING_TESTEN.dienst
SEPARATOR = ";"


def _check_header(header: list[str]) -> None:
    names = [name.strip() for name in header]
    if any(not name for name in names):
        raise FileRejected(Afkeuring(regel=1, reden="kop bevat een lege kolomnaam"))
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
    if duplicates:
        reden = f"kop bevat dubbele kolomnamen: {', '.join(duplicates)}"
        raise FileRejected(Afkeuring(regel=1, reden=reden))


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    records = Records(lines)
    header = records.kop()
    if header is None:
        raise FileRejected(Afkeuring(regel=None, reden="leeg bestand"))
    _check_header(header)
    result = Verwerkingsresultaat()
    for regel, record, onleesbaar in records:
        result.aantal_records += 1
        if onleesbaar is not None:
            result.afkeuren(regel, onleesbaar)
        elif not record:
            result.afkeuren(regel, "lege regel")
        elif len(record) != len(header):
            result.afkeuren(regel, f"{len(record)} velden, de kop heeft er {len(header)}")
    if result.aantal_records == 0:
        raise FileRejected(Afkeuring(regel=None, reden="bestand bevat alleen een kop"))
    return result
