"""The inkomstenopgaven of a gemeente's recipients and their partners, from the polis snapshot
in force, in one DuckDB pass over the rechtmatigheid population (no second file).

Each tijdvak once: of several opgaven of one relation and tijdvak the last in the snapshot is
the correction that counts. Only opgaven over a month of the benefit (Pw art. 32 lid 1 b:
income over the period over which bijstand is claimed); a partner's only over the months of
the partnership where the BRP records it (a partner the BRP does not know as such, e.g. one
living together unmarried, counts over the whole benefit the gemeente delivered). Each with
the person's birth date
from the BRP (the vrijlatingen depend on age) and a fingerprint of its content: a later run
compares fingerprints to deliver only what is new or corrected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shared.bronnen.inkomenshistorie import sql_rang_opgave
from shared.rechtmatigheid import matching
from shared.rechtmatigheid.matching import GEHEUGEN
from shared.storage.duckdb_sql import begrensd, bestanden, teksten

BIJSTAND = ("PW",)
"""The regelingen of the population whose income the gemeente offsets: algemene bijstand of
the college. AIO is algemene bijstand the SVB grants and offsets (Pw art. 47a lid 1, 47b);
IOAW, IOAZ and Bbz count income by rules of their own. Their recipients are left out."""


def personen(populatie: str | Path) -> list[str]:
    """The recipients and partners of a population file whose income is read and computed:
    those of a regeling in BIJSTAND."""
    return matching.personen(populatie, BIJSTAND)


BEDRAGEN = (
    "loon_lb_cent",
    "vakantiegeld_cent",
    "eenmalig_cent",
    "ingehouden_lb_cent",
    "ingehouden_lb_bijzonder_cent",
    "zvw_inhouding_cent",
    "wga_premie_cent",
    "prive_auto_cent",
    "vrijgesteld_cent",
)
INHOUD = (
    "periode",
    "loontijdvak",
    "tijdvak_einde",
    "soort_inkomen",
    "uitkeringsinstantie",
    "einddatum",
    *BEDRAGEN,
)
"""What a correction can change, so what the fingerprint covers."""


PER_BATCH = 50_000
"""Rows taken from DuckDB at a time: memory stays bounded at national size."""


def lees(
    populaties: list[str], snapshots: dict[str, list[str]], werkmap: Path
) -> Iterator[dict[str, Any]]:
    """One row per person (recipient or partner) and counted opgave, with `ontvanger`,
    `rol`, `uitkering_begin`/`uitkering_einde`, `geboortedatum` and `vingerafdruk`, in the
    order of `ontvanger` (streamed)."""
    polis, brp = snapshots.get("uwv-polis", []), snapshots.get("brp-personen", [])
    relaties = snapshots.get("brp-relaties", [])
    if not polis:
        return
    polis_sql = (
        f"SELECT * FROM read_parquet({bestanden(polis)}, filename = true, file_row_number = true) "
        "WHERE bsn IN (SELECT bsn FROM personen)"
    )
    brp_sql = (
        f"SELECT bsn, min(geboortedatum) AS geboortedatum FROM read_parquet({bestanden(brp)}) "
        "GROUP BY bsn"
        if brp
        else "SELECT NULL::VARCHAR AS bsn, NULL::DATE AS geboortedatum"
    )
    relaties_sql = (
        f"SELECT bsn, relatie_bsn, begindatum, einddatum FROM read_parquet({bestanden(relaties)}) "
        "WHERE soort = 'partner'"
        if relaties
        else "SELECT NULL::VARCHAR AS bsn, NULL::VARCHAR AS relatie_bsn, NULL::DATE AS "
        "begindatum, NULL::DATE AS einddatum"
    )
    vingerafdruk = "md5(concat_ws('|', " + ", ".join(f"o.{k}::VARCHAR" for k in INHOUD) + "))"
    query = f"""
        WITH personen AS (
            SELECT bsn AS ontvanger, bsn, 'aanvrager' AS rol, begindatum, einddatum
            FROM read_parquet({bestanden(populaties)}) WHERE regeling IN ({teksten(BIJSTAND)})
            UNION ALL
            SELECT bsn, partner_bsn, 'partner', begindatum, einddatum
            FROM read_parquet({bestanden(populaties)})
            WHERE partner_bsn IS NOT NULL AND regeling IN ({teksten(BIJSTAND)})
        ),
        gelezen AS ({polis_sql}),
        polis AS (
            SELECT *, {sql_rang_opgave()} AS rang FROM gelezen
        ),
        brp AS ({brp_sql}),
        relaties AS ({relaties_sql})
        SELECT p.ontvanger, p.rol, p.begindatum AS uitkering_begin,
               p.einddatum AS uitkering_einde, b.geboortedatum,
               o.bsn, o.begindatum, o.einddatum, o.periode, o.loontijdvak, o.tijdvak_begin,
               o.tijdvak_einde, o.loonheffingennummer, o.soort_inkomen, o.uitkeringsinstantie,
               {", ".join(f"o.{k}" for k in BEDRAGEN)},
               {vingerafdruk} AS vingerafdruk
        FROM personen p
        JOIN polis o ON o.bsn = p.bsn AND o.rang = 1
        LEFT JOIN brp b ON b.bsn = p.bsn
        WHERE (o.periode || '-01')::DATE < coalesce(p.einddatum, DATE '9999-12-31')
          AND last_day((o.periode || '-01')::DATE) >= p.begindatum
          AND (
            p.rol = 'aanvrager'
            OR NOT EXISTS (
                SELECT 1 FROM relaties r WHERE r.bsn = p.ontvanger AND r.relatie_bsn = p.bsn
            )
            OR EXISTS (
                SELECT 1 FROM relaties r
                WHERE r.bsn = p.ontvanger AND r.relatie_bsn = p.bsn
                  AND r.begindatum <= last_day((o.periode || '-01')::DATE)
                  AND coalesce(r.einddatum, DATE '9999-12-31') > (o.periode || '-01')::DATE
            )
          )
        ORDER BY p.ontvanger, o.bsn, o.periode, o.loonheffingennummer, o.tijdvak_begin
    """
    connection = begrensd(GEHEUGEN, werkmap)
    try:
        for batch in connection.sql(query).to_arrow_reader(PER_BATCH):
            yield from batch.to_pylist()
    finally:
        connection.close()
