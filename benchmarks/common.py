"""Shared helpers for the benchmark scripts: a 100,000-complaint log, timing, and
the check that a PostgreSQL server given to a benchmark is on this computer."""

from __future__ import annotations

import ipaddress
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = Path(os.environ.get("COMPLAINT_DESK_BENCH_DIR", ROOT / "bench-data"))
LOG_SIZE = 100_000

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def big_log(size: int = LOG_SIZE) -> tuple[Path, float | None]:
    """A data folder holding ``size`` sample complaints; (folder, seconds to build or None)."""
    # Named after the schema version, so a log built by older code is rebuilt.
    from models.migrations import LATEST_VERSION

    folder = BENCH_DATA / f"log-{size}-v{LATEST_VERSION}"
    marker = folder / "complete"
    if marker.exists():
        return folder, None
    if folder.exists():
        for child in folder.iterdir():
            if child.is_file():
                child.unlink()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(folder), "demo",
         "--complaints", str(size), "--seed", "1"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    marker.write_text(f"{seconds:.2f}\n")
    return folder, seconds


def summary(label: str, samples_ms: list[float], target: str = "") -> str:
    samples = sorted(samples_ms)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    line = (
        f"{label}: median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms, "
        f"max {samples[-1]:.1f} ms (n={len(samples)})"
    )
    return f"{line}  [target {target}]" if target else line


# --- only a server on this computer ---------------------------------------------------

SERVER_ENV = "COMPLAINT_DESK_TEST_SERVER"
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def private_home(prefix: str) -> Path:
    """A temporary home for a benchmark's own windows and commands: nothing of the
    person running it is read or written (a server address may still use their
    ~/.pgpass and pg_service.conf)."""
    import tempfile

    private = Path(tempfile.mkdtemp(prefix=prefix))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(private / variable.lower())
    os.environ.pop("COMPLAINT_DESK_DATABASE", None)
    return private


def remote_host(address: str) -> str | None:
    """The first host ``address`` (with PGHOST, PGHOSTADDR) names that is not on this
    computer, or None."""
    from models.server import parse_address

    parts = parse_address(address)
    named = [
        parts.get("host") or os.environ.get("PGHOST", ""),
        parts.get("hostaddr") or os.environ.get("PGHOSTADDR", ""),
    ]
    for host in (h.strip() for each in named for h in each.split(",")):
        if host and not host.startswith(("/", "@")) and host.lower() not in LOCAL_NAMES:
            return host
    return None


def check_connected_locally(connection: Any, who: str) -> None:
    """Refuse a connection that reached a server elsewhere (a service file can name
    any host): the server's own address must be its socket or a loopback one."""
    (server_addr,) = connection.execute("SELECT host(inet_server_addr())").fetchone()
    if server_addr is not None and not ipaddress.ip_address(server_addr).is_loopback:
        raise SystemExit(f"{who}: refused: the server is at {server_addr}, not here")
