"""``complaint-desk letter REF``: write a complaint's letter as a PDF and keep it.

The letter is kept with the complaint and marks its deadlines done, as the
window's *Make letter* does. ``-o -`` writes a preview to standard output:
nothing is kept and no deadline is marked done. A letter with a part still to
fill in, or words the wording check flags (without ``--send-anyway``), is not
made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letters.compose import LetterText

NAME = "letter"
HELP = "write a letter about a complaint as a PDF (and keep a copy with the complaint)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "reference", metavar="REF", help="the complaint's reference, e.g. C-2026-0042"
    )
    parser.add_argument(
        "--kind",
        choices=("acknowledgement", "confirmation", "final"),
        default="confirmation",
        help="default: confirmation",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it (default: REF-KIND.pdf here); - writes a preview to standard "
        "output, not kept with the complaint and marking no deadline done",
    )
    parser.add_argument(
        "--send-anyway",
        metavar="REASON",
        default="",
        help="make it even though the wording check found words that admit fault, for this reason",
    )


def _unused_name(folder: Path, stem: str) -> Path:
    for number in range(1, 1000):
        path = folder / (f"{stem}.pdf" if number == 1 else f"{stem}-{number}.pdf")
        if not path.exists():
            return path
    raise FileExistsError(folder / f"{stem}.pdf")


def _letter(args: argparse.Namespace) -> tuple[int, LetterText, bytes]:
    """The complaint's id, and its letter drafted, checked and rendered."""
    from letters.compose import LetterText, make_pdf
    from models.business import load_letterhead
    from models.complaints import find_by_reference
    from models.errors import ComplaintDeskError
    from models.letter_drafts import draft_letter, placeholders_left
    from models.letter_records import flagged_words, needs_reason, wording_findings

    complaint = find_by_reference(args.reference)
    if complaint is None:
        raise ComplaintDeskError(f"There is no complaint with the reference {args.reference}.")
    profile = load_letterhead()
    if profile is None:
        raise ComplaintDeskError(
            "Set up the business profile (the letterhead) first: open the app and choose "
            "Edit > Business profile."
        )
    draft = draft_letter(complaint.id, args.kind, profile)
    left = placeholders_left(draft.subject, draft.body)
    if left:
        raise ComplaintDeskError(
            f"The {args.kind} letter still has “{left[0]}” to fill in, so it was not made: "
            "record that on the complaint in the app, or write the letter there."
        )
    findings = wording_findings(draft.subject, draft.body, complaint.fault)
    if needs_reason(findings, complaint.fault) and not args.send_anyway.strip():
        raise ComplaintDeskError(
            "The wording check found "
            f"{flagged_words(draft.subject, draft.body, complaint.fault)} in the letter that may"
            " admit fault; edit it in the "
            "app, or pass --send-anyway REASON."
        )
    text = LetterText(
        kind=draft.kind,
        reference=draft.reference,
        recipient_name=draft.recipient_name,
        recipient_address=draft.recipient_address,
        salutation=draft.salutation,
        subject=draft.subject,
        body=draft.body,
        signer=draft.signer,
    )
    return complaint.id, text, make_pdf(profile, text)


def _write(output: Path, pdf: bytes) -> None:
    """Write the PDF to ``output``; a full disk or a folder that cannot be written is
    one sentence, and a file left half written is removed."""
    from models.errors import StorageError
    from models.os_errors import describe_os_error

    try:
        with output.open("wb") as handle:
            try:
                handle.write(pdf)
            except OSError:
                handle.close()
                output.unlink(missing_ok=True)
                raise
    except OSError as exc:
        made = "so the letter was not made"
        raise StorageError(describe_os_error(exc, output.parent, made)) from exc


def run(args: argparse.Namespace) -> int:
    from models.letter_records import save_letter
    from models.settings import user_name

    complaint_id, text, pdf = _letter(args)
    if args.output == "-":
        # A preview: nothing is kept with the complaint and no deadline is marked done.
        sys.stdout.buffer.write(pdf)
        sys.stdout.flush()
        return 0
    output = (
        Path(args.output)
        if args.output
        else _unused_name(Path.cwd(), f"{text.reference}-{args.kind}")
    )
    _write(output, pdf)
    try:
        kept = save_letter(
            complaint_id, args.kind, text.subject, text.body, pdf,
            author=user_name(), override_reason=args.send_anyway,
        )  # fmt: skip
    except BaseException:
        output.unlink(missing_ok=True)  # not kept, so not made
        raise
    print(f"Wrote {output} ({len(pdf):,} bytes); a copy is kept as {kept.file_name}.")
    return 0
