"""``redraft new submission``: start the file for a reply that has just arrived.

The scaffold holds every field of a submission, filled in from the call and the party, and a
commented template of one comment whose guideline and paragraph are real ids of the version
commented on.  Its ``text`` is left empty on purpose: until the editor pastes the reply in,
``redraft check`` reports that one line, so a half-logged reply cannot pass unnoticed.  Once the
text is in, the file is valid as it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from redraft.cli import main
from redraft.cli.options import exit_codes, root_options, usage_error

if TYPE_CHECKING:
    from redraft.kb.model import Call, KnowledgeBase, Party

F = TypeVar("F", bound=Callable[..., Any])


@main.group("new")
def new_group() -> None:
    """Start a new record from a template."""


def reply_options(command: F) -> F:
    """``--party``, ``--call`` and ``--received``: which reply, as every reply command asks."""
    command = click.option(
        "--received",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="The date the reply was received (YYYY-MM-DD); by default, today.",
    )(command)
    command = click.option(
        "--call", "call_id", required=True, metavar="ID", help="The call it replies to."
    )(command)
    return click.option(
        "--party", required=True, metavar="CODE", help="The party that replied (AUT)."
    )(command)


def reply_flags(command: F) -> F:
    """``--restricted`` and ``--next``, shared by the commands that start a reply's file."""
    command = click.option(
        "--next",
        "take_next",
        is_flag=True,
        help="If the party already has a reply to this call, write CODE-2.yml (or the next free).",
    )(command)
    return click.option("--restricted", is_flag=True, help="The reply is not for publication.")(
        command
    )


def reply_target(
    kb: KnowledgeBase, root: Path, party: str, call_id: str, take_next: bool
) -> tuple[Party, Call, str]:
    """The party, the call and the free file name (without ``.yml``) of a new reply; a usage
    error for an unknown party or call, or a party that already replied without ``--next``."""
    from redraft.kb.load import SUBMISSIONS_DIR, free_submission_stem

    code = party.upper()
    found_party = kb.party(code)
    if found_party is None:
        usage_error(f"unknown party '{party}' (not in comments/parties.yml)")
    call = kb.call(call_id)
    if call is None:
        known = ", ".join(c.id for c in kb.calls) or "none"
        usage_error(f"unknown call '{call_id}' (the calls are: {known})")
    stem, first_taken = free_submission_stem(root, call.id, code)
    if first_taken and not take_next:
        usage_error(
            f"{SUBMISSIONS_DIR}/{call.id}/{code}.yml exists; a second reply from {code} is "
            f"{code}-2.yml: rerun with --next to start it"
        )
    return found_party, call, stem


def _language(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not re.fullmatch(r"[a-z]{2}", value):
        raise click.BadParameter(f"'{value}' is not a two-letter language code such as en, fr, zh")
    return value


@new_group.command(
    "submission",
    epilog=exit_codes(
        ok="the file written",
        problems="not used",
        usage="usage error: an unknown party or call, or the file exists (nothing is written)",
    ),
)
@reply_options
@click.option(
    "--language",
    default="en",
    show_default=True,
    callback=_language,
    help="The language the reply is written in.",
)
@reply_flags
@root_options()
def submission_command(
    party: str,
    call_id: str,
    received: dt.datetime | None,
    language: str,
    restricted: bool,
    take_next: bool,
    root: Path,
) -> None:
    """Write comments/submissions/CALL/CODE.yml for a reply to fill in.

    Never overwrites: if the file exists, rerun with --next to start the party's next reply
    (CODE-2.yml).
    """
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.kb.atomic import create_exclusively
    from redraft.kb.load import SUBMISSIONS_DIR, load

    kb = load(root).kb
    found_party, call, stem = reply_target(kb, root, party, call_id, take_next)
    folder = root / SUBMISSIONS_DIR / call.id
    relative = f"{SUBMISSIONS_DIR}/{call.id}"
    day = received.date() if received else dt.date.today()
    text = scaffold(kb, found_party, call, day, language, restricted)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        create_exclusively(folder / f"{stem}.yml", text.encode("utf-8"))
    except FileExistsError:
        usage_error(f"{relative}/{stem}.yml was created meanwhile; rerun the command")
    click.echo(f"{relative}/{stem}.yml")
    click.echo(
        "Paste the reply as received into 'text', itemize its comments, then run `redraft check`.",
        err=True,
    )


def scaffold(
    kb: KnowledgeBase,
    party: Party,
    call: Call,
    received: dt.date,
    language: str,
    restricted: bool,
) -> str:
    """The text of a new submission file: every field, and a commented comment template."""
    from redraft.comments.ids import first_comment_id

    version = kb.version(call.version)
    on = version.label if version else call.version
    guideline = version.guidelines[0] if version and version.guidelines else None
    paragraph = guideline.text.paragraphs[0] if guideline and guideline.text.paragraphs else None
    # from this reply's own facts: a count of earlier comments would betray a restricted reply
    first_id = first_comment_id(party.code, received, (c.id for c in kb.comments()))
    visibility = "restricted" if restricted else "public"
    head = [
        f"# Reply of {party.name} to the call {call.id} (note verbale {call.reference} of",
        f"# {call.date}) on {on}.",
        "# Fields: docs/format.md.  The editor's guide: docs/comment-tracking.md.",
    ]
    fields: list[tuple[str, str]] = [
        (f"party: {party.code}", ""),
        (f"call: {call.id}", ""),
        (f"received: {received.isoformat()}", "the date the reply was received"),
        ("reference:", "the party's own reference (optional)"),
        (f"language: {language}", "the language the reply is written in"),
        (f"visibility: {visibility}", "public | restricted (never in a public build)"),
        ("# The reply exactly as received, in its original language.  Replace the", ""),
        ("# empty text below with a block, each line indented by two spaces:", ""),
        ("#   text: |", ""),
        ("#     The Permanent Mission ... presents its compliments ...", ""),
        ('text: ""', ""),
        ("# One entry per point of the reply.  For the first, replace [] below with", ""),
        ("# the template, removing the leading '#' of each of its lines.", ""),
        ("comments: []", ""),
        (f"#  - id: {first_id}", "unique across all submissions; the next ends -2"),
        (
            f"#    guideline: {guideline.id if guideline else 'GUIDELINE-ID'}",
            f"a guideline of {on}",
        ),
    ]
    if paragraph is not None:
        fields.append((f"#    paragraph: {paragraph.id}", "optional: the paragraph's id"))
    part = version.parts[0].id if version and version.parts else "PART-ID"
    fields += [
        ("#    # A general comment names, instead of guideline and paragraph, one of", ""),
        ("#    # about: document (the whole text), about: introduction (it may quote", ""),
        (f"#    # the introduction), or part: {part} (a part as a whole).", ""),
    ]
    fields += [
        ("#    quote: the words commented on", "optional: exactly as in the text"),
        ("#    type: technical", "general | technical | editorial"),
        ("#    text: >-", "the comment, in the language of the reply"),
        ("#      The comment.", ""),
        ("#    proposed: >-", "optional: the wording proposed"),
        ("#      The wording proposed.", ""),
        ("#    disposition: pending", "pending | accepted | partially-accepted |"),
        ("#", "not-accepted | noted"),
        ("#    rationale:", "the secretariat's reasons, once decided"),
        ("#    addressed_in:", "the version that reflects the decision"),
    ]
    width = max(len(text) for text, note in fields if note) + 2
    body = [f"{text:<{width}}# {note}" if note else text for text, note in fields]
    return "\n".join([*head, *body]) + "\n"
