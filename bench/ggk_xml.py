"""Which XML library validates the GGk messages: lxml (libxml2) against xmlschema (pure
Python), on the same synthetic WMO301 in the same run. `python -m bench.ggk_xml`."""

from __future__ import annotations

import time
from datetime import date

import xmlschema
from lxml import etree

from shared.ggk.xml import SCHEMAS
from synth.ggk import Client, toewijzing


def main() -> None:
    xsd = str(SCHEMAS / "wmo" / "WMO301.xsd")
    bericht = toewijzing("WMO301", "0363", "01234567", Client("111222333"), "B1", date(2026, 11, 2))
    begin = time.perf_counter()
    met_lxml = etree.XMLSchema(etree.parse(xsd))
    lxml_laden = time.perf_counter() - begin
    begin = time.perf_counter()
    met_xmlschema = xmlschema.XMLSchema(xsd)
    xmlschema_laden = time.perf_counter() - begin
    aantal = 2000
    begin = time.perf_counter()
    for _ in range(aantal):
        if not met_lxml.validate(etree.fromstring(bericht)):
            raise SystemExit("lxml: het bericht is ongeldig")
    lxml_per = (time.perf_counter() - begin) / aantal
    begin = time.perf_counter()
    for _ in range(aantal // 10):
        if not met_xmlschema.is_valid(bericht.decode()):
            raise SystemExit("xmlschema: het bericht is ongeldig")
    xmlschema_per = (time.perf_counter() - begin) / (aantal // 10)
    print("ggk xml: parse + validate one WMO301 (one core)")
    print(
        f"  lxml       {lxml_per * 1e6:8.0f} µs  x {1:5.1f}  schema loaded in {lxml_laden * 1e3:6.1f} ms"
    )
    print(
        f"  xmlschema  {xmlschema_per * 1e6:8.0f} µs  x {xmlschema_per / lxml_per:5.1f}"
        f"  schema loaded in {xmlschema_laden * 1e3:6.1f} ms"
    )


if __name__ == "__main__":
    main()
