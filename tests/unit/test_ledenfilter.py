"""The filter of a snapshot's persons: never "not in it" for someone who is; rarely "may be"
for someone who is not."""

from __future__ import annotations

from shared.bronnen.leden import Ledenfilter, Ledenverzameling


def test_every_person_in_the_snapshot_may_be_in_it_and_few_others() -> None:
    verzameling = Ledenverzameling()
    leden = [f"lid-{n}" for n in range(20_000)]
    for sleutel in leden:
        verzameling.voeg_toe(sleutel)
    filter_ = Ledenfilter(verzameling.filter())
    assert all(filter_.kan_bevatten(sleutel) for sleutel in leden)
    vals = sum(filter_.kan_bevatten(f"ander-{n}") for n in range(20_000))
    assert vals < 20_000 * 0.02, vals  # about 0.8% by design


def test_an_empty_snapshot_holds_nobody() -> None:
    filter_ = Ledenfilter(Ledenverzameling().filter())
    assert not filter_.kan_bevatten("iemand")
