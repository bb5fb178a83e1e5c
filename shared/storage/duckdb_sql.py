"""Literals for DuckDB SQL that cannot take parameters (file lists of `read_parquet`, settings):
quoted, so a path or value with a quote stays one literal."""

from __future__ import annotations

from collections.abc import Iterable


def teksten(waarden: Iterable[str]) -> str:
    """Comma-separated quoted strings.

    >>> teksten(["a", "o'b"])
    "'a', 'o''b'"
    """
    return ", ".join("'" + waarde.replace("'", "''") + "'" for waarde in waarden)


def bestanden(paden: Iterable[str]) -> str:
    """A list of file paths for `read_parquet`."""
    return f"[{teksten(paden)}]"
