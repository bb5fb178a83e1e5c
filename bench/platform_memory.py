"""Benchmark: time to a healthy platform and the memory each of its processes holds.

Starts the platform as `make run` does (on free ports), waits for `/api/v1/status` to
answer 200, then reads the resident memory (VmRSS) of the host and both emulators.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from local.runtime import Platform, Ports


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    with tempfile.TemporaryDirectory() as workspace:
        platform = Platform(Ports.free(), Path(workspace))
        started = time.monotonic()
        try:
            platform.start()
            platform.wait_healthy()
            print(f"platform healthy after {time.monotonic() - started:.1f} s")
            processes = {
                "functions host (python)": platform.host,
                "azurite (node)": platform.azurite.process,
                "cosmos emulator (node)": platform.cosmos.process,
            }
            total = 0.0
            for name, process in processes.items():
                if process is None:
                    raise SystemExit(f"{name} did not start")
                memory = rss_mb(process.pid)
                total += memory
                print(f"  {name:26} {memory:7.1f} MB RSS")
            print(f"  {'total':26} {total:7.1f} MB RSS")
        finally:
            platform.stop()


if __name__ == "__main__":
    main()
