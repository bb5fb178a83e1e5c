"""`make run`: start the whole platform locally and keep it running until Ctrl-C."""

from __future__ import annotations

import signal
import sys
import time

from local.emulators import ROOT, PortInUse
from local.runtime import Platform, Ports
from local.vumbron import ReferentieBron
from local.world import PEILDATUM, load_world, wait_until_published
from shared.bronnen.catalogus import CATALOGUS


def wait_for_stop(platform: Platform) -> int:
    stop_requested = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop_requested:
        if platform.host is not None and platform.host.poll() is not None:
            print("de Functions host is gestopt", file=sys.stderr)
            return 1
        time.sleep(0.5)
    return 0


VUM_BRONNEN = {
    "00000099000100000001": "Lokale VUM-bron 1 (synthetisch)",
    "00000099000100000002": "Lokale VUM-bron 2 (synthetisch)",
}


def _vum_bronnen(platform: Platform) -> list[ReferentieBron]:
    """Two reference bronnen, served from this process and registered for both domains."""
    if platform.tls is None:
        raise RuntimeError("het platform is nog niet gestart")
    bronnen = []
    for seed, (oin, naam) in enumerate(VUM_BRONNEN.items(), start=1):
        bron = ReferentieBron(oin, platform.tls, seed=seed)
        platform.registreer_vum_bron(oin, naam, bron.url)
        bronnen.append(bron)
    return bronnen


def main() -> int:
    platform = Platform(Ports.well_known(), ROOT / ".local")
    started = time.monotonic()
    try:
        print("IB-Next lokaal: emulators starten …", flush=True)
        platform.start(seed=True, host_output=sys.stdout.fileno())
        platform.wait_healthy()
        print("synthetische wereld laden …", flush=True)
        synth = load_world(platform)
        wait_until_published(platform)
        bronnen = _vum_bronnen(platform)
        print(
            f"""
IB-Next draait (gezond na {time.monotonic() - started:.1f}s):
  Functions host   {platform.url}/api/v1/status
  OpenAPI          {platform.url}/api/v1/openapi.json
  Blob (Azurite)   http://127.0.0.1:{platform.ports.blob}/devstoreaccount1  (data in .local/azurite)
  Cosmos emulator  https://127.0.0.1:{platform.ports.cosmos}  (in memory)
Bronnen:           {len(CATALOGUS)} bronnen ingelezen uit {synth} (peildatum {PEILDATUM})
VUM:               {platform.url}/api/vum/v3  ({len(bronnen)} lokale bronnen, local/vumbron.py)
Token (gemeente):  make token ORG=GM0363   (ook GM0344, WS0155)
Token (beheer):    make token ORG=IB0001 ROLES=autorisatiebeheer   (of beheer, inzage)
Een bestand aanleveren: zie README.md. Stoppen: Ctrl-C.
""",
            flush=True,
        )
        return wait_for_stop(platform)
    except PortInUse as error:
        print(f"kan niet starten: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        print("\nIB-Next stoppen …", flush=True)
        platform.stop()
        print("gestopt.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
