"""The CSV files the platform hands organisations: a header of column names, `;` between
fields, `\\n` after each line, UTF-8."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any


def csv_bestand(
    kolommen: Iterable[str],
    rijen: Iterable[Mapping[str, Any]],
    waarde: Callable[[Any], Any] = lambda w: w,
) -> Iterator[bytes]:
    """One file of these rows, their values under `kolommen`, each passed through `waarde`.

    >>> b"".join(csv_bestand(("a", "b"), [{"a": "1", "b": None}])).decode()
    'a;b\\n1;\\n'
    """
    kolommen = tuple(kolommen)
    uit = io.StringIO()
    writer = csv.writer(uit, delimiter=";", lineterminator="\n")
    writer.writerow(kolommen)
    for rij in rijen:
        writer.writerow([waarde(rij[k]) for k in kolommen])
    yield uit.getvalue().encode()
