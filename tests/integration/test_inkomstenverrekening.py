"""The inkomstenverrekening against the emulators: a retried delivery changes nothing, a
recipient who leaves the population leaves the stand, and a partner's income counts from the
partnership the BRP records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from local.seed import seed
from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.kolommen import schema
from shared.inkomstenverrekening.levering import lever
from shared.intake.processing import Bestand
from shared.rechtmatigheid.matching import POPULATIE
from shared.storage import clients
from shared.storage.containers import BlobContainers

pytestmark = pytest.mark.integration

GEMEENTE = "GM0363"  # seeded: connected and opted in
EEN, TWEE, PARTNER = "330000007", "330000019", "330000020"
PEIL = date(2026, 6, 30)


def opgave(bsn: str, periode: str, loon: int) -> dict[str, object]:
    jaar, maand = map(int, periode.split("-"))
    return {
        "bsn": bsn,
        "begindatum": date(2025, 6, 1),
        "einddatum": None,
        "periode": periode,
        "loontijdvak": "maand",
        "tijdvak_begin": date(jaar, maand, 1),
        "tijdvak_einde": date(jaar + maand // 12, maand % 12 + 1, 1),
        "loonheffingennummer": "123456789L01",
        "soort_inkomen": "dienstbetrekking",
        "uitkeringsinstantie": None,
        **{k: 0 for k in ("loon_sv_cent", "vakantiegeld_cent", "eenmalig_cent")},
        **{k: 0 for k in ("ingehouden_lb_cent", "ingehouden_lb_bijzonder_cent")},
        **{k: 0 for k in ("zvw_inhouding_cent", "wga_premie_cent", "prive_auto_cent")},
        "vrijgesteld_cent": 0,
        "loon_lb_cent": loon,
        "verloonde_uren": 80,
    }


def bestanden(tmp: Path, ontvangers: tuple[str, ...]) -> tuple[Path, dict[str, list[str]]]:
    populatie = tmp / f"populatie-{len(ontvangers)}.parquet"
    rijen = [
        {
            "gemeente": GEMEENTE,
            "bsn": bsn,
            "regeling": "PW",
            "begindatum": date(2026, 1, 1),
            "partner_bsn": PARTNER if bsn == EEN else None,
        }
        for bsn in ontvangers
    ]
    pq.write_table(pa.Table.from_pylist(rijen, schema=POPULATIE), populatie)
    polis, brp, relaties = tmp / "polis.parquet", tmp / "brp.parquet", tmp / "relaties.parquet"
    opgaven = [opgave(bsn, f"2026-0{m}", 85_000) for bsn in (EEN, TWEE) for m in (1, 2)]
    opgaven += [opgave(PARTNER, f"2026-0{m}", 40_000) for m in (1, 2)]
    pq.write_table(pa.Table.from_pylist(opgaven, schema=schema(BY_CODE["uwv-polis"].model)), polis)
    personen = [
        {"bsn": bsn, "geboortedatum": date(1990, 1, 1), "land": "NL"}
        for bsn in (EEN, TWEE, PARTNER)
    ]
    pq.write_table(
        pa.Table.from_pylist(personen, schema=schema(BY_CODE["brp-personen"].model)), brp
    )
    huwelijk = [
        {"bsn": EEN, "begindatum": date(2026, 2, 1), "soort": "partner", "relatie_bsn": PARTNER}
    ]
    pq.write_table(
        pa.Table.from_pylist(huwelijk, schema=schema(BY_CODE["brp-relaties"].model)), relaties
    )
    bronnen = {"uwv-polis": polis, "brp-personen": brp, "brp-relaties": relaties}
    return populatie, {bron: [str(pad)] for bron, pad in bronnen.items()}


def geleverd(levering: str) -> dict[str, list[dict[str, object]]]:
    blob = clients.blob_service().get_blob_client(
        BlobContainers.TERUGMELDINGEN,
        f"inkomstenverrekening/{GEMEENTE}/{levering}.inkomstenverrekening.json",
    )
    inhoud: dict[str, list[dict[str, object]]] = json.loads(blob.download_blob().readall())
    return inhoud


def test_a_retry_changes_nothing_and_a_recipient_who_left_leaves_the_stand(
    app_settings: dict[str, str], tmp_path: Path
) -> None:
    seed()
    populatie, snapshots = bestanden(tmp_path, (EEN, TWEE))
    eerste = Bestand("rechtmatigheid", GEMEENTE, "ontvangers.csv", "levering-a", "c")
    resultaat = lever(eerste, populatie, snapshots, PEIL)
    assert resultaat is not None
    assert (resultaat.opgaven, resultaat.maanden) == (5, 4)
    partner = [o for o in geleverd("levering-a")["opgaven"] if o["bsn"] == PARTNER]
    assert [o["periode"] for o in partner] == ["2026-02"]  # married on 1 February
    assert lever(eerste, populatie, snapshots, PEIL) is None  # a retry of the same delivery
    assert len(geleverd("levering-a")["maanden"]) == 4  # its files are untouched

    zonder_twee, _ = bestanden(tmp_path, (EEN,))
    tweede = Bestand("rechtmatigheid", GEMEENTE, "ontvangers.csv", "levering-b", "c")
    assert lever(tweede, zonder_twee, snapshots, PEIL) == type(resultaat)(0, 0, 0, 0, 0)
    assert len(geleverd("levering-a")["maanden"]) == 4  # same file name: not overwritten

    terug = Bestand("rechtmatigheid", GEMEENTE, "ontvangers.csv", "levering-c", "c")
    weer = lever(terug, populatie, snapshots, PEIL)
    assert weer is not None
    assert {o["bsn"] for o in geleverd("levering-c")["opgaven"]} == {TWEE}  # new again
    assert weer.maanden == 2
