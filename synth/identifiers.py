"""Valid identifiers for synthetic people: BSN (elfproef), IBAN (mod 97), kenteken, postcode."""

from __future__ import annotations

import random

from stdnum import iban as stdnum_iban

from shared.validation.identifiers import check_kenteken

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ")
KENTEKEN_LETTERS = "BDFGHJKLNPRSTVXZ"
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


class BsnReeks:
    """Ascending, unique BSNs: eight digits from a counter and the elfproef digit after them.

    >>> reeks = BsnReeks(20_000_000)
    >>> [reeks.next() for _ in range(3)]
    ['200000007', '200000019', '200000020']
    """

    def __init__(self, start: int) -> None:
        self.prefix = start

    def next(self) -> str:
        while True:
            digits = str(self.prefix)
            self.prefix += 1
            check = sum(w * int(d) for w, d in zip(WEIGHTS, digits, strict=True)) % 11
            if check < 10:
                return digits + str(check)


def iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    account = f"{rng.randrange(10**10):010d}"
    check = stdnum_iban.calc_check_digits(f"NL00{bank}{account}")
    return f"NL{check}{bank}{account}"


def kenteken(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(KENTEKEN_LETTERS) for _ in range(3))
        candidate = f"{rng.randrange(1, 10)}{letters}{rng.randrange(10, 100)}"  # sidecode 8
        try:
            return check_kenteken(candidate)
        except ValueError:
            continue


def postcode(rng: random.Random) -> str:
    while True:
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randrange(1000, 10000)}{letters}"
