"""The command line: upload a file through the valet key, follow it, fetch its feedback.

The token, in this order:

1. `--token` or `IBNEXT_TOKEN`;
2. in Azure, the client-credentials flow with msal when `IBNEXT_TENANT_ID` and
   `IBNEXT_CLIENT_ID` are set, with `IBNEXT_CLIENT_SECRET` or a certificate
   (`IBNEXT_CERTIFICAAT`: a PEM file with the private key, `IBNEXT_CERTIFICAAT_THUMBPRINT`);
   scope `IBNEXT_SCOPE` (default `api://ib-next/.default`);
3. locally (`make run`), `--lokaal ORG`: a token of ORG's local system from the local issuer,
   the same one `make token ORG=...` prints.

Exit codes: 0 processed (`verwerkt`), 2 refused (`afgewezen`), 3 not finished in time,
1 any other failure (the API's problem detail is printed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from azure.storage.blob import BlobClient

DEFAULT_API = "http://localhost:7071"
DEFAULT_SCOPE = "api://ib-next/.default"
BLOK_BYTES = 4 * 1024 * 1024
"""The file is written in blocks of this size; the progress bar moves per block."""
EERSTE_WACHT, MAX_WACHT = 0.5, 10.0
"""Polling backoff in seconds: from the first to at most the last, each time 1.5 times longer."""
KLAAR = ("verwerkt", "afgewezen")
EXIT_VERWERKT, EXIT_FOUT, EXIT_AFGEWEZEN, EXIT_TE_LAAT = 0, 1, 2, 3


class Fout(Exception):
    """A failure to report to the user, with no traceback."""


def token_van(arguments: argparse.Namespace) -> str:
    if arguments.token or os.environ.get("IBNEXT_TOKEN"):
        return str(arguments.token or os.environ["IBNEXT_TOKEN"])
    if os.environ.get("IBNEXT_TENANT_ID") and os.environ.get("IBNEXT_CLIENT_ID"):
        return _msal_token()
    if arguments.lokaal:
        return _lokaal_token(arguments.lokaal, arguments.api)
    raise Fout(
        "geen token: geef --token, zet IBNEXT_TENANT_ID en IBNEXT_CLIENT_ID, of --lokaal ORG"
    )


def _msal_token() -> str:
    import msal  # type: ignore[import-untyped]

    credential: str | dict[str, str]
    if os.environ.get("IBNEXT_CLIENT_SECRET"):
        credential = os.environ["IBNEXT_CLIENT_SECRET"]
    elif os.environ.get("IBNEXT_CERTIFICAAT"):
        credential = {
            "private_key": Path(os.environ["IBNEXT_CERTIFICAAT"]).read_text(),
            "thumbprint": os.environ.get("IBNEXT_CERTIFICAAT_THUMBPRINT", ""),
        }
    else:
        raise Fout("zet IBNEXT_CLIENT_SECRET of IBNEXT_CERTIFICAAT")
    app = msal.ConfidentialClientApplication(
        os.environ["IBNEXT_CLIENT_ID"],
        client_credential=credential,
        authority=f"https://login.microsoftonline.com/{os.environ['IBNEXT_TENANT_ID']}",
    )
    result = app.acquire_token_for_client(scopes=[os.environ.get("IBNEXT_SCOPE", DEFAULT_SCOPE)])
    if "access_token" not in result:
        raise Fout(f"geen token van Entra ID: {result.get('error_description') or result}")
    return str(result["access_token"])


def _lokaal_token(organisatie: str, api: str) -> str:
    """What `make token ORG=...` prints (a development token; only with `make run`)."""
    from local import issuer
    from local.emulators import ROOT
    from shared.security.access import SYSTEEM

    url = os.environ.get("AUTH_ISSUER") or issuer.issuer_url(urlsplit(api).port or 7071)
    lokaal = issuer.LocalIssuer(ROOT / ".local" / "issuer", url)
    return lokaal.mint(issuer.local_client_id(organisatie, [SYSTEEM]), [SYSTEEM])


class Api:
    def __init__(self, basis: str, token: str, organisatie: str | None) -> None:
        self.basis = basis.rstrip("/")
        self.sessie = requests.Session()
        self.sessie.headers["Authorization"] = f"Bearer {token}"
        self.query = {"organisatie": organisatie} if organisatie else {}

    def _antwoord(self, response: requests.Response, *verwacht: int) -> requests.Response:
        if response.status_code not in verwacht:
            try:
                probleem = response.json()
                uitleg = probleem.get("detail") or probleem.get("title")
                velden = [
                    f"{p['name']}: {p['reason']}" for p in probleem.get("invalidParams") or []
                ]
            except ValueError:
                uitleg, velden = response.text[:200], []
            correlatie = response.headers.get("X-Correlation-ID", "-")
            raise Fout(
                f"{response.request.method} {response.url}: {response.status_code} {uitleg}"
                + (f" ({'; '.join(velden)})" if velden else "")
                + f" [correlatie-id {correlatie}]"
            )
        return response

    def post(self, pad: str, body: dict[str, Any]) -> Any:
        response = self.sessie.post(f"{self.basis}{pad}", json=body, params=self.query, timeout=30)
        return self._antwoord(response, 201).json()

    def get(self, pad: str) -> requests.Response:
        response = self.sessie.get(f"{self.basis}{pad}", params=self.query, timeout=60)
        return self._antwoord(response, 200)


def voortgang(totaal: int, uit: Any = sys.stderr) -> Callable[[int, int | None], None]:
    """A progress bar on stderr, for azure-storage-blob's `progress_hook(current, total)`."""

    def toon(huidig: int, _totaal: int | None) -> None:
        geheel = _totaal or totaal or 1
        deel = min(huidig / geheel, 1.0)
        balk = "#" * int(deel * 30)
        uit.write(f"\ruploaden [{balk:<30}] {deel:4.0%} {huidig / 1e6:.1f}/{geheel / 1e6:.1f} MB")
        if huidig >= geheel:
            uit.write("\n")
        uit.flush()

    return toon


def upload(url: str, bestand: Path) -> None:
    """The file to the grant's SAS URL, block by block, with a progress bar."""
    grootte = bestand.stat().st_size
    blob = BlobClient.from_blob_url(url, max_single_put_size=BLOK_BYTES, max_block_size=BLOK_BYTES)
    with bestand.open("rb") as inhoud:
        blob.upload_blob(
            inhoud,
            length=grootte,
            overwrite=True,
            max_concurrency=1,
            progress_hook=voortgang(grootte),
        )


def volg(api: Api, volgpad: str, wachttijd: float) -> dict[str, Any]:
    """Poll until the delivery is processed; print each status once."""
    einde = time.monotonic() + wachttijd
    wacht, gezien = EERSTE_WACHT, None
    aanlevering_id: str | None = None
    while True:
        if aanlevering_id is None:
            aanlevering_id = api.get(volgpad).json().get("aanlevering")
            status = "wacht op het bestand" if aanlevering_id is None else "ontvangen"
            aanlevering: dict[str, Any] = {}
        else:
            aanlevering = api.get(f"/api/v1/aanleveringen/{aanlevering_id}").json()
            status = aanlevering["status"]
        if status != gezien:
            print(f"status: {status}", file=sys.stderr)
            gezien = status
        if status in KLAAR:
            return aanlevering
        if time.monotonic() > einde:
            raise TimeoutError(f"niet verwerkt binnen {wachttijd:.0f} s (laatste: {status})")
        time.sleep(wacht)
        wacht = min(wacht * 1.5, MAX_WACHT)


def haal_terugmelding(api: Api, aanlevering_id: str, map_: Path, naam: str | None) -> Path:
    response = api.get(f"/api/v1/aanleveringen/{aanlevering_id}/terugmelding")
    doel = map_ / f"{naam or aanlevering_id}.terugmelding.json"
    doel.write_bytes(response.content)
    return doel


def _samenvatting(aanlevering: dict[str, Any], pad: Path) -> str:
    regels = [
        f"aanlevering {aanlevering['id']}: {aanlevering['status']}",
        f"records {aanlevering.get('aantalRecords')}, goedgekeurd "
        f"{aanlevering.get('aantalGoedgekeurd')}, afgekeurd {aanlevering.get('aantalAfgekeurd')}",
    ]
    regels += [
        f"  regel {a.get('regel') or '-'}: {a['reden']}" for a in aanlevering["afkeuringen"][:10]
    ]
    regels.append(f"terugmelding: {pad}")
    return "\n".join(regels)


def cmd_upload(arguments: argparse.Namespace, api: Api) -> int:
    bestand = Path(arguments.bestand)
    if not bestand.is_file():
        raise Fout(f"{bestand} is geen bestand")
    naam = arguments.naam or bestand.name
    machtiging = api.post(
        "/api/v1/aanleveringen/uploads", {"dienst": arguments.dienst, "bestandsnaam": naam}
    )
    grant = machtiging["upload"]
    print(
        f"uploadmachtiging {grant['id']} voor {grant['blobpad']} tot {grant['verloopt']} "
        f"({machtiging['sasSoort']}-SAS)",
        file=sys.stderr,
    )
    upload(machtiging["uploadUrl"], bestand)
    try:
        aanlevering = volg(api, machtiging["volgen"], arguments.wachttijd)
    except TimeoutError as error:
        print(str(error), file=sys.stderr)
        return EXIT_TE_LAAT
    pad = haal_terugmelding(api, aanlevering["id"], Path(arguments.uit), naam)
    print(_samenvatting(aanlevering, pad))
    return EXIT_VERWERKT if aanlevering["status"] == "verwerkt" else EXIT_AFGEWEZEN


def cmd_terugmelding(arguments: argparse.Namespace, api: Api) -> int:
    pad = haal_terugmelding(api, arguments.id, Path(arguments.uit), None)
    print(pad)
    return EXIT_VERWERKT


def parser() -> argparse.ArgumentParser:
    algemeen = argparse.ArgumentParser(add_help=False)
    algemeen.add_argument(
        "--api", default=os.environ.get("IBNEXT_API", DEFAULT_API), help="the API's base URL"
    )
    algemeen.add_argument("--token", help="an access token (or IBNEXT_TOKEN)")
    algemeen.add_argument("--lokaal", metavar="ORG", help="locally: a token of ORG's system")
    algemeen.add_argument("--organisatie", help="a mandated agency: the gemeente it acts for")
    algemeen.add_argument("--uit", default=".", help="where the feedback report is written")
    hoofd = argparse.ArgumentParser(prog="python -m klant", description=__doc__.split("\n")[0])
    sub = hoofd.add_subparsers(dest="opdracht", required=True)
    up = sub.add_parser("upload", parents=[algemeen], help="upload a file and follow it")
    up.add_argument("--dienst", required=True, help="e.g. kwijtschelding")
    up.add_argument("--bestand", required=True, help="the file to deliver")
    up.add_argument("--naam", help="the name to deliver it under (default: the file's name)")
    up.add_argument("--wachttijd", type=float, default=600, help="seconds to follow it at most")
    up.set_defaults(uitvoeren=cmd_upload)
    tm = sub.add_parser("terugmelding", parents=[algemeen], help="download a feedback report")
    tm.add_argument("id", help="the delivery's id")
    tm.set_defaults(uitvoeren=cmd_terugmelding)
    return hoofd


def _geen_token_over_http(api: str) -> None:
    """A token goes only over https, or plain http to this machine (`make run`)."""
    delen = urlsplit(api)
    if delen.scheme != "https" and not (
        delen.scheme == "http" and delen.hostname in ("localhost", "127.0.0.1", "::1")
    ):
        raise Fout(f"{api}: het token gaat alleen over https (of http naar deze machine)")


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        _geen_token_over_http(arguments.api)
        api = Api(arguments.api, token_van(arguments), arguments.organisatie)
        result: int = arguments.uitvoeren(arguments, api)
        return result
    except (Fout, OSError) as error:  # OSError: files, and requests.RequestException
        print(f"fout: {error}", file=sys.stderr)
        return EXIT_FOUT
