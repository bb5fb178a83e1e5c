"""Tokens an attacker or a misconfigured client might send, built from a real local token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from cryptography.hazmat.primitives import serialization

from local.issuer import LocalIssuer


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = json.loads(_unb64(token.split(".")[1]))
    return claims


def expired(issuer: LocalIssuer, client_id: str, roles: list[str]) -> str:
    long_ago = int(time.time()) - 7200
    return issuer.mint(client_id, roles, iat=long_ago, nbf=long_ago, exp=long_ago + 3600)


def not_yet_valid(issuer: LocalIssuer, client_id: str, roles: list[str]) -> str:
    later = int(time.time()) + 3600
    return issuer.mint(client_id, roles, nbf=later, iat=later, exp=later + 3600)


def bad_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    flipped = bytearray(_unb64(signature))
    flipped[0] ^= 0xFF
    return f"{header}.{payload}.{_b64(bytes(flipped))}"


def alg_none(token: str) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{token.split('.')[1]}."


def hs256_signed_with_public_key(issuer: LocalIssuer, token: str) -> str:
    """The classic key-confusion attack: HMAC over the token with the public key as secret."""
    public_pem = (
        issuer.signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    signing_input = f"{header}.{token.split('.')[1]}".encode()
    signature = hmac.new(public_pem, signing_input, hashlib.sha256).digest()
    return f"{signing_input.decode()}.{_b64(signature)}"
