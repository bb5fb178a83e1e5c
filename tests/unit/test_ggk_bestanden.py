"""The file channel's zip checks against crafted files: the size of the table of contents is
read as zipfile itself reads it, and a file it cannot read is refused, never an error."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from shared.ggk.bestanden import MAX_MAP_BYTES, _archief, _mapgrootte


def _zip(pad: Path, namen: list[str]) -> bytes:
    with zipfile.ZipFile(pad, "w") as archief:
        for naam in namen:
            archief.writestr(naam, b"")
    return pad.read_bytes()


def test_the_directory_size_is_the_one_zipfile_reads(tmp_path: Path) -> None:
    _zip(tmp_path / "a.zip", ["a.xml", "b.xml"])
    assert _mapgrootte(tmp_path / "a.zip") == 2 * (46 + 5)
    opened = _archief(tmp_path / "a.zip")
    assert isinstance(opened, zipfile.ZipFile)
    opened.close()


def test_an_end_record_whose_counts_spell_its_own_signature_is_still_read(tmp_path: Path) -> None:
    """The counts 'PK' and 0x0605 put a false signature inside the record; a search from the
    back would find it and give up, while zipfile reads the real record."""
    pad = tmp_path / "b.zip"
    inhoud = bytearray(_zip(pad, ["a.xml"]))
    eind = len(inhoud) - 22
    inhoud[eind + 8 : eind + 12] = struct.pack("<HH", 0x4B50, 0x0605)
    pad.write_bytes(bytes(inhoud))
    assert _mapgrootte(pad) == 46 + 5


def test_a_zip64_locator_pointing_anywhere_is_refused_not_an_error(tmp_path: Path) -> None:
    pad = tmp_path / "c.zip"
    basis = _zip(pad, ["a.xml"])
    eind = basis[-22:]
    for offset in (2**64 - 1, 2**62, 123):
        locator = b"PK\x06\x07" + struct.pack("<LQL", 0, offset, 1)
        pad.write_bytes(basis[:-22] + locator + eind)
        assert not isinstance(_archief(pad), zipfile.ZipFile)


def groot_verklaard(pad: Path) -> None:
    """A small zip whose end record states a table of contents one byte over the limit:
    what zipfile would then try to read."""
    inhoud = bytearray(_zip(pad, ["a.xml"]))
    eind = len(inhoud) - 22
    inhoud[eind + 12 : eind + 16] = struct.pack("<L", MAX_MAP_BYTES + 1)
    pad.write_bytes(bytes(inhoud))


def test_a_directory_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pad = tmp_path / "d.zip"
    groot_verklaard(pad)
    reden = _archief(pad)
    assert isinstance(reden, str)
    assert reden.startswith(f"een inhoudsopgave van {MAX_MAP_BYTES + 1} bytes")
    assert "splits het bestand" in reden
    _zip(pad, ["a.xml"])  # the same zip as it was: opened
    geopend = _archief(pad)
    assert isinstance(geopend, zipfile.ZipFile)
    geopend.close()


def test_what_is_no_zip_is_one_envelope(tmp_path: Path) -> None:
    pad = tmp_path / "e.xml"
    pad.write_bytes(b"<envelop/>")
    assert _archief(pad) is None
