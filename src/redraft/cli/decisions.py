"""``redraft dispose`` and ``redraft retarget``: the secretariat's decisions on comments.

Both take comment ids as ``redraft status`` shows them, edit the submission files that hold the
comments (nothing else in them changes), refuse a result that ``redraft check`` would refuse, and
print one line per comment saying what changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from redraft.cli import main
from redraft.cli.editing import dry_run_option, finish, refusals
from redraft.cli.options import exit_codes, root_options, usage_error
from redraft.kb.model import DRAFT, Disposition

_REFUSED = (
    "refused: the result would not pass `redraft check` (e.g. addressed_in not later than the "
    "version commented on, a quote not in the passage); nothing is written"
)


def _report(lines: list[str], *, dry_run: bool, written: bool) -> None:
    if not (written or dry_run):
        return
    for line in lines:
        click.echo(f"would record {line}" if dry_run else line, err=dry_run)


@main.command(
    "dispose",
    epilog=exit_codes(
        ok="the decision recorded (or, with --dry-run, shown)",
        problems=_REFUSED,
        usage="usage error: an unknown comment or version, no decision or two",
    ),
)
@click.argument("comment_ids", nargs=-1, required=True, metavar="COMMENT-ID...")
@click.option("--accepted", is_flag=True, help="Accepted.")
@click.option("--partially-accepted", is_flag=True, help="Partly accepted.")
@click.option("--not-accepted", is_flag=True, help="Not accepted.")
@click.option("--noted", is_flag=True, help="Noted (nothing to decide).")
@click.option("--pending", is_flag=True, help="Undecided again (drops addressed_in).")
@click.option("--rationale", metavar="TEXT", help="The secretariat's reasons.")
@click.option(
    "--addressed-in",
    metavar="VERSION",
    help="The version that reflects the decision; `draft` while revising (the release names it).",
)
@dry_run_option
@root_options()
def dispose_command(
    comment_ids: tuple[str, ...],
    accepted: bool,
    partially_accepted: bool,
    not_accepted: bool,
    noted: bool,
    pending: bool,
    rationale: str | None,
    addressed_in: str | None,
    dry_run: bool,
    root: Path,
) -> None:
    """Record the secretariat's decision on one or more comments.

    `redraft release` turns `--addressed-in draft` into the released version's id.
    """
    from redraft.editing.changeset import Changeset
    from redraft.editing.decisions import Decision, dispose
    from redraft.kb.load import load

    flags: dict[Disposition, bool] = {
        "accepted": accepted,
        "partially-accepted": partially_accepted,
        "not-accepted": not_accepted,
        "noted": noted,
        "pending": pending,
    }
    chosen = [name for name, given in flags.items() if given]
    if len(chosen) != 1:
        usage_error(
            "say the decision, once: --accepted, --partially-accepted, --not-accepted, --noted "
            "or --pending"
            + (f" (given: {', '.join('--' + name for name in chosen)})" if chosen else "")
        )
    disposition = chosen[0]
    if disposition == "pending" and addressed_in is not None:
        usage_error("a pending comment is addressed in no version: drop --addressed-in")
    if rationale is not None and not rationale.strip():
        usage_error("--rationale is empty")
    kb = load(root).kb
    changeset = Changeset(root)
    with refusals():
        lines = dispose(changeset, kb, comment_ids, Decision(disposition, rationale, addressed_in))
    outcome = finish(changeset, dry_run=dry_run)
    _report(lines, dry_run=dry_run, written=outcome.written)


@main.command(
    "retarget",
    epilog=exit_codes(
        ok="the retarget recorded (or, with --dry-run, shown)",
        problems=_REFUSED,
        usage="usage error: an unknown comment, version, guideline or paragraph; no --by "
        "outside git",
    ),
)
@click.argument("comment_id", metavar="COMMENT-ID")
@click.option(
    "--to",
    "to",
    required=True,
    metavar="GUIDELINE[/PARAGRAPH]",
    help="Where the comment now belongs: a guideline's id or number, and a paragraph's id or "
    "label (7/b, sale-before-confiscation/(b)).",
)
@click.option(
    "--version",
    "version_id",
    default=DRAFT,
    show_default=True,
    metavar="VERSION",
    help="The version it belongs to there; `draft` is named by the next release.",
)
@click.option("--quote", metavar="TEXT", help="The words it is about in that paragraph.")
@click.option("--note", metavar="TEXT", help="Why (shown to the editors).")
@click.option("--by", metavar="NAME", help="Who decided (default: git's user.name).")
@dry_run_option
@root_options()
def retarget_command(
    comment_id: str,
    to: str,
    version_id: str,
    quote: str | None,
    note: str | None,
    by: str | None,
    dry_run: bool,
    root: Path,
) -> None:
    """Record that a comment now belongs to another guideline or paragraph.

    Today's date and the editor's name are recorded with it.
    """
    from redraft.editing.changeset import Changeset
    from redraft.editing.decisions import RetargetRequest, git_user_name, retarget
    from redraft.kb.load import load

    who = " ".join(by.split()) if by is not None else git_user_name(root)
    if not who:
        usage_error("who decided? pass --by NAME (git gives no user.name here)")
    request = RetargetRequest(
        to=to, version=version_id, by=who, date=dt.date.today(), quote=quote, note=note
    )
    kb = load(root).kb
    changeset = Changeset(root)
    with refusals():
        line = retarget(changeset, kb, comment_id, request)
    outcome = finish(changeset, dry_run=dry_run)
    _report([line], dry_run=dry_run, written=outcome.written)
