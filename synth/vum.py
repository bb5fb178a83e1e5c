"""Synthetic VUM records: vacancies and job-seeker profiles in the shape of the Bron contracts
(`shared/vum/contracten/VUM-Bron-*.yaml`), for the local reference bron (`local.vumbron`).
Every name, code and postcode comes from the seed; nothing is real.
"""

from __future__ import annotations

import random
from typing import Any

BEROEPEN = [f"https://data.example/beroep/{n}" for n in range(1, 9)]
"""Synthetic occupation codes (the contract's `codeBeroepsnaam` is a URI of at most 200)."""


def _postcode(rng: random.Random) -> str:
    letters = rng.choice("ABCDEFGHJKLMNPRSTVWXZ") + rng.choice("ABEHKLMNPRST")
    return f"{rng.randint(1000, 9999)}{letters}"


def vacatures(seed: int, aantal: int, voorvoegsel: str) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    records = []
    for n in range(aantal):
        minimaal = rng.randint(8, 32)
        records.append(
            {
                "idVacature": f"{voorvoegsel}{n:05d}",
                "naamVacature": f"Synthetische vacature {n}",
                "omschrijvingVacature": "Gegenereerd; geen echte vacature.",
                "adres": {"postcode": _postcode(rng), "huisnummer": rng.randint(1, 300)},
                "beroep": {"codeBeroepsnaam": rng.choice(BEROEPEN)},
                "werktijden": {
                    "aantalWerkurenPerWeekMinimaal": minimaal,
                    "aantalWerkurenPerWeekMaximaal": min(minimaal + rng.randint(0, 8), 40),
                },
                "werkgever": {
                    "handelsnaamOrganisatie": f"Werkgever {rng.randint(1, 500)} (synthetisch)",
                    "contactpersoon": [{"naamContactpersoonAfdeling": "Afdeling P&O"}],
                },
                "sluitingsdatumVacature": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
        )
    return records


def profielen(seed: int, aantal: int, voorvoegsel: str) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    records = []
    for n in range(aantal):
        minimaal = rng.randint(8, 32)
        records.append(
            {
                "idWerkzoekende": f"{voorvoegsel}{n:05d}",
                "mobiliteit": {
                    "bemiddelingspostcode": _postcode(rng),
                    "maximaleReisafstand": rng.randint(5, 60),
                },
                "bemiddelingsberoep": [{"codeBeroepsnaam": rng.choice(BEROEPEN)}],
                "werktijden": {
                    "aantalWerkurenPerWeekMinimaal": minimaal,
                    "aantalWerkurenPerWeekMaximaal": min(minimaal + rng.randint(0, 8), 40),
                },
                "persoonlijkePresentatie": "Gegenereerd; geen echt persoon.",
            }
        )
    return records
