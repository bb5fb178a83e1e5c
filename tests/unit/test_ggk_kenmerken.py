"""What the stuurinformatie reads of a message: categories, retour codes, the declared total."""

from __future__ import annotations

from datetime import date

from shared.ggk import xml
from shared.ggk.kenmerken import kenmerken
from synth.ggk import Client, toewijzing


def test_a_toewijzing_gives_its_product_categories() -> None:
    bericht = toewijzing("JW301", "0363", "01234567", Client("111222333"), "T1", date(2026, 11, 2))
    found = kenmerken(xml.lees(bericht))
    assert (found.categorieen, found.retourcodes, found.bedrag_cent) == (["40"], [], None)


def test_a_declaration_total_is_signed_by_debet_credit_and_retour_codes_are_listed() -> None:
    ns = "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"
    basis = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
    bericht = (
        f'<m:Bericht xmlns:m="{ns}" xmlns:b="{basis}"><m:Declaratie><m:TotaalIngediendBedrag>'
        "<b:TotaalBedrag>12345</b:TotaalBedrag><b:DebetCredit>C</b:DebetCredit>"
        "</m:TotaalIngediendBedrag></m:Declaratie><m:RetourCodes><m:RetourCode>0200</m:RetourCode>"
        "<m:RetourCode>9019</m:RetourCode></m:RetourCodes></m:Bericht>"
    ).encode()
    found = kenmerken(xml.lees(bericht))
    assert (found.bedrag_cent, found.retourcodes) == (-12345, ["0200", "9019"])
