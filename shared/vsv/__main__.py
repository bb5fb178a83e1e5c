"""The VSV timers' work for one day, as the host's timers do it: an operator re-runs a day
that failed (and the local host, which schedules no timers, runs them so).

    python -m shared.vsv signalen --dag 2026-12-03
    python -m shared.vsv prioriteiten --dag 2026-12-07
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime

from shared.parametersets.opslag import vastgestelde_sets
from shared.rules import parameters
from shared.vsv.prioriteiten import Prioriteitenrapport
from shared.vsv.signalen import Signalen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.vsv", description=__doc__)
    parser.add_argument("werk", choices=("signalen", "prioriteiten"))
    parser.add_argument("--dag", type=date.fromisoformat, default=datetime.now(UTC).date())
    args = parser.parse_args(argv)
    parameters.gebruik(vastgestelde_sets)
    if args.werk == "signalen":
        gevolgd, nieuw = Signalen().signaleer(args.dag)
        print(f"{gevolgd} jongeren bekeken, {nieuw} nieuwe signalen")
        return 0
    uitkomst = Prioriteitenrapport().maak(args.dag)
    if isinstance(uitkomst, str):
        print(uitkomst, file=sys.stderr)
        return 1
    print(f"{len(uitkomst)} rapporten: {uitkomst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
