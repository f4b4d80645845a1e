"""``redraft new call``: record the note verbale that invites comments on a released version."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from redraft.cli.editing import dry_run_option, finish, refusals
from redraft.cli.new import new_group
from redraft.cli.options import exit_codes, root_options, usage_error

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def party_codes(text: str) -> tuple[str, ...]:
    """``AUT,FRA`` or ``AUT FRA`` (any case) as the codes, in the order given, once each."""
    codes = [code.upper() for code in re.split(r"[\s,;]+", text) if code]
    return tuple(dict.fromkeys(codes))


@new_group.command(
    "call",
    epilog=exit_codes(
        ok="the call recorded (or, with --dry-run, shown)",
        problems="refused: the version is the working draft, the id is taken, or the result "
        "would not pass `redraft check` (nothing is written)",
        usage="usage error: an unknown version or party, a missing option",
    ),
)
@click.option(
    "--reference", required=True, help='The note verbale\'s reference ("CU 2026/12/DTA/CEB").'
)
@click.option("--date", "day", required=True, type=_DATE, help="The note's date (YYYY-MM-DD).")
@click.option(
    "--version",
    "version_id",
    required=True,
    metavar="VERSION",
    help="The released version comments are invited on (its id or symbol).",
)
@click.option("--deadline", required=True, type=_DATE, help="The deadline for replies.")
@click.option("--parties", metavar="CODES", help="Only these parties are invited (AUT,FRA).")
@click.option(
    "--all-parties", is_flag=True, help="Every party of type state is invited (the default)."
)
@click.option("--title", help="How the site names the call (optional).")
@click.option("--id", "call_id", metavar="ID", help="The call's id (default: <year>-nv).")
@dry_run_option
@root_options()
def call_command(
    reference: str,
    day: dt.datetime,
    version_id: str,
    deadline: dt.datetime,
    parties: str | None,
    all_parties: bool,
    title: str | None,
    call_id: str | None,
    dry_run: bool,
    root: Path,
) -> None:
    """Append a call for comments to comments/calls.yml.

    The version must be a released one: comments quote the text as circulated.  The rest of the
    file is left as it is, comments and layout included.
    """
    from redraft.editing.calls import NewCall, add_call, released_version
    from redraft.editing.changeset import Changeset
    from redraft.kb.load import load

    if parties is not None and all_parties:
        usage_error("--parties and --all-parties contradict each other")
    kb = load(root).kb
    invited = None
    if parties is not None:
        invited = party_codes(parties)
        unknown = [code for code in invited if kb.party(code) is None]
        if not invited or unknown:
            usage_error(
                f"unknown party '{unknown[0] if unknown else parties}' "
                "(not in comments/parties.yml)"
            )
    request = NewCall(
        reference=" ".join(reference.split()),
        date=day.date(),
        version=version_id,
        deadline=deadline.date(),
        invited=invited,
        title=" ".join(title.split()) if title else None,
        id=call_id,
    )
    changeset = Changeset(root)
    with refusals():
        new_id = add_call(changeset, kb, request)
    outcome = finish(changeset, dry_run=dry_run)
    version = released_version(kb, version_id)
    if outcome.changes and version is not None:
        wrote = "would record" if dry_run else "recorded"
        click.echo(
            f"{wrote} call {new_id}: {request.reference} of {request.date} on {version.label}, "
            f"deadline {request.deadline}",
            err=dry_run,
        )
