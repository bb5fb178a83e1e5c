"""The continuation token of a paged list (`vervolg`), opaque to callers: the store's own
token wrapped in a versioned base64url text, so a token the API did not give is refused as
bad input (400) before it reaches the store, instead of failing there or, in the local
emulator, being echoed back as an endless next page."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from pydantic import AfterValidator, Field

PREFIX = "v1."
MAX_TEKENS = 2048
"""A 1 KB store token (`shared.storage.documents.TOKEN_KB`) in base64url, with room."""


def inpakken(token: str | None) -> str | None:
    """The store's token as the API hands it out.

    >>> uitpakken(inpakken("{\\"token\\":\\"x\\"}") or "")
    '{"token":"x"}'
    """
    if token is None:
        return None
    return PREFIX + base64.urlsafe_b64encode(token.encode("utf-8")).decode("ascii").rstrip("=")


def uitpakken(vervolg: str) -> str:
    """The store's token from a `vervolg`; ValueError when the API did not make it.

    >>> uitpakken("bestaat-niet")
    Traceback (most recent call last):
    ValueError: geen vervolg dat de API gaf: gebruik `volgende` van de vorige pagina
    """
    fout = ValueError("geen vervolg dat de API gaf: gebruik `volgende` van de vorige pagina")
    if not vervolg.startswith(PREFIX):
        raise fout
    body = vervolg[len(PREFIX) :]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise fout from None


def _check(vervolg: str) -> str:
    uitpakken(vervolg)
    return vervolg


Vervolg = Annotated[
    str,
    AfterValidator(_check),
    Field(
        max_length=MAX_TEKENS,
        pattern=r"^v1\.[A-Za-z0-9_-]+$",
        description="`volgende` of the previous page, as given.",
    ),
]
