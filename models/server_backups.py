"""Backups of a log kept on a PostgreSQL server: PostgreSQL's own ``pg_dump``,
in its custom format, into ``backups/`` in the data folder (or where the owner
says), when ``pg_dump`` is installed on this computer.

``pg_dump`` connects as the app does (the same address, ``PGHOST`` and the like,
``pg_service.conf``, ``~/.pgpass``); a password given in the address is handed
to it in its environment, never on its command line, where other users of the
computer could read it. The dump is written under a temporary name, read back
with ``pg_restore --list`` when that is installed, and renamed only then.

Such a dump is put back by the app, into the log on the server, with
PostgreSQL's ``pg_restore`` (:mod:`models.server_restore`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import StorageError
from models.partial_files import partial_path, remove_partial

SUFFIX = ".pgdump"
PREFIX = "complaints-"
# The start of every file pg_dump writes in its custom format.
MAGIC = b"PGDMP"
_DUMP_NAME = re.compile(r"^complaints-\d{8}-\d{6}\.pgdump$")
# The log as it was before a restore put a backup back (models.server_restore).
REPLACED = "replaced-"
_REPLACED_NAME = re.compile(r"^replaced-(\d{8}-\d{6})(-\d+)?\.pgdump$")
# How long a dump may take before it is given up, in seconds.
TIMEOUT = 3600


def is_dump(path: Path) -> bool:
    """True when ``path`` is a file pg_dump wrote in its custom format."""
    try:
        with path.open("rb") as file:
            return file.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def restore_advice(path: Path | str = "FILE") -> str:
    """How to put back a dump of a server log: one sentence."""
    return (
        "open the log on its server (Edit > Preferences > A PostgreSQL server) and "
        "choose File > Restore from backup there, or run complaint-desk --database "
        f"ADDRESS restore {path}"
    )


def _no_tool() -> StorageError:
    return StorageError(
        "No backup was made: the log is kept on a PostgreSQL server, and PostgreSQL's "
        "backup program pg_dump is not installed on this computer. Install PostgreSQL's "
        "client programs (Debian and Ubuntu: apt-get install postgresql-client; Windows "
        "and macOS: the PostgreSQL installer), or back the server up where it runs "
        "(pg_dump there, or the backups the server already makes)."
    )


def connection_for_tools(address: str) -> tuple[str, dict[str, str]]:
    """The address for pg_dump's command line without any password, and the
    environment that carries the password, if the address held one."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parts: dict[str, Any] = dict(conninfo_to_dict(address.strip()))
    password = parts.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    parts.setdefault("connect_timeout", "10")
    parts.setdefault("application_name", "complaint-desk backup")
    return make_conninfo("", **parts), env


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def said_by_tool(output: str, tool: str = "pg_dump") -> str:
    """The tool's reason, in one line: the first error it gave (what follows it is
    often only where it stopped), else its last line."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if re.match(rf"^{tool}: error: ", line)]
    said = errors[0] if errors else lines[-1] if lines else "it stopped without saying why"
    said = re.sub(rf"^{tool}: (error: )?", "", said)
    said = re.sub(r"^(could not execute query|from TOC entry [^:]*): ", "", said)
    return re.sub(r"^ERROR:\s+", "", said)[:300]


def dump_to(target: Path, address: str, place: str) -> None:
    """Write a dump of the log at ``address`` to ``target`` (a new file)."""
    tool = shutil.which("pg_dump")
    if tool is None:
        raise _no_tool()
    conninfo, env = connection_for_tools(address)
    partial = partial_path(target)
    remove_partial(partial)
    command = [tool, "--format=custom", "--no-password", f"--file={partial}", conninfo]
    try:
        done = _run(command, env)
        if done.returncode != 0:
            raise StorageError(_failed(done.stderr, place))
        _check(partial, env)
        partial.replace(target)
    except subprocess.TimeoutExpired as exc:
        raise StorageError(
            f"No backup was made: pg_dump took more than {TIMEOUT // 60} minutes on the log "
            f"on the server ({place}) and was stopped."
        ) from exc
    except OSError as exc:
        from models.os_errors import describe_os_error

        raise StorageError(describe_os_error(exc, target.parent, "so no backup was made")) from exc
    finally:
        remove_partial(partial)


def _failed(stderr: str, place: str) -> str:
    said = said_by_tool(stderr)
    if "version mismatch" in said:
        return (
            f"No backup was made: pg_dump on this computer is older than the server ({said}). "
            "Install PostgreSQL's client programs of the server's version or newer."
        )
    lowered = said.lower()
    if any(
        words in lowered
        for words in ("connection refused", "could not connect", "no such file or directory",
                      "server closed the connection", "timeout expired", "is the server running")
    ):  # fmt: skip
        return (
            f"No backup was made: the server ({place}) cannot be reached just now. Back up "
            "again once it is back (the banner in the window goes when it is)."
        )
    if "password" in said.lower():
        return (
            f"No backup was made: the server ({place}) refused pg_dump ({said}). Keep the "
            "password in ~/.pgpass (or a service file's passfile), where pg_dump finds it too."
        )
    return f"No backup was made: pg_dump could not back up the log on the server ({place}): {said}."


def _check(partial: Path, env: dict[str, str]) -> None:
    """Read the dump back with pg_restore --list (when installed)."""
    if not is_dump(partial):
        raise StorageError("No backup was made: what pg_dump wrote is not a dump it can read.")
    tool = shutil.which("pg_restore")
    if tool is None:
        return
    done = _run([tool, "--list", str(partial)], env)
    if done.returncode != 0 or "TABLE DATA" not in done.stdout:
        raise StorageError(
            f"No backup was made: the dump pg_dump wrote could not be read back "
            f"({said_by_tool(done.stderr) if done.returncode else 'it holds no tables'})."
        )


def make_dump(folder: Path, destination: Path | None, now: dt.datetime) -> Path:
    """A dump of the open server log: into ``folder`` (``backups/``, created if
    missing, then rotated to the newest ``keep``), or to ``destination``."""
    from models.db import database
    from models.server import where

    db = database.obj
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    target = destination if destination is not None else folder / name
    if destination is None:
        folder.mkdir(exist_ok=True, mode=0o700)
        while target.exists():  # one made in the same second: the next second's name
            now += dt.timedelta(seconds=1)
            target = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    if target.exists():
        raise StorageError(f"{target} already exists; choose another name.")
    dump_to(target, db.address, where(db.parts))
    return target


@dataclass(frozen=True)
class Dump:
    path: Path
    made_at: dt.datetime
    before_restore: bool = False  # the log kept as it was before a restore


def dumps(folder: Path, *, replaced: bool = False) -> list[Dump]:
    """The dumps the app made in ``folder``, newest first; with ``replaced``, also
    the logs kept as they were before a restore."""
    found = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else []:
        if _DUMP_NAME.match(path.name):
            stamp = path.name.removeprefix(PREFIX).removesuffix(SUFFIX)
            found.append(Dump(path, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")))
        elif replaced and (kept := _REPLACED_NAME.match(path.name)):
            found.append(Dump(path, dt.datetime.strptime(kept.group(1), "%Y%m%d-%H%M%S"), True))
    return sorted(found, key=lambda dump: (dump.made_at, dump.path.name), reverse=True)


def dump_times(folder: Path) -> list[dt.datetime]:
    """When each dump the app made in ``folder`` was made, newest first."""
    return [dump.made_at for dump in dumps(folder)]


def rotate_dumps(folder: Path, keep: int) -> list[Path]:
    """Delete the dumps in ``folder`` beyond the newest ``keep`` (only those the app
    named itself); return what was deleted."""
    dumps = sorted(
        (path for path in folder.glob(f"{PREFIX}*{SUFFIX}") if _DUMP_NAME.match(path.name)),
        key=lambda path: path.name,
        reverse=True,
    )
    removed = []
    for old in dumps[keep:]:
        if old.is_file() and not old.is_symlink():
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed
