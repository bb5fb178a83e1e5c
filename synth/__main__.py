"""`make synth`: write a synthetic Netherlands to files (deterministic for a seed).

python -m synth --seed 1 --huishoudens 1000 --uit .local/synth
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path

from synth.files import write_world
from synth.world import Wereld


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--huishoudens", type=int, default=1000, help="number of households")
    parser.add_argument(
        "--aandeel-bijstand",
        type=float,
        default=0.4,
        help="share of households on social assistance",
    )
    parser.add_argument(
        "--jongeren", type=int, default=0, help="young people of 16 to 27 (VSV), after them"
    )
    parser.add_argument("--peildatum", type=date.fromisoformat, default=date(2026, 10, 31))
    parser.add_argument("--uit", type=Path, default=Path(".local/synth"))
    parser.add_argument(
        "--maanden", type=int, default=12, help="months of income up to the peildatum"
    )
    arguments = parser.parse_args()
    wereld = Wereld(arguments.seed, arguments.peildatum, arguments.maanden)
    print(
        f"synthetisch Nederland: seed {arguments.seed}, {arguments.huishoudens:,} huishoudens "
        f"-> {arguments.uit}",
        file=sys.stderr,
    )
    writer = write_world(
        itertools.chain(
            wereld.huishoudens(arguments.huishoudens, arguments.aandeel_bijstand),
            wereld.jongeren(arguments.jongeren),
        ),
        arguments.uit,
        arguments.peildatum,
        arguments.huishoudens + arguments.jongeren,
    )
    print(
        f"klaar: {writer.records:,} bronrecords, {len(writer.gemeenten)} gemeentebestanden",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
