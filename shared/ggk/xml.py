"""Parsing and schema validation of GGk envelopes and iWmo/iJw messages with lxml.

Untrusted XML is parsed without DTDs, entity expansion or network access (no XXE, no entity
bombs). libxml2's limit of 10 MB per text node is lifted (`huge_tree`): a 25 MB envelope holds
its message as one base64 text; what bounds the input is the 25 MB checked before parsing.
The schemas are compiled once per process.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
ENVELOP = SCHEMAS / "ggk0210" / "ggkberichten" / "ggk0210_msg_ggkberichten.xsd"


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


MAX_ELEMENTEN = 1_000_000
"""Elements in one document at most. 25 MB of `<a/>` is six million elements, some 800 MB
as a tree: bytes do not bound a tree, elements do. A declaration of 25 MB (the largest
real message: a few hundred bytes per Prestatie of some twenty elements) stays well below."""


def _geen_xml(reden: str) -> etree.XMLSyntaxError:
    """A refusal as lxml's own (lxml-stubs do not know the exception's arguments)."""
    fout: etree.XMLSyntaxError = etree.XMLSyntaxError(reden, 0, 1, 1)  # type: ignore[call-arg, arg-type]
    return fout


def _telt(inhoud: bytes) -> None:
    """Count the elements without keeping them; `XMLSyntaxError` past `MAX_ELEMENTEN`."""
    elementen = etree.iterparse(
        io.BytesIO(inhoud),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
    )
    for aantal, (_, element) in enumerate(elementen, start=1):
        element.clear()  # what is counted is not kept: its content,
        while element.getprevious() is not None:  # nor its siblings before it
            del element.getparent()[0]
        if aantal > MAX_ELEMENTEN:
            raise _geen_xml(f"meer dan {MAX_ELEMENTEN} elementen")


def lees(inhoud: bytes) -> etree._Element:
    """The document's root; `etree.XMLSyntaxError` when it is not well-formed XML, has more
    than `MAX_ELEMENTEN` elements, or has a DOCTYPE (no GGk message has one; refusing it
    closes the door on DTD tricks)."""
    _telt(inhoud)
    root = etree.fromstring(inhoud, parser())
    # (lxml-stubs know neither DocInfo.doctype nor XMLSyntaxError's arguments)
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise _geen_xml("een DOCTYPE is niet toegestaan")
    return root


_per_thread = threading.local()


def schema(pad: Path) -> etree.XMLSchema:
    """The compiled schema, one per thread: lxml keeps the errors of a validation in the
    schema object itself, so threads sharing one could read each other's (and miss their
    own)."""
    schemas: dict[Path, etree.XMLSchema] = _per_thread.__dict__.setdefault("schemas", {})
    if pad not in schemas:
        schemas[pad] = etree.XMLSchema(etree.parse(str(pad)))
    return schemas[pad]


def envelopschema() -> etree.XMLSchema:
    return schema(ENVELOP)


def berichtschema(functie: str) -> etree.XMLSchema | None:
    """The schema of a message type (`WMO301`, `JW325`), or None when the GGk holds none."""
    domein = "wmo" if functie.startswith("WMO") else "jw" if functie.startswith("JW") else None
    pad = SCHEMAS / domein / f"{functie}.xsd" if domein else None
    return schema(pad) if pad is not None and pad.is_file() else None


def fouten(xsd: etree.XMLSchema, document: etree._Element) -> list[str]:
    """Why the document does not conform, each with its line; empty when it does."""
    try:
        if xsd.validate(document):
            return []
    except etree.XMLSchemaValidateError as error:  # libxml2 gives up (a text of megabytes)
        return [f"het schema kan het niet toetsen: {error}"]
    log = xsd.error_log
    fouten = [f"regel {e.line}: {e.message}" for e in list(log)]  # type: ignore[call-overload]
    return fouten or ["het document voldoet niet aan het schema"]
