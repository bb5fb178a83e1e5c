"""Token validation against an issuer served on loopback: signature, claims, key rotation."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from local.issuer import AUDIENCE, LocalIssuer
from shared.security.tokens import InvalidToken, IssuerUnavailable, TokenValidator
from tests import forged_tokens

pytestmark = pytest.mark.integration
CLIENT = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def issuer(tmp_path: Path) -> Iterator[LocalIssuer]:
    """A local issuer whose OpenID configuration and JWKS are served over HTTP."""
    holder: dict[str, LocalIssuer] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served = holder["issuer"]
            documents: dict[str, Any] = {
                "/issuer/.well-known/openid-configuration": served.openid_configuration(),
                "/issuer/discovery/v2.0/keys": served.jwks(),
            }
            body = json.dumps(documents.get(self.path, {})).encode()
            self.send_response(200 if self.path in documents else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["issuer"] = LocalIssuer(
        tmp_path / "keys", f"http://127.0.0.1:{server.server_port}/issuer"
    )
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield holder["issuer"]
    server.shutdown()


@pytest.fixture
def validator(issuer: LocalIssuer) -> TokenValidator:
    return TokenValidator(
        issuer.url,
        AUDIENCE,
        f"{issuer.url}/.well-known/openid-configuration",
        refresh_cooldown_seconds=0,
    )


def test_a_valid_token_names_the_client_and_its_roles(
    issuer: LocalIssuer, validator: TokenValidator
) -> None:
    identity = validator.validate(issuer.mint(CLIENT, ["systeem"]))
    assert identity.client_id == CLIENT
    assert identity.roles == {"systeem"}


def test_a_rotated_key_is_fetched_when_a_token_names_it(
    issuer: LocalIssuer, validator: TokenValidator
) -> None:
    validator.validate(issuer.mint(CLIENT, ["systeem"]))  # caches the JWKS with the first key
    issuer.rotate()
    assert validator.validate(issuer.mint(CLIENT, ["systeem"])).client_id == CLIENT


def test_a_key_the_issuer_never_published_is_refused(
    issuer: LocalIssuer, validator: TokenValidator, tmp_path: Path
) -> None:
    issuer.signing_key()
    impostor = LocalIssuer(tmp_path / "impostor", issuer.url)
    with pytest.raises(InvalidToken, match="signing key"):
        validator.validate(impostor.mint(CLIENT, ["systeem"]))


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda i: forged_tokens.expired(i, CLIENT, ["systeem"]), id="expired"),
        pytest.param(lambda i: forged_tokens.not_yet_valid(i, CLIENT, ["systeem"]), id="nbf"),
        pytest.param(lambda i: i.mint(CLIENT, ["systeem"], audience="api://ander"), id="aud"),
        pytest.param(lambda i: i.mint(CLIENT, ["systeem"], iss="https://elders"), id="iss"),
        pytest.param(
            lambda i: forged_tokens.bad_signature(i.mint(CLIENT, ["systeem"])), id="signature"
        ),
        pytest.param(lambda i: forged_tokens.alg_none(i.mint(CLIENT, ["systeem"])), id="alg-none"),
        pytest.param(
            lambda i: forged_tokens.hs256_signed_with_public_key(i, i.mint(CLIENT, ["systeem"])),
            id="hs256-public-key",
        ),
        pytest.param(lambda i: i.mint(CLIENT, ["systeem"], azp=None), id="no-client"),
        pytest.param(lambda i: "niet.een.token", id="garbage"),
    ],
)
def test_a_forged_or_unfit_token_is_refused(
    issuer: LocalIssuer, validator: TokenValidator, forge: Any
) -> None:
    with pytest.raises(InvalidToken):
        validator.validate(forge(issuer))


def test_an_unreachable_issuer_is_not_the_callers_fault(issuer: LocalIssuer) -> None:
    validator = TokenValidator(issuer.url, AUDIENCE, "http://127.0.0.1:9/nothing-here")
    with pytest.raises(IssuerUnavailable):
        validator.validate(issuer.mint(CLIENT, ["systeem"]))
