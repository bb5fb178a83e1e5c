"""The GGk's file channel: `aanleveringen/ggk/{organisatie}/{bestand}` holds one envelope, or
a zip of envelopes (no folders in it: BRS29). Each envelope goes the way of the HTTPS channel
(`Berichten.ontvang`); the delivery's report lists every refused one with its Fo01 code, and
the Fo01s are in the sender's postbus as ever.

A zip is read entry by entry from a local copy; its table of contents is checked against the
limits before it is read, an entry over 25 MB is refused by its stated size without being
unpacked, and no entry is unpacked beyond that size (zip bombs)."""

from __future__ import annotations

import struct
import tempfile
import zipfile
from pathlib import Path

from azure.storage.blob import BlobClient

from shared.ggk.berichten import Berichten
from shared.ggk.envelop import MAX_BYTES
from shared.intake.processing import Bestand, BlobVerwerking, Verwerkingsresultaat
from shared.security.access import Caller, Dienstgebruik
from shared.security.diensten import GGK_BERICHTENVERKEER
from shared.security.tokens import Identity
from shared.storage import blobs

MAX_ENVELOPPEN = 100_000
"""Envelopes in one zip at most: a busy national day (an estimate) in one file."""
MAX_MAP_BYTES = MAX_ENVELOPPEN * 200
"""The zip's central directory at most: 200 bytes an entry (46 fixed, a name, extra fields).
Python's zipfile reads the whole directory into memory before any entry can be checked."""
EOCD, EOCD64_LOCATOR = b"PK\x05\x06", b"PK\x06\x07"


def _centrale_map(pad: Path) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory as its end records state them, read
    from the file's tail; None when there is no end record to read."""
    with pad.open("rb") as bestand:
        bestand.seek(0, 2)
        lengte = bestand.tell()
        staart_begin = max(0, lengte - (22 + 65_535 + 20))  # record, comment, zip64 locator
        bestand.seek(staart_begin)
        staart = bestand.read()
        plek = staart.rfind(EOCD)
        if plek < 0 or len(staart) < plek + 22:
            return None
        _, _, _, _, aantal, grootte, _, _ = struct.unpack("<4s4H2LH", staart[plek : plek + 22])
        locator = staart[plek - 20 : plek] if plek >= 20 else b""
        if locator.startswith(EOCD64_LOCATOR):  # zip64: the counts are in its own record
            (offset,) = struct.unpack("<Q", locator[8:16])
            bestand.seek(offset)
            record = bestand.read(56)
            if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
                return None
            aantal, grootte = struct.unpack("<QQ", record[32:48])
        return aantal, grootte


def _afzender(bestand: Bestand) -> Caller:
    """The organisation whose folder it is: the upload grant tied the file to it (the
    intake refuses a file without one); the audit names the delivery as the client."""
    kanaal = f"bestandskanaal {bestand.delivery_id}"
    return Caller(
        Identity(kanaal, frozenset(), kanaal),
        bestand.organisatie,
        bestand.organisatie,
        Dienstgebruik(GGK_BERICHTENVERKEER),
    )


def _een(
    berichten: Berichten,
    caller: Caller,
    naam: str,
    inhoud: bytes,
    nummer: int,
    resultaat: Verwerkingsresultaat,
) -> None:
    resultaat.aantal_records += 1
    bericht = berichten.ontvang(caller, inhoud)
    if bericht.fout is not None:
        resultaat.afkeuren(nummer, f"{naam}: {bericht.fout.code} {bericht.fout.omschrijving}")


def _waarom_niet(info: zipfile.ZipInfo, nummer: int, gezien: set[int]) -> str | None:
    """Why an entry is not unpacked: a folder (BRS29), too large by its stated size, past
    the limit of envelopes, or data another entry already points at (a zip bomb)."""
    if info.is_dir() or "/" in info.filename or "\\" in info.filename:
        return "BRS29 geen mappen in een zip"
    if info.file_size > MAX_BYTES:
        return f"IB007 te groot ({info.file_size} bytes)"
    if nummer > MAX_ENVELOPPEN:
        return f"meer dan {MAX_ENVELOPPEN} enveloppen in één zip: niet verwerkt"
    if info.header_offset in gezien:
        return "wijst naar dezelfde gegevens als een eerdere envelop"
    gezien.add(info.header_offset)
    return None


def verwerk(bestand: Bestand, blob: BlobClient) -> Verwerkingsresultaat:
    resultaat = Verwerkingsresultaat()
    caller, berichten = _afzender(bestand), Berichten()
    with tempfile.TemporaryDirectory(prefix="ggk-") as werkmap:
        lokaal = blobs.download(blob, Path(werkmap) / "bestand")
        if not zipfile.is_zipfile(lokaal):
            inhoud = (
                lokaal.read_bytes()
                if lokaal.stat().st_size <= MAX_BYTES
                else b"x" * (MAX_BYTES + 1)
            )
            _een(berichten, caller, bestand.bestandsnaam, inhoud, 1, resultaat)
            return resultaat
        centrale_map = _centrale_map(lokaal)
        if centrale_map is not None and (
            centrale_map[0] > MAX_ENVELOPPEN or centrale_map[1] > MAX_MAP_BYTES
        ):
            resultaat.aantal_records += 1
            resultaat.afkeuren(
                1,
                f"{bestand.bestandsnaam}: {centrale_map[0]} enveloppen in "
                f"{centrale_map[1]} bytes inhoudsopgave; ten hoogste {MAX_ENVELOPPEN} in "
                f"{MAX_MAP_BYTES} bytes per zip: niet uitgepakt, splits het bestand",
            )
            return resultaat
        with zipfile.ZipFile(lokaal) as archief:
            gezien: set[int] = set()
            for nummer, info in enumerate(archief.infolist(), start=1):
                reden = _waarom_niet(info, nummer, gezien)
                if reden is not None:
                    resultaat.aantal_records += 1
                    resultaat.afkeuren(nummer, f"{info.filename}: {reden}")
                    continue
                try:
                    with archief.open(info) as entry:
                        inhoud = entry.read(MAX_BYTES + 1)
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as fout:
                    resultaat.aantal_records += 1  # encrypted, corrupt, unknown compression
                    resultaat.afkeuren(nummer, f"{info.filename}: niet te lezen ({fout})")
                    continue
                _een(berichten, caller, info.filename, inhoud, nummer, resultaat)
    return resultaat


VERWERKING = BlobVerwerking(verwerk)
