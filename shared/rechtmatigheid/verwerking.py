"""A gemeente's delivery of its benefit recipients: checked, matched, signals delivered.

The file is read line by line, and its valid recipients written to Parquet in batches
(memory stays bounded whatever its size); each recipient is checked (reasons with line numbers in
the feedback report) and the file as a whole (a gemeente only, the header, duplicate BSNs,
an empty file, the closing line). The valid recipients are matched against the sources in
force on the delivery's date; new and changed signals are stored and written back as
`{bestand}.signalen.csv` and `.json` in `terugmeldingen/rechtmatigheid/{gemeente}/`. A
gemeente that chose to receive the inkomstenverrekening gets it for the same recipients
(`shared.inkomstenverrekening.levering`).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from shared.bronnen.catalogus import CATALOGUS
from shared.bronnen.intake import reason_of
from shared.bronnen.publicatie import publicaties
from shared.inkomstenverrekening import levering as inkomstenverrekening
from shared.intake.processing import Bestand, FileRejected, Verwerkingsresultaat
from shared.intake.regels import regels
from shared.models.aanlevering import Afkeuring
from shared.models.bronsnapshot import Snapshot
from shared.models.rechtmatigheid import KOLOMMEN, Ontvanger, Signaal
from shared.rechtmatigheid import matching
from shared.rechtmatigheid.matching import POPULATIE, Vermogensgrens, match
from shared.rechtmatigheid.opslag import SignaalRepository
from shared.rules.parameters import PARTICIPATIEWET, MissingParameters, in_force, vastgesteld
from shared.security import audit
from shared.security.diensten import RECHTMATIGHEID_CONTROLEREN
from shared.storage import clients
from shared.storage.blobs import PARQUET, BlobStore, download
from shared.storage.containers import BlobContainers
from shared.validation.organisatie import Soort, soort_of

CSV_KOLOMMEN = (
    "signaalnummer",
    "type",
    "omschrijving",
    "bsn",
    "rol",
    "betrokkene_bsn",
    "sleutel",
    "status",
    "bewijs",
)


@cache
def _snapshot_cache() -> Path:
    """Snapshots downloaded once per process: every delivery of a run reads the same ones."""
    return Path(tempfile.mkdtemp(prefix="bronsnapshots-"))


def lokaal(snapshot: Snapshot) -> list[str]:
    """Local copies of a snapshot's Parquet parts (downloaded once per process)."""
    service = clients.blob_service()
    paden = []
    for path in snapshot.parquet:
        container, name = path.split("/", 1)
        target = _snapshot_cache() / name.replace("/", "_")
        if not target.exists():
            download(service.get_blob_client(container, name), target)
        paden.append(str(target))
    return paden


def snapshots_in_force(peildatum: date) -> dict[str, list[str]]:
    """Local copies of the Parquet parts of each source's snapshot in force on the date."""
    local: dict[str, list[str]] = {}
    for bron in CATALOGUS:
        snapshot = publicaties().in_force(bron.code, peildatum)
        if snapshot is not None:
            local[bron.code] = lokaal(snapshot)
    return local


def vermogensgrenzen_cent(peildatum: date) -> tuple[Vermogensgrens, ...]:
    """Every vermogensgrens (alleenstaande, gezin; Pw art. 34 lid 3) that took effect on or
    before the peildatum, each from its own date: a balance or a value is held against the
    limit in force on its own date, not today's. Refused (`MissingParameters`) when one of
    them is not known, rather than using a stale one."""
    namen = ["vermogensgrens_alleenstaande", "vermogensgrens_gezin"]
    sets = vastgesteld()
    in_force(peildatum, namen, sets)  # none known on the peildatum: refused
    grenzen = []
    for ingang in (i for i in sets.ingangsdata(PARTICIPATIEWET) if i <= peildatum):
        try:
            p = in_force(ingang, namen, sets)
        except MissingParameters:
            continue  # a set of that date without the limits: no balance is held against it
        grenzen.append(
            Vermogensgrens(
                ingang,
                int(p["vermogensgrens_alleenstaande"].value * 100),
                int(p["vermogensgrens_gezin"].value * 100),
            )
        )
    return tuple(grenzen)


PER_BATCH = 10_000
"""Recipients written to the population's Parquet file at a time."""


def _ontvangers(
    bestand: Bestand, lines: Iterator[str], result: Verwerkingsresultaat, populatie: Path
) -> None:
    """The valid recipients to Parquet at `populatie`, `PER_BATCH` at a time: memory stays
    bounded whatever the file's size. A BSN seen before is looked up in a SQLite work file
    beside it (on disk, not in memory)."""
    bsns = populatie.with_suffix(".bsns.sqlite")
    bsns.unlink(missing_ok=True)
    with (
        closing(sqlite3.connect(bsns)) as seen,
        pq.ParquetWriter(populatie, POPULATIE) as writer,
    ):
        seen.execute("PRAGMA journal_mode = OFF")
        seen.execute("PRAGMA synchronous = OFF")
        seen.execute("CREATE TABLE bsns (bsn TEXT PRIMARY KEY, regel INTEGER) WITHOUT ROWID")
        rows: list[dict[str, object]] = []
        for regel, velden in regels(lines, KOLOMMEN, result, "ontvangers"):
            if velden is None:
                continue
            try:
                ontvanger = Ontvanger.from_row(velden)
            except ValidationError as error:
                result.afkeuren(regel, reason_of(error))
                continue
            eerder = seen.execute(
                "SELECT regel FROM bsns WHERE bsn = ?", (ontvanger.bsn,)
            ).fetchone()
            if eerder is not None:
                raise FileRejected(
                    Afkeuring(regel=regel, reden=f"BSN staat dubbel (ook op regel {eerder[0]})")
                )
            seen.execute("INSERT INTO bsns VALUES (?, ?)", (ontvanger.bsn, regel))
            rows.append({"gemeente": bestand.organisatie, **ontvanger.model_dump()})
            if len(rows) >= PER_BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=POPULATIE))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=POPULATIE))


def write_signal_files(bestand: Bestand, signalen: list[Signaal]) -> None:
    """The delivered signals as CSV (for municipal benefit systems) and JSON, replaced
    together: both are staged before either is committed, so a failure midway leaves the
    previous pair whole."""
    base = f"rechtmatigheid/{bestand.organisatie}/{bestand.bestandsnaam}.signalen"
    BlobStore().write_together(
        BlobContainers.TERUGMELDINGEN,
        [
            (f"{base}.csv", _csv_chunks(signalen), "text/csv; charset=utf-8"),
            (f"{base}.json", _json_chunks(signalen), "application/json; charset=utf-8"),
        ],
    )


PER_STUK = 1_000
"""Signals encoded per chunk of the files."""


def _csv_chunks(signalen: list[Signaal]) -> Iterator[bytes]:
    yield (";".join(CSV_KOLOMMEN) + "\n").encode()
    for start in range(0, len(signalen), PER_STUK):
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\n")
        for s in signalen[start : start + PER_STUK]:
            writer.writerow(
                [
                    s.id,
                    s.type,
                    s.omschrijving,
                    s.bsn,
                    s.rol,
                    s.betrokkene_bsn,
                    s.sleutel,
                    s.status.value,
                    json.dumps(s.bewijs, ensure_ascii=False),
                ]
            )
        yield text.getvalue().encode()


def _json_chunks(signalen: list[Signaal]) -> Iterator[bytes]:
    yield b"["
    for start in range(0, len(signalen), PER_STUK):
        yield "".join(
            ("\n" if start + i == 0 else ",\n")
            + json.dumps(s.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)
            for i, s in enumerate(signalen[start : start + PER_STUK])
        ).encode()
    yield b"\n]\n"


def populatie_pad(gemeente: str) -> str:
    """Where the gemeente's latest valid population waits for the monthly run."""
    return f"rechtmatigheid/{gemeente}/populatie.parquet"


def _keep_for_the_monthly_run(gemeente: str, populatie: Path) -> None:
    BlobStore().upload_file(
        BlobContainers.BRONSNAPSHOTS, populatie_pad(gemeente), populatie, PARQUET
    )


def populaties_in_force(work: Path) -> dict[str, str]:
    """Local copies of every gemeente's latest population, for the monthly run."""
    container = clients.blob_service().get_container_client(BlobContainers.BRONSNAPSHOTS)
    local = {}
    for item in container.list_blobs(name_starts_with="rechtmatigheid/"):
        gemeente = item.name.split("/")[1]
        target = work / f"populatie-{gemeente}.parquet"
        local[gemeente] = str(download(container.get_blob_client(item.name), target))
    return local


def audit_gecontroleerd(gemeente: str, populatie: str | Path, gelezen: Iterable[str]) -> None:
    """Every recipient and partner of a population had his data matched against the sources
    for the gemeente, and so had every other person whose records the rules read
    (`matching.GELEZEN_SQL`: co-residents, the BRP partner and children): one processing per
    person (audit and processing log), before any signal is delivered."""
    bsns = [*matching.personen(populatie), *gelezen]
    audit.verwerkt(gemeente, "rechtmatigheid gecontroleerd", RECHTMATIGHEID_CONTROLEREN, bsns)


def process(
    bestand: Bestand, lines: Iterator[str], peildatum: date | None = None
) -> Verwerkingsresultaat:
    """A `Processor` for `aanleveringen/rechtmatigheid/{gemeente}/{bestand}`."""
    if soort_of(bestand.organisatie) is not Soort.GEMEENTE:
        raise FileRejected(Afkeuring(reden=f"{bestand.organisatie} is geen gemeente"))
    result = Verwerkingsresultaat()
    peildatum = peildatum or datetime.now(UTC).date()
    with tempfile.TemporaryDirectory(prefix="rechtmatigheid-") as work:
        populatie = Path(work) / "populatie.parquet"
        _ontvangers(bestand, lines, result, populatie)
        _keep_for_the_monthly_run(bestand.organisatie, populatie)
        snapshots = snapshots_in_force(peildatum)
        matched = match(
            [str(populatie)], snapshots, peildatum, vermogensgrenzen_cent(peildatum), Path(work)
        )
        inkomstenverrekening.lever(bestand, populatie, snapshots, peildatum)
        audit_gecontroleerd(
            bestand.organisatie, populatie, matched.gelezen.column("bsn").to_pylist()
        )
    SignaalRepository().bewaar(
        matched.signalen,
        bestand.delivery_id,
        datetime.now(UTC),
        leveren=lambda nieuw: write_signal_files(bestand, nieuw),
    )
    return result
