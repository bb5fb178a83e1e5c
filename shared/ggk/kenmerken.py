"""What the stuurinformatie counts of a message: its product categories, retour codes and
declared amount, read once when it passed (no person)."""

from __future__ import annotations

from lxml import etree

from shared.models.ggk import Kenmerken


def kenmerken(bericht: etree._Element) -> Kenmerken:
    """The codes and amounts of a message that passed every layer."""
    namen: dict[str, list[etree._Element]] = {}
    for element in bericht.iter():
        if isinstance(element.tag, str):
            namen.setdefault(etree.QName(element).localname, []).append(element)
    categorieen = [
        (c.text or "").strip()
        for c in namen.get("Categorie", [])
        if etree.QName(c.getparent()).localname == "Product"
    ]
    bedrag = None
    for totaal in namen.get("TotaalIngediendBedrag", []):
        waarden = {etree.QName(e).localname: (e.text or "").strip() for e in totaal}
        teken = -1 if waarden.get("DebetCredit") == "C" else 1
        bedrag = teken * int(waarden.get("TotaalBedrag") or 0)
    return Kenmerken(
        categorieen=categorieen,
        retourcodes=[(c.text or "").strip() for c in namen.get("RetourCode", [])],
        bedrag_cent=bedrag,
    )
