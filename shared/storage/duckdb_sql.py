"""DuckDB as the platform uses it over local Parquet files: a connection bounded in memory that
spills to a work folder, and literals for what cannot take parameters (file lists of
`read_parquet`, settings), quoted so a path or value with a quote stays one literal."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb


def teksten(waarden: Iterable[str]) -> str:
    """Comma-separated quoted strings.

    >>> teksten(["a", "o'b"])
    "'a', 'o''b'"
    """
    return ", ".join("'" + waarde.replace("'", "''") + "'" for waarde in waarden)


def bestanden(paden: Iterable[str]) -> str:
    """A list of file paths for `read_parquet`."""
    return f"[{teksten(paden)}]"


def begrensd(geheugen: str, werkmap: Path) -> duckdb.DuckDBPyConnection:
    """A connection that uses at most `geheugen` and spills to `werkmap` beyond it; rows come
    in no particular order unless the query orders them."""
    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = {teksten([geheugen])}")
    connection.execute(f"SET temp_directory = {teksten([str(werkmap)])}")
    connection.execute("SET preserve_insertion_order = false")
    return connection
