"""Start and stop the npm emulators on loopback: Azurite (Blob) and the Cosmos DB emulator."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_BIN = ROOT / "node_modules" / ".bin"

# The well-known development keys of Azurite and the Cosmos DB emulator: public, local only.
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
COSMOS_KEY = (
    "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PortInUse(RuntimeError):
    pass


def ensure_free(port: int, what: str) -> None:
    """Refuse to start on a busy port: we would otherwise talk to someone else's process."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is not in use
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortInUse(
                f"port {port} for {what} is in use (is `make run` already running?)"
            ) from error


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def stop_process(process: subprocess.Popen[bytes] | None, grace_seconds: float = 10) -> None:
    """Ask a process to stop; kill it if it has not within the grace period."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Emulator:
    name: str
    port: int
    command: list[str]
    log_path: Path
    environment: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        ensure_free(self.port, self.name)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env={**os.environ, **self.environment},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process)

    def stop(self) -> None:
        stop_process(self.process)

    def kill(self) -> None:
        """Stop abruptly, as a crashed dependency would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def azurite(port: int, workspace: Path) -> Emulator:
    workspace.mkdir(parents=True, exist_ok=True)
    command = [
        str(NODE_BIN / "azurite-blob"),
        "--blobHost", "127.0.0.1",
        "--blobPort", str(port),
        "--location", str(workspace),
        "--silent",
        "--disableTelemetry",
        "--skipApiVersionCheck",
        "--loose",
    ]  # fmt: skip
    # Its telemetry library (off, see package.json) would still hook `require` and the
    # console when loaded, unless told not to.
    quiet = {"APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL": "1"}
    return Emulator("azurite", port, command, workspace / "azurite.log", quiet)


def cosmos(port: int, log_dir: Path) -> Emulator:
    command = ["node", str(ROOT / "local" / "cosmos_emulator.js"), str(port)]
    return Emulator("cosmos", port, command, log_dir / "cosmos.log")


def blob_connection_string(port: int) -> str:
    return (
        f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};AccountKey={AZURITE_KEY};"
        f"BlobEndpoint=http://127.0.0.1:{port}/{AZURITE_ACCOUNT};"
    )


def cosmos_endpoint(port: int) -> str:
    return f"https://127.0.0.1:{port}"


def cosmos_tls() -> ssl.SSLContext:
    """TLS to the emulator, which serves a self-signed certificate on loopback only."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def wait_for_cosmos(port: int, timeout: float = 30) -> None:
    """The emulator answers its account endpoint (listening is not yet serving)."""
    context = cosmos_tls()
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(cosmos_endpoint(port), context=context, timeout=2)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return  # it answered: unauthenticated, but serving
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
