"""The whole platform on this machine: emulators, provisioning and the local Functions host.

Used by `make run` (fixed, well-known ports) and by the test suite (free ports, so the
tests can run beside `make run`).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from local import emulators, issuer
from local.emulators import ROOT, Emulator
from local.tls import LokaleCa


@dataclass(frozen=True)
class Ports:
    blob: int
    cosmos: int
    host: int

    @classmethod
    def well_known(cls) -> Ports:
        return cls(blob=10000, cosmos=8081, host=7071)

    @classmethod
    def free(cls) -> Ports:
        return cls(emulators.free_port(), emulators.free_port(), emulators.free_port())


LOCAL_AUDIT_HASH_KEY = "local-development-audit-hash-key-not-a-secret"
"""Locally only; in Azure the key comes from Key Vault."""
LOCAL_VUM_OIN = "00000099000000000000"
"""Locally only: no organisation has this OIN (the bureau's real one is set in Azure)."""
TLS = "tls"
"""The workspace folder of the local CA (`local.tls`): locally, outage notices and VUM calls may
go to `https://localhost:…` whose certificate it signs (`shared.settings.storingen_test`)."""


def settings_for(ports: Ports, workspace: Path, database: str = "ibnext") -> dict[str, str]:
    """The app settings the function app reads, pointing at the local emulators and issuer."""
    return {
        "BlobStorage": emulators.blob_connection_string(ports.blob),
        "COSMOS_ENDPOINT": emulators.cosmos_endpoint(ports.cosmos),
        "COSMOS_KEY": emulators.COSMOS_KEY,
        "COSMOS_DATABASE": database,
        "AUTH_ISSUER": issuer.issuer_url(ports.host),
        "AUTH_AUDIENCE": issuer.AUDIENCE,
        "BURGER_ISSUER": issuer.issuer_url(ports.host),
        "BURGER_AUDIENCE": issuer.BURGER_AUDIENCE,
        "AUDIT_HASH_KEY": LOCAL_AUDIT_HASH_KEY,
        "LOCAL_ISSUER_KEYS": str(workspace / "issuer"),
        "STORINGEN_TESTHOSTS": "localhost",
        "VUM_OIN": LOCAL_VUM_OIN,
        "STORINGEN_TEST_CA": str(workspace / TLS / "ca.pem"),
    }


@dataclass
class Platform:
    ports: Ports
    workspace: Path
    azurite: Emulator = field(init=False)
    cosmos: Emulator = field(init=False)
    host: subprocess.Popen[bytes] | None = field(default=None, init=False)
    tls: LokaleCa | None = field(default=None, init=False)
    """The local CA and the certificate of `localhost` it signed, made at `start`."""

    def __post_init__(self) -> None:
        self.azurite = emulators.azurite(self.ports.blob, self.workspace / "azurite")
        self.cosmos = emulators.cosmos(self.ports.cosmos, self.workspace)

    @property
    def settings(self) -> dict[str, str]:
        return settings_for(self.ports, self.workspace)

    @functools.cached_property
    def local_issuer(self) -> issuer.LocalIssuer:
        return issuer.LocalIssuer(self.workspace / "issuer", issuer.issuer_url(self.ports.host))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.host}"

    def start(
        self, *, with_host: bool = True, seed: bool = False, host_output: int | None = None
    ) -> None:
        """Emulators, then the store provisioned (and seeded), and only then the host."""
        self.tls = LokaleCa.maak(self.workspace / TLS, "localhost")
        self.azurite.start()
        self.cosmos.start()
        emulators.wait_for_cosmos(self.ports.cosmos)
        if seed:
            self.provision_and_seed()
        else:
            self.provision()
        if with_host:
            self.start_host(host_output)

    def _run_with_settings(self, code: str) -> None:
        self.run_module("-c", code)

    def run_module(self, *argv: str) -> None:
        """`python {argv}` against this platform's store, as its host would run it."""
        environment = {**os.environ, **self.settings}
        subprocess.run([sys.executable, *argv], cwd=ROOT, env=environment, check=True)

    def provision(self) -> None:
        self._run_with_settings("from local.provision import provision; provision()")

    def provision_and_seed(self) -> None:
        """`provision`, then the local demo rights (see local/seed.py), in one interpreter:
        starting one costs more than either step."""
        self._run_with_settings(
            "from local.provision import provision; from local.seed import seed; "
            "provision(); seed()"
        )

    def registreer_vum_bron(self, oin: str, naam: str, url: str) -> None:
        """Register a bron the VUM exchange asks (`local.seed.registreer_vum_bron`)."""
        self._run_with_settings(
            f"from local.seed import registreer_vum_bron; "
            f"registreer_vum_bron({oin!r}, {naam!r}, {url!r})"
        )

    def bind_operator(
        self, bureau: str, client_id: str, van: datetime, tot: datetime | None = None
    ) -> None:
        """Bind an operator client to the local bureau as an administrator does: with
        data-plane access, never through the API (`shared.security.bootstrap`)."""
        command = [sys.executable, "-m", "shared.security.bootstrap", "operator"]
        command += ["--bureau", bureau, "--client", client_id, "--van", van.isoformat()]
        if tot is not None:
            command += ["--tot", tot.isoformat()]
        environment = {**os.environ, **self.settings}
        subprocess.run(command, cwd=ROOT, env=environment, check=True)

    def start_host(self, output: int | None = None) -> None:
        emulators.ensure_free(self.ports.host, "the Functions host")
        log = (self.workspace / "host.log").open("ab") if output is None else output
        self.host = subprocess.Popen(
            [sys.executable, "-m", "local.host", "--port", str(self.ports.host)],
            cwd=ROOT,
            env={**os.environ, **self.settings, "PYTHONUNBUFFERED": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        emulators.wait_for_port(self.ports.host, self.host)

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds until `/api/v1/status` answers 200."""
        started = time.monotonic()
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/status", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return time.monotonic() - started
            except OSError:
                pass
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"{self.url}/api/v1/status not healthy after {timeout}s")
            time.sleep(0.2)

    def stop(self) -> None:
        emulators.stop_process(self.host)
        self.cosmos.stop()
        self.azurite.stop()
