"""Matching recipients against the sources in DuckDB: every signal rule in one pass.

The population (one or many gemeenten) and each source's snapshot in force are read from
Parquet files on local disk; DuckDB streams them and may spill to disk, so the memory a
run takes is bounded by `GEHEUGEN` rather than by the number of records.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from shared.bronnen.catalogus import CATALOGUS
from shared.bronnen.kolommen import schema
from shared.rechtmatigheid.signaaltypen import SIGNAALTYPEN, Signaaltype

GEHEUGEN = "1GB"
"""DuckDB's memory limit: well inside the 2 GiB of a Flex Consumption instance."""

POPULATIE = pa.schema(
    [
        ("gemeente", pa.string()),
        ("bsn", pa.string()),
        ("regeling", pa.string()),
        ("begindatum", pa.date32()),
        ("einddatum", pa.date32()),
        ("partner_bsn", pa.string()),
        ("iban", pa.string()),
        ("postcode", pa.string()),
        ("huisnummer", pa.int64()),
    ]
)

SIGNALEN = pa.schema(
    [
        ("gemeente", pa.string()),
        ("ontvanger", pa.string()),
        ("betrokkene", pa.string()),
        ("rol", pa.string()),
        ("type", pa.string()),
        ("sleutel", pa.string()),
        ("bewijs", pa.string()),
    ]
)


def view_name(bron: str) -> str:
    return bron.replace("-", "_")


def _files(paths: list[str]) -> str:
    """A SQL list of file paths (views cannot take parameters in DuckDB)."""
    return "[" + ", ".join("'" + path.replace("'", "''") + "'" for path in paths) + "]"


def _personen_sql(grens_alleen_cent: int, grens_gezin_cent: int) -> str:
    grens = (
        f"CASE WHEN partner_bsn IS NOT NULL OR bsn IN (SELECT bsn FROM kinderen) "
        f"THEN {grens_gezin_cent} ELSE {grens_alleen_cent} END"
    )
    columns = "regeling, begindatum AS bb, einddatum AS be, iban, postcode, huisnummer"
    return (
        f"CREATE TEMP VIEW personen AS "
        f"SELECT gemeente, bsn AS ontvanger, bsn, 'aanvrager' AS rol, partner_bsn AS partner, "
        f"{columns}, "
        f"{grens} AS vermogensgrens_cent FROM populatie "
        f"UNION ALL SELECT gemeente, bsn, partner_bsn, 'partner', bsn, {columns}, {grens} "
        f"FROM populatie WHERE partner_bsn IS NOT NULL"
    )


def _rule(signaaltype: Signaaltype) -> str:
    return (
        f"SELECT gemeente, ontvanger, betrokkene, rol, '{signaaltype.code}' AS type, sleutel, "
        f"to_json(bewijs)::VARCHAR AS bewijs FROM ({signaaltype.sql})"
    )


def match(
    populatie: list[str],
    snapshots: dict[str, list[str]],
    peildatum: date,
    grenzen_cent: tuple[int, int],
    werkmap: Path,
) -> pa.Table:
    """Every signal of the population on the peildatum (before de-duplication against earlier
    runs)."""
    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{GEHEUGEN}'")
    connection.execute(f"SET temp_directory = '{werkmap}'")
    connection.execute("SET preserve_insertion_order = false")
    for bron in CATALOGUS:
        files = snapshots.get(bron.code) or []
        if files:
            name = view_name(bron.code)
            connection.execute(
                f"CREATE TEMP VIEW {name} AS SELECT * FROM read_parquet({_files(files)})"
            )
        else:
            connection.register(view_name(bron.code), schema(bron.model).empty_table())
    connection.execute(
        f"CREATE TEMP VIEW populatie AS SELECT * FROM read_parquet({_files(populatie)})"
    )
    connection.execute(
        f"CREATE TEMP VIEW kinderen AS SELECT DISTINCT bsn FROM brp_relaties WHERE soort = 'kind' "
        f"AND begindatum > DATE '{peildatum.isoformat()}' - INTERVAL 18 YEAR "
        f"AND coalesce(einddatum, DATE '9999-12-31') > DATE '{peildatum.isoformat()}'"
    )
    connection.execute(_personen_sql(*grenzen_cent))
    query = " UNION ALL ".join(_rule(t) for t in SIGNAALTYPEN)
    table: pa.Table = connection.sql(query, params={"peildatum": peildatum}).to_arrow_table()
    connection.close()
    return table.cast(SIGNALEN)
