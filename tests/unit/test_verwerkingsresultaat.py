"""The rejections of a file read in parts: every one counted, the first reasons kept in the
order of the file, never more than `MAX_AFKEURINGEN`."""

from __future__ import annotations

import pytest

from shared.intake.processing import Verwerkingsresultaat


def test_parts_merge_in_file_order_up_to_the_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Verwerkingsresultaat, "MAX_AFKEURINGEN", 5)
    geheel = Verwerkingsresultaat()
    for begin in (10, 20, 30):
        deel = Verwerkingsresultaat()
        for regel in range(begin, begin + 3):
            deel.afkeuren(regel, f"regel {regel} kapot")
        geheel.voeg_samen(deel)
    assert geheel.aantal_afgekeurd == 9
    assert [a.regel for a in geheel.afkeuringen] == [10, 11, 12, 20, 21]
