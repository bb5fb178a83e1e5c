"""The access cache: a stored right is read once per bewaartijd, a missing one every time,
and a change of rights in this process forgets everything at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.storage import toegangscache

KOPPELING = ("koppelingen", "client", "client")


class Store:
    def __init__(self, waarde: str | None) -> None:
        self.waarde, self.gelezen = waarde, 0

    def lees(self) -> str | None:
        self.gelezen += 1
        return self.waarde


@pytest.fixture(autouse=True)
def klok(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    nu = [1000.0]
    monkeypatch.setattr(toegangscache, "klok", lambda: nu[0])
    monkeypatch.setenv("TOEGANG_BEWAARTIJD_SECONDEN", "30")
    toegangscache.vergeet()
    yield nu
    toegangscache.vergeet()


def test_a_right_is_read_once_within_the_bewaartijd_and_again_at_its_end(klok: list[float]) -> None:
    store = Store("GM0363")
    assert toegangscache.lees(KOPPELING, store.lees) == "GM0363"
    klok[0] += 29.9
    assert toegangscache.lees(KOPPELING, store.lees) == "GM0363"
    assert store.gelezen == 1
    store.waarde = None  # revoked by another instance
    klok[0] += 0.1
    assert toegangscache.lees(KOPPELING, store.lees) is None
    assert store.gelezen == 2


def test_a_missing_right_is_not_kept_so_a_new_one_works_at_once() -> None:
    store = Store(None)
    assert toegangscache.lees(KOPPELING, store.lees) is None
    store.waarde = "GM0363"
    assert toegangscache.lees(KOPPELING, store.lees) == "GM0363"


def test_a_change_in_this_process_forgets_every_right() -> None:
    store = Store("GM0363")
    toegangscache.lees(KOPPELING, store.lees)
    toegangscache.vergeet()
    toegangscache.lees(KOPPELING, store.lees)
    assert store.gelezen == 2


def test_a_read_that_a_change_overtook_is_not_kept() -> None:
    """A request read the old right while autorisatiebeheer changed it in this process: what
    it read is used once, not kept for the next request."""
    store = Store("GM0363")

    def gelezen_voor_de_wijziging() -> str | None:
        waarde = store.lees()
        toegangscache.vergeet()  # the change lands between the read and the keeping
        return waarde

    toegangscache.lees(KOPPELING, gelezen_voor_de_wijziging)
    store.waarde = None
    assert toegangscache.lees(KOPPELING, store.lees) is None


def test_a_bewaartijd_of_0_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOEGANG_BEWAARTIJD_SECONDEN", "0")
    store = Store("GM0363")
    toegangscache.lees(KOPPELING, store.lees)
    toegangscache.lees(KOPPELING, store.lees)
    assert store.gelezen == 2


@pytest.mark.parametrize("waarde", ["-1", "301", "dertig"])
def test_a_bewaartijd_outside_0_to_300_seconds_is_refused(
    monkeypatch: pytest.MonkeyPatch, waarde: str
) -> None:
    monkeypatch.setenv("TOEGANG_BEWAARTIJD_SECONDEN", waarde)
    with pytest.raises(ValueError, match="TOEGANG_BEWAARTIJD_SECONDEN"):
        toegangscache.lees(KOPPELING, Store("GM0363").lees)
