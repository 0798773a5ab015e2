"""What checking a file to import found (:class:`ImportPlan`), and what
importing it did (:class:`ImportResult`), with the words that sum them up."""

from __future__ import annotations

from dataclasses import dataclass, field

from models import display
from models.import_mapping import ColumnMapping
from models.log_csv_file import Place, row_of
from models.log_csv_rows import ImportRow

# Rows named one by one in a note; the rest are counted.
ROWS_NAMED = 20


# --- the plan ---------------------------------------------------------------


def counts(complaints: int, new_customers: int, matched: int, categories: int, causes: int) -> str:
    return ", ".join(
        (
            display.count(complaints, "complaint"),
            display.count(new_customers, "new customer"),
            display.count(matched, "returning customer") + " matched",
            display.count(categories, "new category", "new categories"),
            display.count(causes, "new root cause"),
        )
    )


def rows_named(places: list[Place]) -> str:
    """``row 5``, ``rows 5 and 9``, ``rows 5, 9 and 58``, ``rows 2, 3, … and 40 more``."""
    named = [str(p.row) for p in places[:ROWS_NAMED]]
    if len(places) > ROWS_NAMED:
        named.append(f"{len(places) - ROWS_NAMED:,} more")
    return f"{display.plural(len(places), 'row')} {display.listed(named)}"


@dataclass
class ImportPlan:
    """What :func:`read_log` found: the rows, or the problems that stop an import."""

    source: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The fields the file's columns fill (names from COLUMNS), in the file's order;
    # "notes" last when columns are added to the notes.
    columns: list[str] = field(default_factory=list)
    # The first rows as found, keyed by column, with "row" (and "line") first.
    preview: list[dict[str, str]] = field(default_factory=list)
    # Rows already in the log, skipped.
    skipped: list[Place] = field(default_factory=list)
    encoding: str = "UTF-8"
    delimiter: str = ","
    new_customers: int = 0
    matched_customers: int = 0
    new_categories: list[str] = field(default_factory=list)
    new_root_causes: list[str] = field(default_factory=list)
    # Open complaints whose deadlines would already be past (due after the import instead).
    old_open: int = 0
    # How the file's columns were read.
    mapping: ColumnMapping | None = None
    # Rows with problems that the owner chose to leave out, and those problems.
    left_out: list[Place] = field(default_factory=list)
    left_out_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem_rows(self) -> set[int]:
        """The spreadsheet rows that have a problem."""
        return {row_of(problem) for problem in self.problems} - {0}

    @property
    def rows_can_be_left_out(self) -> bool:
        """Every problem is a row's own (none is the file's as a whole), and some
        rows have none: the rest could be imported without those rows."""
        if not self.problems or any(row_of(problem) == 0 for problem in self.problems):
            return False
        bad = self.problem_rows
        return any(row.place.row not in bad for row in self.rows)

    def left_out_words(self) -> str:
        """``3 rows with problems left out (rows 5, 9 and 58)``; "" when none was."""
        if not self.left_out:
            return ""
        return (
            f"{display.count(len(self.left_out), 'row')} with problems left out "
            f"({rows_named(self.left_out)})"
        )

    def summary(self) -> str:
        """``120 complaints, 90 new customers, 3 returning customers matched, ...``"""
        text = counts(
            len(self.rows),
            self.new_customers,
            self.matched_customers,
            len(self.new_categories),
            len(self.new_root_causes),
        )
        if self.skipped:
            text += f"; {display.count(len(self.skipped), 'row')} already in the log skipped"
        if self.left_out:
            text += f"; {self.left_out_words()}"
        return text


@dataclass(frozen=True)
class ImportResult:
    complaints: int
    new_customers: int
    matched_customers: int
    new_categories: tuple[str, ...]
    new_root_causes: tuple[str, ...]
    complaint_ids: tuple[int, ...] = ()
    skipped: int = 0
    left_out: str = ""  # the rows with problems left out, in words (ImportPlan.left_out_words)

    def summary(self) -> str:
        text = counts(
            self.complaints,
            self.new_customers,
            self.matched_customers,
            len(self.new_categories),
            len(self.new_root_causes),
        )
        if self.skipped:
            text += f"; {display.count(self.skipped, 'row')} already in the log skipped"
        if self.left_out:
            text += f"; {self.left_out}"
        return text
