"""A gemeente's signal files: every delivery and every monthly run writes
`{bestand}.signalen.csv` and `.json` to `terugmeldingen/rechtmatigheid/{gemeente}/`
(`verwerking.write_signal_files`). A file holds the BSNs of recipients and partners, and in
a KOSTENDELER signal's evidence the co-resident's."""

from __future__ import annotations

from shared.models.rechtmatigheid import MEDEBEWONER
from shared.storage.terugmeldmap import Terugmeldmap

SIGNAALBESTANDEN = Terugmeldmap(
    "rechtmatigheid",
    {".signalen.csv": "text/csv", ".signalen.json": "application/json"},
    ("bsn", "betrokkene_bsn", "betrokkeneBsn", MEDEBEWONER),
)
