"""The text of a PDF written by fpdf2 with its core fonts, in reading order, for assertions.

No text-extraction library is a dependency, and fpdf2 only writes: its pages are Flate
streams in which every line of text is one string shown with `Tj`, encoded Windows-1252.
"""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> str:
    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code.isdigit():
            return bytes([int(code, 8)])
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(one, raw).decode("cp1252").replace("\xa0", " ")


def lines(pdf: bytes) -> list[str]:
    """Every line of text, page after page."""
    found: list[str] = []
    for stream in _STREAM.findall(pdf):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue  # not a page (a font or an image)
        found += [_unescape(raw) for raw in _SHOWN.findall(content)]
    return found


def text(pdf: bytes) -> str:
    return "\n".join(lines(pdf))
