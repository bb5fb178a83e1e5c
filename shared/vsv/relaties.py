"""The income relations and benefits of followed young people, as DuckDB reads them from the
source snapshots (one query per source over its Parquet parts, never a read per person).

One row per relation: `bsn`, `soort` (INKOMSTENVERHOUDING or UITKERING), `omschrijving`
(the employer's loonheffingennummer, or the benefit and who pays it), `begindatum`,
`einddatum` (null while it runs; a later opgave that records an end counts). Only work in
dienstbetrekking is read from the polisadministratie: the benefits it also carries come
from their own sources (UWV/SVB and the gemeenten), so none counts twice. Child benefit is
the parent's, and the AOW a pension: neither is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from shared.storage.duckdb_sql import bestanden, teksten

BRONNEN = ("uwv-polis", "uitkeringen", "gemeenten-uitkeringen")
NIET_GELEZEN = ("KINDERBIJSLAG", "AOW")


def _select(bron: str, paden: Sequence[str]) -> str:
    if bron == "uwv-polis":
        soort, omschrijving = "INKOMSTENVERHOUDING", "loonheffingennummer"
        waar = "soort_inkomen = 'dienstbetrekking'"
    elif bron == "uitkeringen":
        soort, omschrijving = "UITKERING", "instantie || ' ' || regeling"
        waar = f"regeling NOT IN ({teksten(NIET_GELEZEN)})"
    else:
        soort, omschrijving = "UITKERING", "'GM' || gemeentecode || ' ' || regeling"
        waar = "true"
    return (
        f"SELECT bsn, '{soort}' AS soort, {omschrijving} AS omschrijving, begindatum, "  # noqa: S608 (SQL of ours; the paths quoted)
        f"max(einddatum) AS einddatum FROM read_parquet({bestanden(paden)}) "
        f"WHERE {waar} AND bsn IN (SELECT bsn FROM gevolgd) GROUP BY ALL"
    )


def relaties(
    connection: duckdb.DuckDBPyConnection, bron: str, paden: Sequence[str], bsns: pa.Table
) -> duckdb.DuckDBPyRelation:
    """The relations in one snapshot of `bron` of the persons in `bsns` (a table with a
    column `bsn`)."""
    connection.register("gevolgd", bsns)
    return connection.sql(_select(bron, paden))
