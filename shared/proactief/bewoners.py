"""Whom a gemeente may approach: its adult residents on the date, from the BRP snapshot in
force, one per household (a married couple is tested once, from the lower BSN; the toets
reads the partner with it)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from shared.rechtmatigheid.matching import GEHEUGEN
from shared.rules.leeftijd import leeftijd
from shared.rules.parameters import in_force
from shared.storage.duckdb_sql import begrensd, bestanden


def huishoudens(
    gemeente: str, snapshots: dict[str, list[str]], peildatum: date
) -> list[tuple[str, str | None]]:
    """Per household of the gemeente's adult residents, sorted: the BSN it is tested from and
    the partner (wherever he lives), if any."""
    personen, relaties = snapshots.get("brp-personen", []), snapshots.get("brp-relaties", [])
    if not personen:
        return []
    volwassen = in_force(peildatum, ["meerderjarigheid"])["meerderjarigheid"].value
    partners = (
        f"SELECT bsn, relatie_bsn FROM read_parquet({bestanden(relaties)}) "
        "WHERE soort = 'partner' AND begindatum <= $peil "
        "AND coalesce(einddatum, DATE '9999-12-31') > $peil"
        if relaties
        else "SELECT NULL::VARCHAR AS bsn, NULL::VARCHAR AS relatie_bsn WHERE false"
    )
    query = f"""
        WITH bewoners AS (
            SELECT bsn, min(geboortedatum) AS geboortedatum
            FROM read_parquet({bestanden(personen)})
            WHERE gemeentecode = $code AND land = 'NL'
              AND coalesce(overlijdensdatum, DATE '9999-12-31') > $peil
            GROUP BY bsn
        ),
        partners AS ({partners})
        SELECT b.bsn, b.geboortedatum,
               (SELECT min(p.relatie_bsn) FROM partners p WHERE p.bsn = b.bsn) AS partner
        FROM bewoners b
        ORDER BY b.bsn
    """
    with tempfile.TemporaryDirectory(prefix="bewoners-") as werkmap:
        connection = begrensd(GEHEUGEN, Path(werkmap))  # the whole BRP is read
        try:
            parameters = {"code": gemeente.removeprefix("GM"), "peil": peildatum}
            rijen = connection.execute(query, parameters).fetchall()
        finally:
            connection.close()
    volwassenen = {
        bsn: partner for bsn, geboren, partner in rijen if leeftijd(geboren, peildatum) >= volwassen
    }
    return [
        (bsn, partner)
        for bsn, partner in volwassenen.items()
        if not (partner in volwassenen and partner < bsn)  # the couple from the lower BSN
    ]
