"""The synthetic world exercises the income services: recipients with job starts, corrected
tijdvakken, holiday pay, year-end payments and four-weekly pay over 36 months, and the
inkomstenverrekening computed over them counts each corrected tijdvak once, as corrected."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shared.bronnen.catalogus import BY_CODE
from shared.bronnen.kolommen import schema
from shared.inkomstenverrekening.levering import verreken
from shared.inkomstenverrekening.maanden import Keuze
from shared.rechtmatigheid.matching import POPULATIE
from shared.rules.oib import Vakantiegeld
from synth.world import Wereld

PEIL = date(2026, 6, 30)


def wereld(tmp: Path) -> tuple[str, dict[str, list[str]], list[dict[str, Any]]]:
    huishoudens = list(Wereld(16, PEIL, maanden=36).huishoudens(1500, 0.5))
    per_bron: dict[str, list[dict[str, Any]]] = {}
    for h in huishoudens:
        for persoon in h.leden:
            for bron, records in persoon.records.items():
                per_bron.setdefault(bron, []).extend(records)
    snapshots = {}
    for bron in ("uwv-polis", "brp-personen", "brp-relaties"):
        pad = tmp / f"{bron}.parquet"
        model = BY_CODE[bron].model
        rijen = [
            model.model_validate(r, context={"peildatum": PEIL}).model_dump()
            for r in per_bron[bron]
        ]
        pq.write_table(pa.Table.from_pylist(rijen, schema=schema(BY_CODE[bron].model)), pad)
        snapshots[bron] = [str(pad)]
    populatie = [
        {**vars(h.bijstand), "gemeente": h.bijstand.gemeente}
        for h in huishoudens
        if h.bijstand is not None
    ]
    pad = tmp / "populatie.parquet"
    kolommen = POPULATIE.names
    rijen = [{k: r.get(k) for k in kolommen} for r in populatie]
    pq.write_table(pa.Table.from_pylist(rijen, schema=POPULATIE), pad)
    return str(pad), snapshots, per_bron["uwv-polis"]


def test_the_world_holds_what_the_income_rules_turn_on(tmp_path: Path) -> None:
    _, _, polis = wereld(tmp_path)
    maanden = {o["periode"] for o in polis}
    assert (min(maanden), max(maanden)) == ("2023-07", "2026-06")  # 36 months
    tijdvakken = Counter((o["bsn"], o["loonheffingennummer"], o["tijdvak_begin"]) for o in polis)
    assert sum(1 for n in tijdvakken.values() if n > 1) > 10  # corrections
    assert any(o["eenmalig_cent"] > 0 for o in polis)  # year-end payments
    assert any(o["vakantiegeld_cent"] > 0 for o in polis)
    assert any(o["loontijdvak"] == "vier_weken" for o in polis)


def test_the_inkomstenverrekening_over_the_world_counts_a_correction_once(
    tmp_path: Path,
) -> None:
    populatie, snapshots, polis = wereld(tmp_path)
    keuze = Keuze(Vakantiegeld.UITBETAALD, vrijlating_arbeid=True)
    opgaven, maanden = verreken([populatie], snapshots, "2026-06", keuze, {}, {}, tmp_path)
    geleverd = Counter((o["bsn"], o["loonheffingennummer"], o["tijdvak_begin"]) for o in opgaven)
    assert max(geleverd.values()) == 1  # each tijdvak once: its last opgave
    laatste = {(o["bsn"], o["loonheffingennummer"], o["tijdvak_begin"]): o for o in polis}
    for o in opgaven:
        bron = laatste[(o["bsn"], o["loonheffingennummer"], o["tijdvak_begin"])]
        assert o["loon_lb"] * 100 == bron["loon_lb_cent"]  # the correction, not the first
    berekend = [m for m in maanden if m["reden"] is None]
    assert any(m["vrijlating"] > 0 for m in berekend)
    assert any(m["vakantiegeld"] > 0 for m in berekend)
