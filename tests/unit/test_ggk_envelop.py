"""The GGk's layers, each with the Fo01 code it answers with (foutcodes.yaml, 2018 list),
and the specification's example envelopes against the envelope schema."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from shared.ggk import xml
from shared.ggk.envelop import MAX_BYTES, Afzender, Soort, toets
from shared.ggk.fo01 import fo01
from synth.ggk import Client, envelop, start_levering, toewijzing

VOORBEELDEN = Path(__file__).parents[1] / "data" / "ggk"
GEMEENTE, AGB = "0363", "01234567"
BEIDE: frozenset[Soort] = frozenset({"gemeente", "aanbieder"})
DAG = date(2026, 11, 2)


def ref() -> str:
    return str(uuid.uuid4())


def wmo301(**client: object) -> bytes:
    return toewijzing("WMO301", GEMEENTE, AGB, Client(**{"bsn": "111222333", **client}), "T1", DAG)  # type: ignore[arg-type]


def code(inhoud: bytes, afzender: Afzender | None = None) -> str | None:
    _, afkeur = toets(inhoud, afzender or Afzender(GEMEENTE), BEIDE)
    return afkeur.code if afkeur else None


@pytest.mark.parametrize("pad", sorted(VOORBEELDEN.glob("*.xml")), ids=lambda p: p.name)
def test_the_specifications_example_envelopes_conform_to_the_envelope_schema(pad: Path) -> None:
    assert xml.fouten(xml.envelopschema(), xml.lees(pad.read_bytes())) == []


def test_the_example_heen_envelope_carries_no_iwmo_message_and_is_refused_for_its_payload() -> None:
    """Its xmlBestand is the text "Hier staat een iWmo/iJw-heenbericht.", not a message."""
    inhoud = (VOORBEELDEN / "envelopHeenbericht-ggk_Di01_v21-xml.xml").read_bytes()
    found, afkeur = toets(inhoud, Afzender("0548"), BEIDE)
    assert found.referentienummer == "9c0f7b90-5c69-41e5-a837-0800200c9a66"
    assert afkeur is not None
    assert afkeur.code == "StUF055"


def test_a_valid_toewijzing_from_the_gemeente_to_a_provider_passes() -> None:
    found, afkeur = toets(
        envelop("WMO301", GEMEENTE, AGB, ref(), wmo301()), Afzender(GEMEENTE), BEIDE
    )
    assert afkeur is None
    assert found.bericht is not None


def test_a_provider_message_through_vecozo_passes() -> None:
    bericht = start_levering("JW305", AGB, GEMEENTE, Client("111222333"), "S1", DAG)
    assert code(envelop("JW305", AGB, GEMEENTE, ref(), bericht), Afzender(None)) is None


def test_not_xml_is_refused_as_an_envelope_that_does_not_conform() -> None:
    found, afkeur = toets(b"geen xml", Afzender(GEMEENTE), BEIDE)
    assert afkeur is not None
    assert (afkeur.code, found.referentienummer) == ("RIN001", "")


def test_layers_in_order_each_with_its_code() -> None:
    goed = wmo301()
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), goed) + b" " * MAX_BYTES) == "IB007"
    zonder_functie = envelop("WMO301", GEMEENTE, AGB, ref(), goed).replace(
        b"<StUF:functie>WMO301</StUF:functie>", b""
    )
    assert code(zonder_functie) == "RIN001"
    assert code(envelop("WMO301", GEMEENTE, AGB, str(uuid.uuid1()), goed)) == "IB009"
    retour_zonder_cross = envelop("WMO306", GEMEENTE, AGB, ref(), goed, retour=True)
    assert code(retour_zonder_cross) == "IB009"
    als_retour = envelop("WMO301", GEMEENTE, AGB, ref(), goed, retour=True, crossrefnummer=ref())
    assert code(als_retour) == "IB240"
    assert code(envelop("WMO301", "0344", AGB, ref(), goed)) == "IB002"  # not the caller
    assert code(envelop("WMO305", GEMEENTE, AGB, ref(), goed)) == "IB234"  # a provider's
    assert code(envelop("WMO301", GEMEENTE, "0344", ref(), goed)) == "IB210"  # gemeente to gemeente
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), b"\xef\xbb\xbf" + goed)) == "StUF055"
    assert (
        code(envelop("WMO301", GEMEENTE, AGB, ref(), goed.replace(b"<m:Bsn>", b"<m:BSN>")))
        == "StUF055"
    )
    assert (
        code(envelop("WMO301", GEMEENTE, AGB, ref(), wmo301(bsn="111222334"))) == "StUF055"
    )  # CS002
    anders = toewijzing("WMO301", GEMEENTE, "07654321", Client("111222333"), "T1", DAG)
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), anders)) == "IB002"  # header != envelope


def test_a_provider_cannot_be_sent_for_without_vecozo_nor_vecozo_as_a_gemeente() -> None:
    bericht = start_levering("WMO305", AGB, GEMEENTE, Client("111222333"), "S1", DAG)
    assert code(envelop("WMO305", AGB, GEMEENTE, ref(), bericht), Afzender(GEMEENTE)) == "IB002"
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), wmo301()), Afzender(None)) == "IB002"


def test_the_fo01_conforms_and_answers_the_senders_referentienummer() -> None:
    referentie = ref()
    inhoud = envelop("WMO301", GEMEENTE, AGB, referentie, wmo301(bsn="111222334"))
    found, afkeur = toets(inhoud, Afzender(GEMEENTE), BEIDE)
    assert afkeur is not None
    _, bericht = fo01(found, afkeur, datetime(2026, 11, 2, 9, 1, tzinfo=UTC), inhoud)
    document = xml.lees(bericht)
    assert xml.fouten(xml.envelopschema(), document) == []
    stuf = "{http://www.egem.nl/StUF/StUF0301}"
    assert document.findtext(f"{stuf}stuurgegevens/{stuf}crossRefnummer") == referentie
    assert document.findtext(f"{stuf}body/{stuf}code") == "StUF055"
    assert document.findtext(f"{stuf}body/{stuf}details") == "WMO301-00010000"
    assert "CS002" in (document.findtext(f"{stuf}body/{stuf}omschrijving") or "")
    assert len(document.find(f"{stuf}body/{stuf}detailsXML")) == 1  # type: ignore[arg-type]
    assert etree.QName(document).localname == "Fo01Bericht"


def test_a_message_libxml2_cannot_validate_is_refused_not_an_error() -> None:
    """A commentaar of 17 MB: libxml2's schema validation gives up on it."""
    groot = wmo301().replace(
        b"</m:ToegewezenProduct>",
        b"<m:Commentaar>" + b"x" * (17 * 1024 * 1024) + b"</m:Commentaar></m:ToegewezenProduct>",
    )
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), groot)) == "StUF055"


def test_a_payload_wrapped_in_lines_of_76_is_read_as_one() -> None:
    """xs:base64Binary allows whitespace; MIME-style encoders wrap at 76 characters."""
    import base64

    inhoud = envelop("WMO301", GEMEENTE, AGB, ref(), wmo301())
    enkel = base64.b64encode(wmo301()).decode()
    gewikkeld = "\n".join(enkel[i : i + 76] for i in range(0, len(enkel), 76))
    assert code(inhoud.replace(enkel.encode(), gewikkeld.encode())) is None


def test_an_envelope_with_a_berichtcode_of_its_own_is_refused_as_it_reads() -> None:
    inhoud = envelop("WMO301", GEMEENTE, AGB, ref(), wmo301()).replace(b">Di01<", b">Xx99<")
    found, afkeur = toets(inhoud, Afzender(GEMEENTE), BEIDE)
    assert (found.soort, afkeur.code if afkeur else None) == ("Xx99", "RIN001")


def test_a_doctype_is_not_taken_and_a_comment_in_a_message_is_no_error() -> None:
    met_doctype = envelop("WMO301", GEMEENTE, AGB, ref(), wmo301()).replace(
        b"?><GGK:", b"?><!DOCTYPE x><GGK:", 1
    )
    assert code(met_doctype) == "RIN001"
    met_commentaar = wmo301().replace(b"<m:Client>", b"<m:Client><!-- opmerking -->", 1)
    assert code(envelop("WMO301", GEMEENTE, AGB, ref(), met_commentaar)) is None


def test_threads_validating_at_once_each_see_their_own_errors() -> None:
    """lxml keeps a validation's errors in the schema object: one per thread."""
    from concurrent.futures import ThreadPoolExecutor

    goed = envelop("WMO301", GEMEENTE, AGB, ref(), wmo301())
    fout = envelop("WMO301", GEMEENTE, AGB, ref(), wmo301().replace(b"<m:Bsn>", b"<m:BSN>"))
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(code, [goed, fout] * 200))
    assert codes == [None, "StUF055"] * 200


def test_an_envelope_of_millions_of_tiny_elements_is_refused_before_it_becomes_a_tree() -> None:
    """25 MB of <a/> would be some 800 MB as a tree; it is counted, not built."""
    veel = b"<r>" + b"<a/>" * (MAX_BYTES // 4 - 4) + b"</r>"
    _, afkeur = toets(veel, Afzender(GEMEENTE), BEIDE)
    assert afkeur is not None
    assert afkeur.code == "RIN001"
    assert "elementen" in afkeur.omschrijving
