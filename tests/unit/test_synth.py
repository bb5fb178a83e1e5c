"""The synthetic Netherlands is the same for the same seed, and valid for the intake."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from shared.bronnen.catalogus import BY_CODE
from shared.models.bronnen import BronRecord
from synth.files import write_world
from synth.world import Wereld

PEILDATUM = date(2026, 10, 31)


def fingerprint(uit: Path) -> dict[str, str]:
    return {
        str(p.relative_to(uit)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(uit.rglob("*.csv"))
    }


def generate(seed: int, uit: Path, households: int = 200) -> Path:
    write_world(Wereld(seed, PEILDATUM).huishoudens(households, 0.4), uit, PEILDATUM, households)
    return uit


def test_the_same_seed_gives_the_same_files_byte_for_byte(tmp_path: Path) -> None:
    first = fingerprint(generate(5, tmp_path / "a"))
    assert first == fingerprint(generate(5, tmp_path / "b"))
    assert first != fingerprint(generate(6, tmp_path / "c"))


def test_every_generated_record_passes_its_sources_checks(tmp_path: Path) -> None:
    uit = generate(8, tmp_path)
    for path in (uit / "bronnen").rglob("*.csv"):
        bron = BY_CODE[path.parent.parent.name]
        header, *records, closing = path.read_text(encoding="utf-8").splitlines()
        assert tuple(header.split(";")) == bron.kolommen
        assert closing == f"#aantal;{len(records)}"
        previous = ""
        for line in records:
            record: BronRecord = bron.model.from_row(
                dict(zip(bron.kolommen, line.split(";"), strict=True)), PEILDATUM
            )
            assert record.bsn >= previous, f"{path.name} is not sorted by BSN"
            previous = record.bsn


def test_the_world_holds_the_overlaps_the_services_look_for(tmp_path: Path) -> None:
    uit = generate(9, tmp_path, households=3000)
    for bron in ("dji-detenties", "rdw-voertuigen", "duo-inschrijvingen", "gemeenten-uitkeringen"):
        path = next((uit / "bronnen" / bron).rglob("*.csv"))
        assert len(path.read_text().splitlines()) > 2, f"no {bron} records"
    assert list((uit / "gemeenten").rglob("bijstand-*.csv"))
