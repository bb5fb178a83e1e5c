"""The GGk's file channel: `aanleveringen/ggk/{organisatie}/{bestand}` holds one envelope, or
a zip of envelopes (no folders in it: BRS29). Each envelope goes the way of the HTTPS channel
(`Berichten.ontvang`); the delivery's report lists every refused one with its Fo01 code, and
the Fo01s are in the sender's postbus as ever.

A zip is read entry by entry from a local copy; its table of contents is checked against the
limits before it is read, an entry over 25 MB is refused by its stated size without being
unpacked, and no entry is unpacked beyond that size (zip bombs)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from azure.storage.blob import BlobClient

from shared.ggk.berichten import Berichten
from shared.ggk.envelop import MAX_BYTES
from shared.intake.processing import (
    Bestand,
    BlobVerwerking,
    Verwerkingsresultaat,
    bestandskanaal,
)
from shared.security.access import Caller
from shared.security.diensten import GGK_BERICHTENVERKEER
from shared.storage import blobs

MAX_ENVELOPPEN = 100_000
"""Envelopes in one zip at most: a busy national day (an estimate) in one file."""
MAX_MAP_BYTES = MAX_ENVELOPPEN * 128
"""The zip's central directory at most, in bytes: 128 an entry (46 fixed, a name of some
40 characters, extra fields). Python's zipfile reads the whole directory into memory
(some 400 bytes an entry) before any entry can be checked, and reads as many entries as
the directory's stated size holds, whatever count it states: the size is the limit."""


def _mapgrootte(pad: Path) -> int | None:
    """The size of a zip's central directory as zipfile itself will read it (its own end
    record reader, so this check and the reader cannot disagree); None when it has none."""
    try:
        with pad.open("rb") as bestand:
            eind = zipfile._EndRecData(bestand)  # type: ignore[attr-defined]
    except (OSError, ValueError, OverflowError, zipfile.BadZipFile):
        return None
    if eind is None:
        return None
    return int(eind[zipfile._ECD_SIZE])  # type: ignore[attr-defined]


def _archief(pad: Path) -> zipfile.ZipFile | str | None:
    """The zip, opened; or why it is refused whole; None when the file is no zip at all
    (one envelope)."""
    try:
        if not zipfile.is_zipfile(pad):
            return None
    except (zipfile.BadZipFile, OSError, ValueError, OverflowError) as fout:
        return f"geen leesbare zip ({fout})"
    grootte = _mapgrootte(pad)
    if grootte is None:
        return "geen leesbare inhoudsopgave"
    if grootte > MAX_MAP_BYTES:
        return (
            f"een inhoudsopgave van {grootte} bytes, ten hoogste {MAX_MAP_BYTES} "
            f"(zo'n {MAX_ENVELOPPEN} enveloppen): splits het bestand"
        )
    try:
        return zipfile.ZipFile(pad)
    except (zipfile.BadZipFile, OSError, ValueError, OverflowError) as fout:
        return f"geen leesbare zip ({fout})"


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
    caller, berichten = bestandskanaal(bestand, GGK_BERICHTENVERKEER), Berichten()
    with tempfile.TemporaryDirectory(prefix="ggk-") as werkmap:
        lokaal = blobs.download(blob, Path(werkmap) / "bestand")
        archief = _archief(lokaal)
        if archief is None:
            inhoud = (
                lokaal.read_bytes()
                if lokaal.stat().st_size <= MAX_BYTES
                else b"x" * (MAX_BYTES + 1)
            )
            _een(berichten, caller, bestand.bestandsnaam, inhoud, 1, resultaat)
            return resultaat
        if isinstance(archief, str):
            resultaat.aantal_records += 1
            resultaat.afkeuren(1, f"{bestand.bestandsnaam}: {archief}; niet uitgepakt")
            return resultaat
        with archief:
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
