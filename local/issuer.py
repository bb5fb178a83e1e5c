"""A local token issuer (dev-only): RSA signing keys, their JWKS and an OpenID configuration.

It stands in for Entra ID on this machine, so the function app validates tokens by the
same code path as in Azure. The local host publishes
`/local-issuer/.well-known/openid-configuration` and `/local-issuer/discovery/v2.0/keys`;
`make token` mints client-credentials tokens signed with the newest key.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

PATH = "/local-issuer"
AUDIENCE = "api://ib-next"
BURGER_AUDIENCE = "api://ib-next-inwoners"
"""Residents' tokens have an audience of their own: locally the same issuer stands in for the
identity provider for residents, and a resident's token still reaches no other route."""
PORTAAL = "lokaal-burgerportaal"
"""The client id of the local citizen portal that asks on a resident's behalf."""
CLIENT_NAMESPACE = uuid.UUID("6b1f0c3e-2f4a-4d39-9a51-3f1d3c1e9b20")


def issuer_url(host_port: int) -> str:
    return f"http://127.0.0.1:{host_port}{PATH}"


def local_client_id(organisatie: str, roles: list[str]) -> str:
    """The client id of the local application of an organisation with these roles.

    In Entra each organisation's system is an app registration with its own client id and
    app roles; locally one id per organisation and set of roles stands in for it.
    """
    return str(uuid.uuid5(CLIENT_NAMESPACE, f"{organisatie}:{','.join(sorted(roles))}"))


def _kid(key: rsa.RSAPrivateKey) -> str:
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(public).hexdigest()[:16]


class LocalIssuer:
    def __init__(self, key_dir: Path, url: str) -> None:
        self.key_dir = key_dir
        self.url = url.rstrip("/")
        self._loaded: dict[Path, rsa.RSAPrivateKey] = {}
        """Keys read before, by file: a key file is written once and never changed (a rotation
        adds a file), and reading one back costs OpenSSL's key check, ~30 ms a token."""

    def _key_files(self) -> list[Path]:
        return sorted(self.key_dir.glob("key-*.pem"))

    def _load(self, path: Path) -> rsa.RSAPrivateKey:
        if path not in self._loaded:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, rsa.RSAPrivateKey):
                raise TypeError(f"{path} is not an RSA key")
            self._loaded[path] = key
        return self._loaded[path]

    def rotate(self) -> str:
        """Add a new signing key (the newest signs from now on); returns its key id."""
        self.key_dir.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path = self.key_dir / f"key-{time.time_ns()}.pem"
        path.write_bytes(pem)
        path.chmod(0o600)
        return _kid(key)

    def signing_key(self) -> rsa.RSAPrivateKey:
        if not self._key_files():
            self.rotate()
        return self._load(self._key_files()[-1])

    def jwks(self) -> dict[str, Any]:
        keys = []
        for path in self._key_files():
            key = self._load(path)
            jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
            keys.append({**jwk, "kid": _kid(key), "use": "sig", "alg": "RS256"})
        return {"keys": keys}

    def openid_configuration(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "jwks_uri": f"{self.url}/discovery/v2.0/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def mint_burger(self, bsn: str, acr: str, *, lifetime_seconds: int = 900) -> str:
        """A resident's token as the identity provider for residents issues it: the BSN as
        subject, the assurance level of the login (`acr`), the role `burger`."""
        return self.mint(
            PORTAAL,
            ["burger"],
            audience=BURGER_AUDIENCE,
            lifetime_seconds=lifetime_seconds,
            sub=bsn,
            acr=acr,
        )

    def mint(
        self,
        client_id: str,
        roles: list[str],
        *,
        audience: str = AUDIENCE,
        lifetime_seconds: int = 3600,
        **overrides: Any,
    ) -> str:
        """A client-credentials access token as Entra ID issues it (v2: `azp`, `roles`)."""
        key = self.signing_key()
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": audience,
            "iat": now,
            "nbf": now,
            "exp": now + lifetime_seconds,
            "azp": client_id,
            "sub": client_id,
            "oid": client_id,
            "roles": roles,
            "ver": "2.0",
        }
        claims.update(overrides)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": _kid(key)})
