"""Proefaanlevering: an organisation tests its file channel before its first real delivery.

The file format every file service of the platform shares: UTF-8 text, `;` as the
separator, the first line a header of unique, non-empty column names, then one
record per line with as many fields as the header. The test checks exactly that and
reports every record that does not fit, with its line number, so that an
organisation finds out before its first real delivery counts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.models.aanlevering import Afkeuring
from shared.security.diensten import PROEFAANLEVERING_TESTEN

DIENST = PROEFAANLEVERING_TESTEN.dienst
SEPARATOR = ";"


def _check_header(header: list[str]) -> None:
    names = [name.strip() for name in header]
    if any(not name for name in names):
        raise FileRejected(Afkeuring(regel=1, reden="kop bevat een lege kolomnaam"))
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        reden = f"kop bevat dubbele kolomnamen: {', '.join(duplicates)}"
        raise FileRejected(Afkeuring(regel=1, reden=reden))


def process(bestand: Bestand, lines: Iterator[str]) -> Verwerkingsresultaat:
    reader = csv.reader(lines, delimiter=SEPARATOR, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FileRejected(Afkeuring(regel=None, reden="leeg bestand")) from None
    _check_header(header)
    result = Verwerkingsresultaat()
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.aantal_records += 1
            result.afkeuren(reader.line_num, f"onleesbaar record: {error}")
            continue
        if not record:
            result.aantal_records += 1
            result.afkeuren(reader.line_num, "lege regel")
            continue
        result.aantal_records += 1
        if len(record) != len(header):
            reden = f"{len(record)} velden, de kop heeft er {len(header)}"
            result.afkeuren(reader.line_num, reden)
    if result.aantal_records == 0:
        raise FileRejected(Afkeuring(regel=None, reden="bestand bevat alleen een kop"))
    return result
