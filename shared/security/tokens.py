"""Validation of Entra ID access tokens (OAuth2 client credentials), in our own code.

The signature is checked against the issuer's published keys (JWKS, found through its
OpenID configuration and cached; an unknown key id triggers one refresh, so a key
rotation is picked up), together with issuer, audience, expiry and not-before. Only
RS256 is accepted: `alg: none` and HS256 "signed" with the public key are refused.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from dataclasses import dataclass
from functools import cache
from typing import Any

import jwt

from shared import settings

log = logging.getLogger(__name__)

ALGORITHM = "RS256"
CLOCK_SKEW_SECONDS = 30
REQUIRED_CLAIMS = ("exp", "nbf", "iat", "iss", "aud")


class InvalidToken(Exception):
    """No usable token: the reason is for the log and the `WWW-Authenticate` header."""


class IssuerUnavailable(Exception):
    """The issuer's configuration or keys could not be fetched: not the caller's fault."""


@dataclass(frozen=True)
class Identity:
    """The calling application as the token says: its client id and its app roles."""

    client_id: str
    roles: frozenset[str]
    subject: str
    betrouwbaarheid: str | None = None
    """The assurance level of the authentication (`acr`), where the issuer states one."""
    principaal: str = ""
    """Who acts (`oid`): in Entra the object id of the signed-in user, the same through any
    client of the tenant, or of the client's service principal in an app-only token; "" when
    the token names none."""

    @property
    def door(self) -> str:
        """Who did it, as the four-eyes rules compare it: the principal, or the client when
        the token names no principal (Entra always does)."""
        return self.principaal or f"client {self.client_id}"


def _fetch_json(url: str, timeout: float) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (https or loopback)
        document: dict[str, Any] = json.load(answer)
        return document


class TokenValidator:
    def __init__(
        self,
        issuer: str,
        audience: str,
        openid_configuration: str,
        *,
        refresh_cooldown_seconds: float = 30,
        timeout_seconds: float = 5,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.openid_configuration = openid_configuration
        self.refresh_cooldown_seconds = refresh_cooldown_seconds
        self.timeout_seconds = timeout_seconds
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def _keys(self) -> jwt.PyJWKClient:
        with self._lock:
            if self._jwks is None:
                try:
                    discovery = _fetch_json(self.openid_configuration, self.timeout_seconds)
                except (OSError, ValueError) as error:
                    raise IssuerUnavailable(f"OpenID configuration: {error}") from error
                if discovery.get("issuer", "").rstrip("/") != self.issuer:
                    raise InvalidToken("the OpenID configuration is of another issuer")
                self._jwks = jwt.PyJWKClient(
                    discovery["jwks_uri"],
                    cache_jwk_set=True,
                    lifespan=3600,
                    timeout=self.timeout_seconds,
                    cooldown_duration=self.refresh_cooldown_seconds,
                )
            return self._jwks

    def validate(self, token: str) -> Identity:
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != ALGORITHM:
                raise InvalidToken(f"algorithm {header.get('alg')!r} is not accepted")
            key = self._keys().get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key=key.key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except (InvalidToken, IssuerUnavailable):
            raise
        except jwt.PyJWKClientConnectionError as error:
            raise IssuerUnavailable(f"JWKS: {error}") from error
        except (jwt.PyJWTError, KeyError, ValueError) as error:
            raise InvalidToken(f"{type(error).__name__}: {error}") from error
        client_id = claims.get("azp") or claims.get("appid")
        if not isinstance(client_id, str) or not client_id:
            raise InvalidToken("the token names no client application (azp/appid)")
        roles = claims.get("roles") or []
        if not isinstance(roles, list):
            raise InvalidToken("roles is not a list")
        return Identity(
            client_id=client_id,
            roles=frozenset(str(role) for role in roles),
            subject=str(claims.get("sub", "")),
            betrouwbaarheid=str(claims["acr"]) if "acr" in claims else None,
            principaal=str(claims.get("oid") or ""),
        )


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer …` header.

    >>> bearer_token("Bearer abc.def.ghi")
    'abc.def.ghi'
    """
    if not authorization:
        raise InvalidToken("no Authorization header")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("the Authorization header is not a Bearer token")
    return token.strip()


@cache
def validator() -> TokenValidator:
    """One validator per process, so the issuer's keys are fetched once and cached."""
    config = settings.auth()
    return TokenValidator(config.issuer, config.audience, config.openid_configuration)


@cache
def burger_validator() -> TokenValidator:
    """The validator of residents' tokens (their own issuer and audience)."""
    config = settings.burger_auth()
    return TokenValidator(config.issuer, config.audience, config.openid_configuration)
