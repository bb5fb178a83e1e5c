"""A reference VUM bron on this machine: synthetic vacancies and job-seeker profiles served per
the Bron contracts (`shared/vum/contracten/VUM-Bron-*.yaml`), so the exchange can be tried end to
end locally (`make run` starts two) and tested against bronnen that behave, hang or fail.

- `POST /{domein}/matches`: the records that meet the selectievraag, at most `maximum`, with
  `maximumAantalResultatenBereikt` when more would have. It applies `selectiegebied` (a made-up
  distance: 1 km per 10 between the four digits of the postcodes), `beroep.codeBeroepsnaam` /
  `bemiddelingsberoep` ($eq) and the hours per week; other criteria it ignores, as the contracts
  allow a bron that does not support them.
- `GET /{domein}/{id}`: the full record, or 404.
- Answers carry the contract's headers (`X-VUM-fromParty` its own OIN, `X-VUM-toParty` the
  asking party, `X-VUM-viaParty` as asked).
- `vertraging` (seconds before answering) and `stuk` (answer 500) make a slow or failing bron.
- Every request is kept in `ontvangen` (method, path, headers, body), so a test can check it
  against the contract.

Its records are synthetic (`synth.vum`), generated from `seed`.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from local.tls import LokaleCa
from synth.vum import profielen, vacatures


@dataclass
class Ontvangen:
    methode: str
    pad: str
    headers: dict[str, str]
    body: bytes


MATCHVELDEN = {
    "vacatures": (
        "idVacature",
        "adres",
        "beroep",
        "werktijden",
        "naamVacature",
        "omschrijvingVacature",
        "sluitingsdatumVacature",
    ),
    "werkzoekendeProfielen": ("idWerkzoekende", "mobiliteit", "bemiddelingsberoep", "werktijden"),
}
"""What a search result shows of a record: fields the contract's `MP...Match` allows."""
ID = {"vacatures": "idVacature", "werkzoekendeProfielen": "idWerkzoekende"}


def _postcode_van(domein: str, record: dict[str, Any]) -> str:
    if domein == "vacatures":
        return str(record["adres"]["postcode"])
    return str(record["mobiliteit"]["bemiddelingspostcode"])


def _beroepen(domein: str, record: dict[str, Any]) -> set[str]:
    if domein == "vacatures":
        return {record["beroep"]["codeBeroepsnaam"]}
    return {b["codeBeroepsnaam"] for b in record["bemiddelingsberoep"]}


def _gevraagd_beroep(domein: str, vraag: dict[str, Any]) -> str | None:
    if domein == "vacatures":
        return (vraag.get("beroep.codeBeroepsnaam") or {}).get("$eq")
    keuzes = ((vraag.get("bemiddelingsberoep") or {}).get("$elemMatch") or {}).get("$or") or []
    for keuze in keuzes:
        code = (keuze.get("codeBeroepsnaam") or {}).get("$eq") if isinstance(keuze, dict) else None
        if code:
            return str(code)
    return None


def voldoet(domein: str, record: dict[str, Any], vraag: dict[str, Any]) -> bool:
    gebied = vraag["selectiegebied"]
    afstand = abs(int(_postcode_van(domein, record)[:4]) - int(gebied["postcode"][:4])) / 10
    if afstand > gebied["afstand"]:
        return False
    beroep = _gevraagd_beroep(domein, vraag)
    if beroep is not None and beroep not in _beroepen(domein, record):
        return False
    uren = record["werktijden"]
    maximaal = (vraag.get("werktijden.aantalWerkurenPerWeekMaximaal") or {}).get("$gte")
    minimaal = (vraag.get("werktijden.aantalWerkurenPerWeekMinimaal") or {}).get("$lte")
    if maximaal is not None and uren["aantalWerkurenPerWeekMaximaal"] < maximaal:
        return False
    return not (minimaal is not None and uren["aantalWerkurenPerWeekMinimaal"] > minimaal)


class _StilleServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """An exchange that stopped waiting (a slow bron's time limit) closes the connection;
        the answer that comes too late has nobody to go to, which is no error of the bron."""


@dataclass
class ReferentieBron:
    """A bron on https://localhost:{port}, its certificate signed by `ca`."""

    oin: str
    ca: LokaleCa
    seed: int = 1
    aantal: int = 500
    maximum: int = 100
    vertraging: float = 0.0
    stuk: bool = False
    ontvangen: list[Ontvangen] = field(default_factory=list)

    def __post_init__(self) -> None:
        voorvoegsel = f"B{self.oin[-4:]}-"
        self.records = {
            "vacatures": {
                r["idVacature"]: r for r in vacatures(self.seed, self.aantal, voorvoegsel + "V")
            },
            "werkzoekendeProfielen": {
                r["idWerkzoekende"]: r for r in profielen(self.seed, self.aantal, voorvoegsel + "W")
            },
        }
        bron = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _ontvang(self) -> bytes:
                lengte = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(lengte) if lengte else b""
                bron.ontvangen.append(Ontvangen(self.command, self.path, dict(self.headers), body))
                if bron.vertraging:
                    time.sleep(bron.vertraging)
                return body

            def _antwoord(self, status: int, inhoud: Any) -> None:
                data = json.dumps(inhoud).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-VUM-berichtVersie", "3.0.0")
                self.send_header("API-Version", "3.0.0")
                self.send_header("X-VUM-fromParty", bron.oin)
                self.send_header("X-VUM-toParty", self.headers.get("X-VUM-fromParty", ""))
                self.send_header("X-VUM-viaParty", self.headers.get("X-VUM-viaParty", ""))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = self._ontvang()
                domein = self.path.strip("/").split("/")[0]
                if bron.stuk:
                    return self._antwoord(500, {"code": "500", "message": "bron is stuk"})
                if domein not in bron.records or not self.path.endswith("/matches"):
                    return self._antwoord(404, {"code": "404", "message": "onbekend pad"})
                try:
                    vraag = json.loads(body)["vraagObject"]
                    gevonden = [
                        r for r in bron.records[domein].values() if voldoet(domein, r, vraag)
                    ]
                except (ValueError, KeyError, TypeError):
                    return self._antwoord(400, {"code": "400", "message": "ongeldige zoekvraag"})
                matches = [
                    {k: r[k] for k in MATCHVELDEN[domein] if k in r}
                    for r in gevonden[: bron.maximum]
                ]
                self._antwoord(
                    200,
                    {
                        "maximumAantalResultatenBereikt": len(gevonden) > bron.maximum,
                        "matches": matches,
                    },
                )

            def do_GET(self) -> None:
                self._ontvang()
                delen = self.path.strip("/").split("/")
                if bron.stuk:
                    return self._antwoord(500, {"code": "500", "message": "bron is stuk"})
                record = (
                    bron.records.get(delen[0], {}).get(unquote(delen[-1]))
                    if len(delen) == 2
                    else None
                )
                if record is None:
                    return self._antwoord(404, {"code": "404", "message": "onbekend id"})
                self._antwoord(200, record)

            def log_message(self, *args: object) -> None:
                pass

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.ca.certificaat, self.ca.sleutel)
        self.server = _StilleServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://localhost:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    """`python -m local.vumbron TLS-MAP OIN...`: serve a reference bron per OIN, in a process of
    its own (the benchmark's load does not share its interpreter), and print each URL."""
    import sys

    tls = LokaleCa(
        *(Path(sys.argv[1]) / naam for naam in ("ca.pem", "localhost.pem", "localhost.key"))
    )
    bronnen = [ReferentieBron(oin, tls, seed=n) for n, oin in enumerate(sys.argv[2:], start=1)]
    for referentiebron in bronnen:
        print(referentiebron.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
