"""Putting a backup of a server's log back, by the app, into the database the
log is in: every counter then works on the restored log at once.

A backup here is pg_dump's (:mod:`models.server_backups`). Restoring one:

1. checks it is a backup of a complaint log, of a schema this version knows;
2. notes the highest reference given out each year, and which complaints were
   anonymised (erased on request, or by the retention rule);
3. keeps the log as it is now in ``backups/replaced-….pgdump`` (nothing is
   changed when that cannot be made);
4. puts the backup back with PostgreSQL's ``pg_restore --clean`` in one
   transaction: all of it, or, when anything fails, none of it;
5. brings it up to this version's schema, carries each year's reference
   counter above every number already given out (a reference is never given to
   a second complaint), anonymises again what had been anonymised, and tells
   every counter to read the log again (:mod:`models.live`).

``pg_restore`` connects as the app does; the password, if the address holds
one, goes in its environment, never on its command line. The extension the
search needs (``pg_trgm``) is left as it is: the app's role may not own it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from models.errors import StorageError
from models.partial_files import free_name
from models.references import format_reference, parse_reference

# How long pg_restore may wait for another counter's save to finish before it
# gives up (the log is then as it was): a save takes milliseconds.
LOCK_WAIT = "20s"
# How long counting the complaints in a backup may take, in seconds.
COUNT_SECONDS = 10.0
# One entry of a dump's table of contents: "286; 1255 16481 FUNCTION public
# event_append_only() shop", "3458; 0 16703 TABLE DATA public complaint shop".
# Its kind is in capitals, one word or more; then its schema ("-" for none).
# A sequence's value, as pg_restore writes it: its name and the value.
_SETVAL = re.compile(r"^SELECT pg_catalog\.setval\('(?:[^.']+\.)?([^']+)', (\d+), (true|false)\)")
_ENTRY = re.compile(r"^\s*\d+;\s+\d+\s+\d+\s+((?:[A-Z]+ )+)(\S+) (\S+)")


@dataclass(frozen=True)
class DumpContents:
    """What a backup of a server's log holds, as far as it can be read quickly."""

    complaints: int | None  # None: too many to count in COUNT_SECONDS
    newest: str | None  # the highest reference given out by then, "C-2026-0186"
    version: int | None  # of the log's schema (models.migrations)
    # The references of its complaints, and its first complaint (id, reference,
    # received), when they were counted.
    references: frozenset[str] = frozenset()
    first: tuple[int, str, dt.datetime] | None = None
    # The last timeline entry given a number by then: any later one is a change since.
    last_event: int | None = None

    def describe(self) -> str:
        """ "186 complaints, up to C-2026-0186" (for a list of backups)."""
        from models.display import count

        held = (
            "too many complaints to count quickly"
            if self.complaints is None
            else count(self.complaints, "complaint")
        )
        return f"{held}, up to {self.newest}" if self.newest else held


@dataclass(frozen=True)
class Against:
    """A backup beside the log in use: what restoring it would take away."""

    holds_now: int
    gone: tuple[str, ...]  # references in the log now that the backup does not hold
    changed: tuple[str, ...]  # references in both, changed since the backup was made
    far_fewer: bool  # none, or half as many or fewer: most of the log would go
    other_log: bool  # its first complaint is not the log's: a backup of another log

    def warnings(self) -> list[str]:
        """What the owner must read before restoring, one sentence each."""
        from models import display

        if self.other_log:
            return [
                "This backup is of another log: its first complaint is not this log's first "
                f"complaint. Every complaint in the log now ({self.holds_now:,}) would be "
                "replaced by that log's complaints."
            ]
        said = []
        if self.far_fewer:
            said.append(
                f"It holds far fewer complaints than the {self.holds_now:,} in the log now: "
                "restoring it takes most of them out."
            )
        if self.gone:
            said.append(
                f"{display.count(len(self.gone), 'complaint')} in the log now "
                f"{'is' if len(self.gone) == 1 else 'are'} not in it and would go: "
                f"{_named(self.gone)}."
            )
        if self.changed:
            said.append(
                f"{display.count(len(self.changed), 'complaint')} changed since (a note, an "
                "edit, a follow-up) would go back to how "
                f"{'it was' if len(self.changed) == 1 else 'they were'}: "
                f"{_named(self.changed)}."
            )
        return said


# Complaints named one by one in a warning; the rest are counted.
GONE_NAMED = 8


def _named(references: tuple[str, ...]) -> str:
    """ "C-2026-0004, C-2026-0007 and 3 more": the first GONE_NAMED, the rest counted."""
    from models import display

    named = [*references[:GONE_NAMED]]
    if len(references) > GONE_NAMED:
        named.append(f"{len(references) - GONE_NAMED:,} more")
    return display.listed(named)


def against_the_log(held: DumpContents) -> Against:
    """``held`` beside the log in use (open on the server)."""
    from models.backup_state import far_fewer
    from models.tables import Complaint, Event

    now = Complaint.select().count()
    gone: tuple[str, ...] = ()
    if held.complaints is not None:
        in_log = [c.reference for c in Complaint.select(Complaint.reference).order_by(Complaint.id)]
        gone = tuple(ref for ref in in_log if ref not in held.references)
    changed: tuple[str, ...] = ()
    if held.last_event is not None:
        since = Event.select(Event.complaint).where(Event.id > held.last_event)
        touched = Complaint.select(Complaint.reference).where(Complaint.id.in_(since))
        changed = tuple(
            c.reference for c in touched.order_by(Complaint.id) if c.reference not in gone
        )
    other = False
    if held.first is not None:
        number, reference, received = held.first
        mine = Complaint.get_or_none(Complaint.id == number)
        other = mine is not None and (mine.reference, mine.received_at) != (reference, received)
    fewer = held.complaints is not None and far_fewer(held.complaints, now)
    return Against(now, gone, changed, fewer, other)


def _tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise StorageError(
            f"Nothing was restored: PostgreSQL's {name} is not installed on this computer. "
            "Install PostgreSQL's client programs (Debian and Ubuntu: apt-get install "
            "postgresql-client; Windows and macOS: the PostgreSQL installer), then try again."
        )
    return tool


def _entry(line: str) -> tuple[str, str, str] | None:
    """(kind, schema, name) of a table-of-contents line; None for a comment line."""
    found = _ENTRY.match(line)
    return (found.group(1).strip(), found.group(2), found.group(3)) if found else None


def _log_schemas(lines: list[str]) -> set[str]:
    """The schemas in which the dump holds a complaint log's rows."""
    return {
        entry[1]
        for entry in map(_entry, lines)
        if entry is not None and entry[0] == "TABLE DATA" and entry[2] == "complaint"
    }


def _listing(source: Path) -> list[str]:
    """The dump's table of contents, one line per entry; StorageError when ``source``
    is not a backup of a complaint log made by pg_dump."""
    from models.server_backups import is_dump

    if not source.is_file():
        raise StorageError(f"Nothing was restored: {source} is not there.")
    if not is_dump(source):
        raise StorageError(
            f"Nothing was restored: {source.name} is not a backup made with File > Back up now "
            "of a log on a server."
        )
    done = subprocess.run(
        [_tool("pg_restore"), "--list", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not _log_schemas(lines):
        raise StorageError(
            f"Nothing was restored: {source.name} is damaged, or is not a backup of a "
            "complaint log."
        )
    return lines


def _copy_rows(
    source: Path, schema: str, *tables: str, timeout: float = 60.0
) -> dict[str, list[list[str]]]:
    """The rows of small ``tables`` in the dump, as text fields (pg_restore's COPY)."""
    command = [_tool("pg_restore"), "--data-only", "--file=-", f"--schema={schema}"]
    command += [f"--table={table}" for table in tables]
    done = subprocess.run(
        [*command, str(source)], capture_output=True, text=True, timeout=timeout, check=False
    )
    rows: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for line in done.stdout.splitlines():
        if current is None and line.startswith("COPY "):
            table = line.removeprefix("COPY ").split(" ", 1)[0].rsplit(".", 1)[-1]
            current = rows.setdefault(table, [])
        elif current is None and (found := _SETVAL.match(line)):
            # Not yet called: the value is the next to be given, not the last given.
            given = int(found.group(2)) - (found.group(3) == "false")
            rows.setdefault(found.group(1), []).append([str(given)])
        elif current is not None and line == "\\.":
            current = None
        elif current is not None:
            current.append(line.split("\t"))
    return rows


def _complaint_rows(
    source: Path, schema: str, seconds: float
) -> tuple[int, frozenset[str], tuple[int, str, dt.datetime] | None] | None:
    """How many complaints the dump holds, their references and the first of them
    (id, reference, received); None when reading them takes over ``seconds``."""
    command = [_tool("pg_restore"), "--data-only", "--file=-", f"--schema={schema}"]
    command += ["--table=complaint", str(source)]
    started = time.monotonic()
    rows, references, first = 0, set(), None
    columns: list[str] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as running:
        assert running.stdout is not None
        for line in running.stdout:
            if time.monotonic() - started > seconds:
                running.kill()
                return None
            line = line.rstrip("\n")
            if not columns:
                if line.startswith("COPY ") and line.split(" ", 2)[1].endswith(".complaint"):
                    columns = line[line.index("(") + 1 : line.index(")")].split(", ")
                continue
            if line == "\\.":
                break
            rows += 1
            cells = dict(zip(columns, line.split("\t"), strict=False))
            references.add(cells.get("reference", ""))
            row = _first_of(cells)
            if row is not None and (first is None or row[0] < first[0]):
                first = row
        running.kill()
    return rows, frozenset(references), first


def _first_of(cells: dict[str, str]) -> tuple[int, str, dt.datetime] | None:
    try:
        when = dt.datetime.fromisoformat(cells["received_at"])
        return int(cells["id"]), cells["reference"], when
    except (KeyError, ValueError):
        return None


def contents(
    source: Path, *, seconds: float = COUNT_SECONDS, schema: str | None = None
) -> DumpContents:
    """What ``source`` holds: its complaints, the newest reference, its schema's
    version. ``schema``: the PostgreSQL schema of the log in it, when the dump holds
    more than one (else the one it holds, "public" first)."""
    return _contents_of(source, _listing(source), schema, seconds)


def _contents_of(
    source: Path, lines: list[str], schema: str | None, seconds: float
) -> DumpContents:
    """:func:`contents`, the dump's table of contents (``lines``) read already."""
    found = sorted(_log_schemas(lines), key=lambda name: (name != "public", name))
    schema = schema if schema in found else found[0]
    rows = _copy_rows(source, schema, "reference_counter", "schema_version", "event_id_seq")
    last_event = next((int(row[0]) for row in rows.get("event_id_seq", [])), None)
    versions = [int(row[-1]) for row in rows.get("schema_version", []) if row[-1].isdigit()]
    counters = [
        (int(year), int(last))
        for year, last, *_ in rows.get("reference_counter", [])
        if year.isdigit() and last.isdigit() and int(last) > 0
    ]
    newest = format_reference(*max(counters)) if counters else None
    version = versions[0] if versions else None
    read = _complaint_rows(source, schema, seconds) if seconds > 0 else None
    if read is None:
        return DumpContents(None, newest, version, last_event=last_event)
    count, references, first = read
    numbers = [parsed for ref in references if (parsed := parse_reference(ref))]
    newest = format_reference(*max(numbers)) if numbers else None  # of a complaint it holds
    return DumpContents(count, newest, version, references, first, last_event)


def _given() -> dict[int, int]:
    """The highest reference number given out so far each year, in the log in use."""
    from models.db import database

    given: dict[int, int] = {}
    for query in (
        "SELECT year, last FROM reference_counter",
        "SELECT year, MAX(number) FROM complaint GROUP BY year",
    ):
        for year, number in database.execute_sql(query).fetchall():
            given[int(year)] = max(int(number or 0), given.get(int(year), 0))
    return given


def _anonymised() -> tuple[tuple[int, str, str], ...]:
    """The complaints anonymised in the log in use: (id, reference, received)."""
    from models.tables import Complaint

    query = Complaint.select(Complaint.id, Complaint.reference, Complaint.received_at).where(
        Complaint.anonymised_at.is_null(False)
    )
    return tuple((c.id, c.reference, str(c.received_at)) for c in query)


def _carry_references(given: dict[int, int]) -> None:
    """Each year's counter above every number given out before the restore."""
    from models.db import database

    for year, number in sorted(given.items()):
        database.execute_sql(
            "INSERT INTO reference_counter (year, last) VALUES (?, ?) "
            "ON CONFLICT (year) DO UPDATE SET last = GREATEST(reference_counter.last, "
            "excluded.last)",
            (year, number),
        )


def _restore_failed(said: str) -> str:
    if "lock timeout" in said.lower() or "canceling statement due to lock" in said.lower():
        return (
            "Nothing was restored: another counter was in the middle of saving and did not "
            "finish in time. The log is as it was; try again in a moment."
        )
    if "permission denied" in said.lower() or "must be owner" in said.lower():
        return (
            f"Nothing was restored: the server did not let the app's role replace the log "
            f"({said}). The log is as it was. The role the app uses must own the log's "
            "tables, as it does when the app made them."
        )
    return f"Nothing was restored: pg_restore stopped ({said}). The log is as it was."


def _put_back(source: Path, lines: list[str], address: str, schema: str) -> None:
    """``pg_restore --clean`` of the log in ``schema`` in ``source`` into the log at
    ``address``, in one transaction. Only that schema's tables, sequences, functions
    and the like are put back: not the schema itself, nor an extension (they belong
    to whoever made them, often not the app's role), nor anything else the database
    holds."""
    from models.server_backups import connection_for_tools, said_by_tool

    conninfo, env = connection_for_tools(address)
    options = env.get("PGOPTIONS", "")
    env["PGOPTIONS"] = f"{options} -c lock_timeout={LOCK_WAIT}".strip()
    with tempfile.TemporaryDirectory(prefix="complaint-desk-restore-") as folder:
        wanted = Path(folder) / "entries.list"
        kept = [line for line in lines if (_entry(line) or ("", "", ""))[1] == schema]
        wanted.write_text("\n".join(kept) + "\n", encoding="utf-8")
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--use-list={wanted}",
            f"--dbname={conninfo}",
            str(source),
        ]
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=3600, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise StorageError(
                "Nothing was restored: pg_restore took more than an hour and was stopped. "
                "The log is as it was."
            ) from exc
    if done.returncode != 0:
        raise StorageError(_restore_failed(said_by_tool(done.stderr, "pg_restore")))


def restore_dump(source: Path | str, *, by: str, now: dt.datetime | None = None) -> Path:
    """Put the backup ``source`` back into the log on the server the app is using,
    as ``by`` (the person at this counter, whom the other counters are told);
    return where the log it replaced was kept (a dump in ``backups/``)."""
    from models import live
    from models.anonymise import reapply_erasures
    from models.backups import backup_folder
    from models.db import database, server_database
    from models.migrations import LATEST_VERSION, migrate
    from models.server import where
    from models.server_backups import REPLACED, SUFFIX, dump_to

    db = server_database()
    if db is None:
        raise StorageError("Nothing was restored: the log is not kept on a server.")
    source = Path(source)
    lines = _listing(source)
    schema = str(database.execute_sql("SELECT current_schema()").fetchone()[0])
    if schema not in _log_schemas(lines):
        raise StorageError(
            f"Nothing was restored: {source.name} is a backup of a log kept elsewhere on the "
            f"server (in {', '.join(sorted(_log_schemas(lines)))}), not of this one."
        )
    version = _contents_of(source, lines, schema, 0.0).version
    if version is not None and version > LATEST_VERSION:
        raise StorageError(
            f"Nothing was restored: {source.name} was made by a newer version of Complaint "
            "Desk. Update the app on this computer first."
        )
    given, anonymised = _given(), _anonymised()
    folder = backup_folder()
    folder.mkdir(exist_ok=True, mode=0o700)
    aside = free_name(folder, f"{REPLACED}{(now or dt.datetime.now()):%Y%m%d-%H%M%S}", SUFFIX)
    try:
        dump_to(aside, db.address, where(db.parts))
    except StorageError as exc:
        said = str(exc).removeprefix("No backup was made: ")
        raise StorageError(
            f"Nothing was restored: the log as it is now could not be kept first ({said})"
        ) from exc
    _put_back(source, lines, db.address, schema)
    migrate(database.obj)
    with database.atomic():
        _carry_references(given)
        live.tell_restored(database.obj, source.name, by)
    reapply_erasures(anonymised_before=anonymised, now=now)
    return aside
