"""A gemeente's recipients go to Parquet in batches, with bounded memory (issue 13 §4)."""

from __future__ import annotations

import csv
import io
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow.parquet as pq
import pytest

from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.models.rechtmatigheid import KOLOMMEN
from shared.rechtmatigheid import verwerking
from synth.identifiers import BsnReeks, iban, postcode

BESTAND = Bestand("rechtmatigheid", "GM0363", "ontvangers.csv", "id", "corr-12345678")


def ontvangers(aantal: int, *extra: str) -> Iterator[str]:
    rng, reeks = random.Random(7), BsnReeks(20_000_000)  # noqa: S311 (test data)
    regels = [
        f"{reeks.next()};PW;2025-01-01;;;{iban(rng)};{postcode(rng)};{n + 1}" for n in range(aantal)
    ]
    regels.extend(extra)
    return iter([";".join(KOLOMMEN), *regels, f"#aantal;{len(regels)}"])


def test_recipients_are_written_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verwerking, "PER_BATCH", 100)
    populatie = tmp_path / "populatie.parquet"
    verwerking._ontvangers(BESTAND, ontvangers(250), Verwerkingsresultaat(), populatie)
    table = pq.read_table(populatie)
    assert table.num_rows == 250
    assert set(table.column("gemeente").to_pylist()) == {"GM0363"}
    assert pq.ParquetFile(populatie).num_row_groups == 3


def test_a_bsn_twice_rejects_the_file_with_both_lines(tmp_path: Path) -> None:
    lines = list(ontvangers(3))
    twice = lines[2].split(";")[0] + ";IOAW;2025-01-01;;;NL91ABNA0417164300;1234AB;9"
    with pytest.raises(FileRejected) as rejected:
        verwerking._ontvangers(
            BESTAND, iter([*lines[:-1], twice]), Verwerkingsresultaat(), tmp_path / "p.parquet"
        )
    [afkeuring] = rejected.value.afkeuringen
    assert (afkeuring.regel, afkeuring.reden) == (5, "BSN staat dubbel (ook op regel 3)")


def peak(tmp_path: Path, aantal: int) -> int:
    lines = ontvangers(aantal)
    tracemalloc.start()
    try:
        verwerking._ontvangers(
            BESTAND, lines, Verwerkingsresultaat(), tmp_path / f"{aantal}.parquet"
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_recipients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verwerking, "PER_BATCH", 500)
    peak(tmp_path, 500)  # what is set up once (pyarrow's and pydantic's own) is not counted
    small, large = peak(tmp_path, 1_000), peak(tmp_path, 5_000)
    # Kept in a list, 10 000 recipients took some 12 MB (5 000 some 6 MB). What grows here
    # is pydantic-core's string cache, bounded at 16 384 strings (about 1 MB).
    assert large < 2 * 1024 * 1024, f"peak {small} bytes for 1 000, {large} for 5 000"


def test_signal_files_hold_every_signal_whatever_the_chunk_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(verwerking, "PER_STUK", 2)
    signalen: list[Any] = [
        SimpleNamespace(
            id=f"s{n}",
            type="DETENTIE",
            omschrijving="o",
            bsn="111222333",
            rol="ontvanger",
            betrokkene_bsn="111222333",
            sleutel=str(n),
            status=SimpleNamespace(value="nieuw"),
            bewijs={"n": n},
        )
        for n in range(5)
    ]
    text = b"".join(verwerking._csv_chunks(signalen)).decode()
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["signaalnummer"] for r in rows] == ["s0", "s1", "s2", "s3", "s4"]
