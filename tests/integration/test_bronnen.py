"""Source intake against the emulators: a whole file becomes the snapshot, a bad one never does."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from azure.storage.blob import BlobClient

from shared import processen
from shared.bronnen import intake as bronintake
from shared.bronnen import leden, snapshots
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.huishouden import Adres
from shared.bronnen.publicatie import publicaties
from shared.bronnen.raadplegen import Bronnen, GeenAdresindex
from shared.bronnen.snapshots import feiten_id, indexadres
from shared.intake.pipeline import BRONNEN, Intake
from shared.models.aanlevering import Aanlevering, Status
from shared.models.bronsnapshot import Snapshot
from shared.security.admission import Broninname
from shared.storage import clients
from shared.storage.containers import (
    BRONADRESSEN,
    BRONADRESSEN_PER_ADRES,
    BRONFEITEN,
    BRONFEITEN_PER_BSN,
    BlobContainers,
)
from shared.storage.emmers import EMMERS, emmer, persoonsemmer
from shared.storage.ids import document_id
from synth.files import write_world
from synth.world import Wereld

pytestmark = pytest.mark.integration

PEILDATUM = date(2026, 10, 31)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = tmp_path_factory.mktemp("synth")
    write_world(Wereld(3, PEILDATUM).huishoudens(40, 0.5), uit, PEILDATUM, 40)
    return uit


def source_file(world: Path, bron: str) -> bytes:
    return (world / "bronnen" / bron / PEILDATUM.isoformat() / f"{bron}.csv").read_bytes()


def deliver(bron: str, content: bytes, name: str, peildatum: date = PEILDATUM) -> Aanlevering:
    """A new delivery of this content (the name is made unique, as each test delivers anew)."""
    blob: BlobClient = clients.blob_service().get_blob_client(
        BlobContainers.BRONNEN, f"{bron}/{peildatum.isoformat()}/{uuid.uuid4().hex[:8]}-{name}"
    )
    blob.upload_blob(content, overwrite=True)
    delivered = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
    assert delivered is not None
    return delivered


@pytest.fixture
def fresh(app_settings: dict[str, str]) -> Iterator[None]:
    publicaties.cache_clear()
    yield
    publicaties.cache_clear()


def in_force(bron: str) -> str | None:
    publicaties.cache_clear()
    snapshot = publicaties().in_force(bron, PEILDATUM)
    return snapshot.snapshot if snapshot else None


def legacy_document(record: Any, snapshot: str, peildatum: date, **partitie: str) -> dict[str, Any]:
    """A brp-personen document as a layout from before the persons' emmers stored it."""
    return {
        "id": feiten_id(record.bsn, "brp-personen", snapshot),
        **partitie,
        "bsn": record.bsn,
        "bron": "brp-personen",
        "snapshot": snapshot,
        "peildatum": peildatum.isoformat(),
        "records": [record.model_dump(mode="json", exclude={"bsn"})],
    }


def publish_legacy(snapshot: str, peildatum: date, records: int, **indeling: int) -> None:
    """Publish a brp-personen snapshot the test wrote itself, and read publications anew."""
    publicaties().publish(
        "brp-personen",
        Snapshot(
            snapshot=snapshot,
            peildatum=peildatum,
            gepubliceerd=datetime.now(UTC),
            aantal_records=records,
            aantal_personen=records,
            parquet=[],
            **indeling,
        ),
    )
    publicaties.cache_clear()


def test_a_complete_file_becomes_the_snapshot_in_force(world: Path, fresh: None) -> None:
    delivered = deliver("brp-personen", source_file(world, "brp-personen"), "personen.csv")
    assert delivered.status is Status.VERWERKT
    assert in_force("brp-personen") == delivered.id
    snapshot = publicaties().in_force("brp-personen", PEILDATUM)
    assert snapshot is not None
    assert snapshot.aantal_records == delivered.aantal_records == snapshot.aantal_personen


def test_one_person_is_looked_up_across_sources(world: Path, fresh: None) -> None:
    deliver("bd-toeslagen", source_file(world, "bd-toeslagen"), "toeslagen.csv")
    deliver("brp-personen", source_file(world, "brp-personen"), "personen.csv")
    bsn = source_file(world, "bd-toeslagen").decode().splitlines()[1].split(";")[0]
    stand = {s.bron: s for s in Bronnen().persoon(bsn, PEILDATUM)}
    assert len(stand["bd-toeslagen"].records) == 12
    assert [r.bsn for r in stand["brp-personen"].records] == [bsn]
    assert stand["dji-detenties"].snapshot is None  # never delivered: no snapshot, not "nothing"


def test_a_lookup_reads_a_source_only_for_someone_it_may_hold(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot's filter of persons: everyone in the file is found with his records; a
    person the filter excludes is answered "nothing" without a read of that source."""
    deliver("bd-toeslagen", source_file(world, "bd-toeslagen"), "toeslagen.csv")
    lines = source_file(world, "bd-toeslagen").decode().splitlines()[1:-1]
    in_het_bestand = sorted({line.split(";")[0] for line in lines})
    snapshot = publicaties().in_force("bd-toeslagen", PEILDATUM)
    assert snapshot is not None
    assert snapshot.ledenfilter is not None
    bronnen = Bronnen()
    gelezen: list[str] = []
    lees = bronnen.feiten.get

    def geteld(partitie: str, document_id: str) -> Any:
        gelezen.append(partitie)
        return lees(partitie, document_id)

    monkeypatch.setattr(bronnen.feiten, "get", geteld)
    for bsn in in_het_bestand:
        [stand] = bronnen.persoon(bsn, PEILDATUM, ["bd-toeslagen"])
        assert stand.records, bsn
    assert len(gelezen) == len(in_het_bestand)
    assert leden.bekend(snapshot.ledenfilter, snapshot.gepubliceerd)  # read once, then kept
    gelezen.clear()
    [stand] = bronnen.persoon("999999990", PEILDATUM, ["bd-toeslagen"])  # not in the file
    assert (stand.snapshot, stand.records, gelezen) == (snapshot, [], [])


def test_a_person_is_read_in_all_his_sources_with_one_query(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Snapshots published by person keep a person's documents of every source in his emmer:
    a lookup reads them together, and each source gets its own records back."""
    deliver("bd-toeslagen", source_file(world, "bd-toeslagen"), "toeslagen.csv")
    deliver("brp-personen", source_file(world, "brp-personen"), "personen.csv")
    toeslagen = source_file(world, "bd-toeslagen").decode().splitlines()[1:-1]
    bsn = toeslagen[0].split(";")[0]
    bronnen = Bronnen()
    gelezen: list[tuple[str, int]] = []
    lees = bronnen.feiten.get_many

    def geteld(partitie: str, ids: list[str]) -> Any:
        gelezen.append((partitie, len(ids)))
        return lees(partitie, ids)

    monkeypatch.setattr(bronnen.feiten, "get_many", geteld)
    monkeypatch.setattr(bronnen.feiten, "get", lambda *_: pytest.fail("a point read of its own"))
    stand = {s.bron: s for s in bronnen.persoon(bsn, PEILDATUM, ["bd-toeslagen", "brp-personen"])}
    assert gelezen == [(persoonsemmer(bsn, EMMERS), 2)]
    assert len(stand["bd-toeslagen"].records) == sum(
        1 for line in toeslagen if line.split(";")[0] == bsn
    )
    assert {r.bsn for r in stand["bd-toeslagen"].records} == {bsn}
    assert [r.bsn for r in stand["brp-personen"].records] == [bsn]


def test_a_snapshot_in_its_own_emmers_is_read_beside_those_by_person(
    world: Path, fresh: None
) -> None:
    """A snapshot published before the person's emmers (`persoonsemmers` None) keeps its
    documents in its own emmers: a lookup reads it there, beside the person's emmer of the
    sources published since, and never takes it for "nothing on record"."""
    peildatum = date(2030, 3, 31)  # after every other test's, so none of them sees it
    deliver("bd-toeslagen", source_file(world, "bd-toeslagen"), "toeslagen.csv", peildatum)
    bsn = source_file(world, "bd-toeslagen").decode().splitlines()[1].split(";")[0]
    personen = source_file(world, "brp-personen").decode().splitlines()
    header = personen[0].split(";")
    [regel] = [line for line in personen[1:-1] if line.split(";")[0] == bsn]
    record = BY_CODE["brp-personen"].model.from_row(
        dict(zip(header, regel.split(";"), strict=True)), peildatum
    )
    snapshot = f"eigen-emmers-{uuid.uuid4().hex[:8]}"
    partitie = emmer(snapshot, feiten_id(bsn, "brp-personen", snapshot), EMMERS)
    clients.cosmos_database().get_container_client(BRONFEITEN.name).upsert_item(
        legacy_document(record, snapshot, peildatum, emmer=partitie)
    )
    publish_legacy(snapshot, peildatum, 1, emmers=EMMERS)
    stand = {s.bron: s for s in Bronnen().persoon(bsn, peildatum, ["brp-personen", "bd-toeslagen"])}
    eigen, per_persoon = stand["brp-personen"].snapshot, stand["bd-toeslagen"].snapshot
    assert eigen is not None
    assert eigen.persoonsemmers is None
    assert per_persoon is not None
    assert per_persoon.persoonsemmers == EMMERS
    assert stand["brp-personen"].records == [record]
    assert {r.bsn for r in stand["bd-toeslagen"].records} == {bsn}


def test_a_population_is_joined_in_bulk(world: Path, fresh: None) -> None:
    deliver("bd-toeslagen", source_file(world, "bd-toeslagen"), "toeslagen.csv")
    lines = source_file(world, "bd-toeslagen").decode().splitlines()[1:-1]
    population = sorted({line.split(";")[0] for line in lines})[:3]
    snapshot, table = Bronnen().bulk("bd-toeslagen", PEILDATUM, population)
    assert snapshot is not None
    expected = sum(1 for line in lines if line.split(";")[0] in population)
    assert table.num_rows == expected
    assert set(table["bsn"].to_pylist()) == set(population)


def test_a_reference_date_before_any_snapshot_has_none(world: Path, fresh: None) -> None:
    deliver("brp-personen", source_file(world, "brp-personen"), "personen.csv")
    assert publicaties().in_force("brp-personen", date(2026, 1, 1)) is None


def corrupt(content: bytes, old: bytes, new: bytes) -> bytes:
    assert old in content
    return content.replace(old, new, 1)


def first_record(content: bytes) -> bytes:
    return content.split(b"\n")[1]


@pytest.mark.parametrize(
    ("bron", "damage", "reden"),
    [
        pytest.param(
            "brp-personen",
            lambda c: corrupt(c, first_record(c)[:9], b"123456789"),
            "bsn: BSN voldoet niet aan de elfproef",
            id="bad-bsn",
        ),
        pytest.param(
            "bd-rekeningen",
            lambda c: corrupt(c, b";NL", b";NL0"),
            "iban: ongeldig IBAN",
            id="bad-iban",
        ),
        pytest.param(
            "brp-personen",
            lambda c: corrupt(c, b"adres_sinds", b"adresSinds"),
            "kop moet zijn: bsn;geboortedatum;overlijdensdatum;land;gemeentecode;postcode;"
            "huisnummer;huisletter;huisnummertoevoeging;adres_sinds",
            id="wrong-column",
        ),
        pytest.param(
            "brp-personen",
            lambda c: c[: c.rindex(b"#aantal")],
            "sluitregel #aantal ontbreekt: het bestand is onvolledig; "
            "de vorige stand van de bron blijft gelden",
            id="truncated",
        ),
        pytest.param(
            "brp-personen",
            lambda c: corrupt(c, first_record(c), first_record(c) + b"\n" + first_record(c)),
            "tweede record van dezelfde persoon: brp-personen heeft er één per BSN",
            id="one-person-twice",
        ),
        pytest.param(
            "brp-personen",
            lambda c: c + b"200000007;1990-01-01;;NL;0363;1012JR;1;\n",
            "regel na de sluitregel #aantal",
            id="after-closing-line",
        ),
        pytest.param(
            "brp-personen",
            lambda c: corrupt(c, b";NL;", "ë".encode("latin-1").join((b";NL", b";"))),
            None,
            id="wrong-encoding",
        ),
    ],
)
def test_a_malformed_file_is_rejected_and_the_previous_snapshot_stays(
    world: Path, fresh: None, bron: str, damage: object, reden: str | None
) -> None:
    good = deliver(bron, source_file(world, bron), f"{bron}.csv")
    assert in_force(bron) == good.id
    bad = deliver(bron, damage(source_file(world, bron)), f"{bron}-kapot.csv")  # type: ignore[operator]
    assert bad.status is Status.AFGEWEZEN
    reasons = [a.reden for a in bad.afkeuringen]
    if reden is None:
        assert bad.quarantaine is not None
        assert reasons[0].startswith("geen geldige UTF-8 bij byte")
    else:
        assert reden in reasons
    assert in_force(bron) == good.id


@pytest.mark.parametrize("personen_per_deel", [bronintake.PERSONEN_PER_DEEL, 1])
def test_records_out_of_bsn_order_are_rejected(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch, personen_per_deel: int
) -> None:
    """Within a part, and across two parts handled by two processes (one person a part)."""
    monkeypatch.setattr(processen, "processen", lambda: 2)
    monkeypatch.setattr(bronintake, "PERSONEN_PER_DEEL", personen_per_deel)
    lines = source_file(world, "brp-personen").split(b"\n")
    swapped = b"\n".join([lines[0], lines[2], lines[1], *lines[3:]])
    bad = deliver("brp-personen", swapped, "ongesorteerd.csv")
    assert bad.status is Status.AFGEWEZEN
    assert [(a.regel, a.reden) for a in bad.afkeuringen] == [(3, "records niet gesorteerd op BSN")]


def records_per_bsn(content: bytes) -> dict[str, int]:
    per_bsn: dict[str, int] = {}
    for line in content.decode().splitlines()[1:-1]:
        bsn = line.split(";")[0]
        per_bsn[bsn] = per_bsn.get(bsn, 0) + 1
    return per_bsn


def test_a_file_in_parts_over_processes_makes_the_same_snapshot(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of many parts is checked and written in spawned processes: the same records,
    persons, documents and lookups as the same file in one part in this process."""
    content = source_file(world, "uwv-polis")
    per_bsn = records_per_bsn(content)
    een_deel = deliver("uwv-polis", content, "polis-een-deel.csv")
    bronnen = Bronnen()
    verwacht = {bsn: bronnen.persoon(bsn, PEILDATUM, ["uwv-polis"])[0].records for bsn in per_bsn}
    monkeypatch.setattr(processen, "processen", lambda: 2)  # whatever the machine's cores
    monkeypatch.setattr(bronintake, "PERSONEN_PER_DEEL", 3)
    monkeypatch.setattr(snapshots, "GROUP_ROWS", 7)  # row groups and parts of a few parts each
    monkeypatch.setattr(snapshots, "PART_ROWS", 40)
    assert len(per_bsn) > 2 * 3 * 2  # more parts than the processes take at once
    in_delen = deliver("uwv-polis", content, "polis-in-delen.csv")
    assert in_delen.status is Status.VERWERKT
    snapshot = publicaties().in_force("uwv-polis", PEILDATUM)
    assert snapshot is not None
    assert snapshot.snapshot == in_delen.id
    assert (snapshot.aantal_records, snapshot.aantal_personen) == (
        sum(per_bsn.values()),
        len(per_bsn),
    )
    assert documents_of(in_delen.id) == documents_of(een_deel.id) == len(per_bsn)
    for bsn, records in verwacht.items():
        [stand] = bronnen.persoon(bsn, PEILDATUM, ["uwv-polis"])
        assert stand.records == records
        assert len(records) == per_bsn[bsn]
    assert len(snapshot.parquet) > 1
    _, tabel = bronnen.bulk("uwv-polis", PEILDATUM, per_bsn)
    rijen = [r.model_dump() for records in verwacht.values() for r in records]
    assert sorted(tabel.to_pylist(), key=repr) == sorted(rijen, key=repr)


def test_rejected_records_of_every_part_are_reported_in_line_order(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad IBANs in the first, a middle and the last part, and a run of lines without a BSN
    (nobody's: they may be cut into parts of their own)."""
    monkeypatch.setattr(processen, "processen", lambda: 2)
    monkeypatch.setattr(bronintake, "PERSONEN_PER_DEEL", 2)
    lines = source_file(world, "bd-rekeningen").split(b"\n")
    kapot = [2, len(lines) // 2, len(lines) - 2]  # line numbers (1 = the header)
    for regel in kapot:
        lines[regel - 1] = lines[regel - 1].replace(b";NL", b";NL0", 1)
    zonder_bsn = list(range(len(lines) // 2 + 2, len(lines) // 2 + 8))
    for regel in zonder_bsn:
        lines[regel - 1] = b";" + lines[regel - 1].split(b";", 1)[1]
    bad = deliver("bd-rekeningen", b"\n".join(lines), "rekeningen-kapot.csv")
    assert bad.status is Status.AFGEWEZEN
    assert bad.aantal_afgekeurd == len(kapot) + len(zonder_bsn)
    assert [a.regel for a in bad.afkeuringen[1:]] == sorted(kapot + zonder_bsn)
    redenen = {a.regel: a.reden for a in bad.afkeuringen[1:]}
    assert [redenen[regel] for regel in kapot] == ["iban: ongeldig IBAN"] * len(kapot)
    assert all(redenen[regel].startswith("bsn:") for regel in zonder_bsn)


def test_a_file_with_more_records_in_a_row_for_one_bsn_than_a_part_holds_is_rejected(
    world: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part ends only between persons; a run longer than a part could ever be is no
    person's (his document would pass Cosmos DB's limit) and is not held in memory whole."""
    content = source_file(world, "uwv-polis")
    per_bsn = records_per_bsn(content)
    meeste = max(per_bsn.values())
    assert meeste >= 2
    monkeypatch.setattr(bronintake, "RIJEN_PER_DEEL", meeste)
    assert deliver("uwv-polis", content, "polis-net-niet.csv").status is Status.VERWERKT
    monkeypatch.setattr(bronintake, "RIJEN_PER_DEEL", meeste - 1)
    bad = deliver("uwv-polis", content, "polis-lange-reeks.csv")
    assert bad.status is Status.AFGEWEZEN
    [afkeuring] = bad.afkeuringen
    assert afkeuring.reden == f"meer dan {meeste - 1} records achtereen met hetzelfde BSN"
    lines = content.decode().splitlines()
    eerste_lange = next(bsn for bsn, aantal in per_bsn.items() if aantal == meeste)
    regels = [n for n, line in enumerate(lines, 1) if line.startswith(eerste_lange + ";")]
    assert afkeuring.regel == regels[meeste - 1]  # the one record too many


def documents_of(snapshot: str, container_name: str = BRONFEITEN.name) -> int:
    container = clients.cosmos_database().get_container_client(container_name)
    query = "SELECT VALUE COUNT(1) FROM c WHERE c.snapshot = @s"
    params: list[dict[str, object]] = [{"name": "@s", "value": snapshot}]
    counts = container.query_items(query, parameters=params, enable_cross_partition_query=True)
    count: int = next(iter(counts))  # type: ignore[assignment]  # SELECT VALUE gives an int
    return count


def test_a_retried_trigger_doubles_nothing(world: Path, fresh: None) -> None:
    content = source_file(world, "bd-rekeningen")
    blob = clients.blob_service().get_blob_client(
        BlobContainers.BRONNEN, f"bd-rekeningen/{PEILDATUM.isoformat()}/herhaald.csv"
    )
    blob.upload_blob(content, overwrite=True)
    first = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
    assert first is not None
    again = Intake(admission=Broninname()).handle(blob, BRONNEN, bronintake.process)
    assert again is None
    snapshot = publicaties().in_force("bd-rekeningen", PEILDATUM)
    assert snapshot is not None
    assert documents_of(first.id) == snapshot.aantal_personen
    assert snapshot.aantal_records == first.aantal_records


PERSONEN_OP_ADRESSEN = b"""\
bsn;geboortedatum;overlijdensdatum;land;gemeentecode;postcode;huisnummer;huisletter;huisnummertoevoeging;adres_sinds
100000009;1980-01-01;;NL;0363;1234AB;12;;1;2020-01-01
100000010;1985-01-01;;NL;0363;1234ab;12;;1;2021-06-01
100000022;1990-01-01;;NL;0363;1234AB;12;;2;2020-01-01
100000034;1970-01-01;;NL;0363;1234AB;14;;;2020-01-01
100000046;1970-01-01;;BE;;;;;;
#aantal;5
"""


def test_the_persons_at_a_shared_address_are_found_by_the_address(fresh: None) -> None:
    """The index holds addresses of two or more persons: 12-1 gives both, 12-2 (one person)
    and a person alone give [] (the caller knows his own person), as `bewoners` documents."""
    delivered = deliver("brp-personen", PERSONEN_OP_ADRESSEN, "adressen.csv")
    assert delivered.status is Status.VERWERKT
    snapshot = publicaties().in_force("brp-personen", PEILDATUM)
    assert snapshot is not None
    assert snapshot.snapshot == delivered.id
    assert snapshot.adressen == 1
    bronnen = Bronnen()
    assert bronnen.bewoners(Adres("1234AB", 12, "", "1"), PEILDATUM) == ["100000009", "100000010"]
    assert bronnen.bewoners(Adres("1234AB", 12, "", "2"), PEILDATUM) == []
    assert bronnen.bewoners(Adres("1234AB", 14), PEILDATUM) == []
    assert bronnen.bewoners(Adres("1234AB", 12), PEILDATUM) == []  # no toevoeging: another home


def test_the_address_index_of_a_synthetic_world_matches_the_file(world: Path, fresh: None) -> None:
    """Grouped in DuckDB (`sql_adressleutel`), looked up from Python (`Adres.sleutel`): the
    same addresses, the same persons, toevoegingen included; nothing of a person alone."""
    content = source_file(world, "brp-personen")
    delivered = deliver("brp-personen", content, "personen.csv")
    lines = content.decode().splitlines()
    header = lines[0].split(";")
    per_adres: dict[Adres, list[str]] = {}
    for line in lines[1:-1]:
        row = dict(zip(header, line.split(";"), strict=True))
        adres = Adres.van({k: v or None for k, v in row.items()})
        if adres is not None:
            per_adres.setdefault(adres, []).append(row["bsn"])
    gedeeld = {a: sorted(b) for a, b in per_adres.items() if len(b) >= 2}
    alleen = [a for a, b in per_adres.items() if len(b) == 1]
    assert gedeeld
    assert alleen
    snapshot = publicaties().in_force("brp-personen", PEILDATUM)
    assert snapshot is not None
    assert snapshot.adressen == len(gedeeld)
    assert documents_of(delivered.id, BRONADRESSEN.name) == len(gedeeld)
    bronnen = Bronnen()
    for adres, bsns in sorted(gedeeld.items())[:10]:
        assert bronnen.bewoners(adres, PEILDATUM) == bsns
    assert bronnen.bewoners(alleen[0], PEILDATUM) == []


def test_no_brp_snapshot_in_force_raises_rather_than_answering_nobody(fresh: None) -> None:
    deliver("brp-personen", PERSONEN_OP_ADRESSEN, "adressen.csv")
    with pytest.raises(GeenAdresindex):
        Bronnen().bewoners(Adres("1234AB", 12, "", "1"), date(2026, 1, 1))


def test_a_snapshot_published_before_the_emmers_is_read_where_it_was_written(
    fresh: None,
) -> None:
    """A snapshot in force from before the emmers (`emmers` None) has its documents by BSN in
    `bronfeiten` and by address in `bronadressen`: they are read there, never taken for
    "nothing on record" because the emmers hold nothing of it."""
    peildatum = date(2030, 1, 31)  # after every other test's, so none of them sees it
    snapshot = f"voor-de-emmers-{uuid.uuid4().hex[:8]}"
    lines = PERSONEN_OP_ADRESSEN.decode().splitlines()
    header = lines[0].split(";")
    model = BY_CODE["brp-personen"].model
    bewoners = ["100000009", "100000010"]
    records = [
        model.from_row(dict(zip(header, line.split(";"), strict=True)), peildatum)
        for line in lines[1:3]
    ]
    feiten = clients.cosmos_database().get_container_client(BRONFEITEN_PER_BSN.name)
    for record in records:
        feiten.upsert_item(legacy_document(record, snapshot, peildatum))
    adres = indexadres(Adres("1234AB", 12, "", "1").sleutel)
    clients.cosmos_database().get_container_client(BRONADRESSEN_PER_ADRES.name).upsert_item(
        {
            "id": document_id(adres, snapshot),
            "adres": adres,
            "snapshot": snapshot,
            "peildatum": peildatum.isoformat(),
            "bewoners": bewoners,
        }
    )
    publish_legacy(snapshot, peildatum, 2, adressen=1)
    bronnen = Bronnen()
    [stand] = bronnen.persoon("100000010", peildatum, ["brp-personen"])
    assert stand.snapshot is not None
    assert stand.snapshot.emmers is None
    assert stand.records == [records[1]]
    assert bronnen.bewoners(Adres("1234AB", 12, "", "1"), peildatum) == bewoners
