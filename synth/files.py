"""Writing the synthetic world as the files source holders and gemeenten deliver.

    {uit}/bronnen/{bron}/{peildatum}/{bron}.csv           one file per source
    {uit}/gemeenten/GM{code}/bijstand-{peildatum}.csv     one file per gemeente

Every file: UTF-8, `;`, a header, records sorted by BSN, closing line `#aantal;N`.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from shared.bronnen.catalogus import CATALOGUS
from shared.bronnen.intake import SLUITREGEL
from synth.world import Bijstand, Huishouden

BIJSTAND_KOLOMMEN = (
    "bsn",
    "regeling",
    "begindatum",
    "einddatum",
    "partner_bsn",
    "iban",
    "postcode",
    "huisnummer",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass
class _File:
    handle: IO[str]
    writer: Any
    count: int = 0

    def write(self, values: Iterable[Any]) -> None:
        self.writer.writerow([_text(v) for v in values])
        self.count += 1

    def close(self) -> None:
        self.writer.writerow([SLUITREGEL, str(self.count)])
        self.handle.close()


def _open(path: Path, header: Iterable[str]) -> _File:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("w", encoding="utf-8", newline="")
    writer = csv.writer(handle, delimiter=";", lineterminator="\n")
    writer.writerow(list(header))
    return _File(handle, writer)


@dataclass
class Writer:
    uit: Path
    peildatum: date
    sources: dict[str, _File] = field(default_factory=dict)
    gemeenten: dict[str, _File] = field(default_factory=dict)
    records: int = 0

    def __post_init__(self) -> None:
        for bron in CATALOGUS:
            path = (
                self.uit / "bronnen" / bron.code / self.peildatum.isoformat() / f"{bron.code}.csv"
            )
            self.sources[bron.code] = _open(path, bron.kolommen)
        self.kolommen = {bron.code: bron.kolommen for bron in CATALOGUS}

    def write(self, huishouden: Huishouden) -> None:
        for persoon in huishouden.leden:
            for bron, rows in persoon.records.items():
                target, kolommen = self.sources[bron], self.kolommen[bron]
                for row in rows:
                    target.write(row[k] for k in kolommen)
                self.records += len(rows)
        if huishouden.bijstand is not None:
            self._bijstand(huishouden.bijstand)

    def _bijstand(self, bijstand: Bijstand) -> None:
        target = self.gemeenten.get(bijstand.gemeente)
        if target is None:
            name = f"GM{bijstand.gemeente}/bijstand-{self.peildatum.isoformat()}.csv"
            target = self.gemeenten[bijstand.gemeente] = _open(
                self.uit / "gemeenten" / name, BIJSTAND_KOLOMMEN
            )
        target.write(getattr(bijstand, k) for k in BIJSTAND_KOLOMMEN)

    def close(self) -> None:
        for target in (*self.sources.values(), *self.gemeenten.values()):
            target.close()


def write_world(
    huishoudens: Iterable[Huishouden],
    uit: Path,
    peildatum: date,
    total: int,
    progress: IO[str] = sys.stderr,
) -> Writer:
    writer = Writer(uit, peildatum)
    started = time.monotonic()
    recipients = 0
    for number, huishouden in enumerate(huishoudens, start=1):
        writer.write(huishouden)
        recipients += huishouden.bijstand is not None
        if number % 50_000 == 0 or number == total:
            elapsed = time.monotonic() - started
            rate = writer.records / max(elapsed, 1e-9)
            print(
                f"  {number:,}/{total:,} huishoudens, {recipients:,} in de bijstand, "
                f"{writer.records:,} records, {elapsed:.0f}s ({rate:,.0f} records/s)",
                file=progress,
                flush=True,
            )
    writer.close()
    return writer
