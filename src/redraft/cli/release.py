"""``redraft release`` (freeze the draft as a version) and ``redraft seal`` (record the hash of a
version released before the knowledge base used Redraft)."""

from __future__ import annotations

from pathlib import Path

import click

from redraft.cli import main
from redraft.cli.options import exit_codes, fail, root_options, usage_error


@main.command(
    "release",
    epilog=exit_codes(
        ok="released (or planned, with --dry-run; or recovered, with --recover)",
        problems="refused, or failed midway and undone (the message says if a step was not)",
        usage="usage error",
    ),
)
@click.argument("version_id", metavar="VERSION-ID", required=False)
@click.option("--symbol", help="The document symbol, e.g. CAC/COSP/WG.2/2020/3 (required).")
@click.option("--date", "date", help="The document's date, YYYY-MM-DD (required).")
@click.option("--title", help="The document's title (default: the draft's title).")
@click.option("--meeting", help="The meeting the document is circulated for.")
@click.option("--dry-run", is_flag=True, help="Say what would be done; write nothing.")
@click.option(
    "--allow-dirty",
    is_flag=True,
    help="Release even if the knowledge base has uncommitted changes (they are released as they "
    "are on disk).",
)
@click.option(
    "--recover",
    is_flag=True,
    help="Undo what an interrupted release left (or finish it, if it was already committed); "
    "takes no VERSION-ID.",
)
@root_options()
def release_command(
    version_id: str | None,
    symbol: str | None,
    date: str | None,
    title: str | None,
    meeting: str | None,
    dry_run: bool,
    allow_dirty: bool,
    recover: bool,
    root: Path,
) -> None:
    """Freeze the working draft as version VERSION-ID.

    Copies guidelines/draft/ to guidelines/VERSION-ID/, writes its manifest and adds it, with its
    hash, to guidelines/versions.yml; in a git repository, commits those files and tags the commit
    release/VERSION-ID.  Refuses (changing nothing) unless `redraft check` reports no error.

    A release killed midway (which runs no undo) leaves a journal; `redraft check` reports it
    and `redraft release --recover` undoes what remains, or finishes a release already committed.
    """
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.release.errors import ReleaseFailed, ReleaseRefused
    from redraft.release.release import ReleaseRequest, execute_release, plan_release

    if recover:
        _recover(root)
        return
    missing = [
        name
        for name, value in (("VERSION-ID", version_id), ("--symbol", symbol), ("--date", date))
        if not value
    ]
    if missing:
        usage_error(f"missing {', '.join(missing)} (or give --recover)")
    assert version_id is not None and symbol is not None and date is not None
    request = ReleaseRequest(version_id, symbol, date, title, meeting, allow_dirty)
    try:
        plan = plan_release(root, request)
    except ReleaseRefused as refusal:
        for line in refusal.details:
            click.echo(line, err=True)
        fail(f"refused: {refusal.message}; nothing was changed")
    for warning in plan.warnings:
        click.echo(str(warning), err=True)
    if plan.warnings:
        click.echo(
            f"redraft release: {len(plan.warnings)} warning(s) above; warnings do not stop a "
            "release",
            err=True,
        )
    if dry_run:
        click.echo(f"redraft release {plan.version_id} (dry run: nothing written) would:")
        for line in plan.describe():
            click.echo(f"  {line}")
        return
    try:
        result = execute_release(plan)
    except ReleaseFailed as failure:
        fail(f"failed: {failure}")
    click.echo(
        f"Released {plan.version_id} ({plan.symbol} of {plan.date.isoformat()}): "
        f"{plan.folder}/, {plan.manifest_path}, {plan.hash}"
    )
    for pinned in plan.pinned:
        click.echo(
            f"Named {plan.version_id} where decisions said draft: {pinned.path} "
            f"({', '.join(pinned.comments)})"
        )
    if result.commit is not None:
        click.echo(f"Committed {result.commit[:12]} and tagged {result.tag}.")
        click.echo(f"Publish it with: git push && git push origin {result.tag}")
    else:
        click.echo(f"Not committed: {plan.no_git_reason}.")


@main.command(
    "seal",
    epilog=exit_codes(
        ok="every version sealed",
        problems="a version refused (already sealed, unknown) or failed",
        usage="usage error",
    ),
)
@click.argument("version_ids", metavar="VERSION-ID...", nargs=-1, required=True)
@root_options()
def seal_command(version_ids: tuple[str, ...], root: Path) -> None:
    """Record the manifest and hash of versions released before Redraft was used.

    Writes guidelines/manifests/VERSION-ID.sha256 and the `hash:` of each version in
    guidelines/versions.yml, so that `redraft check` proves the folder unchanged from now on.
    A version that already has a hash is refused.  Commit the files afterwards.
    """
    from redraft.release.errors import ReleaseFailed, ReleaseRefused
    from redraft.release.seal import seal_version

    for version_id in version_ids:
        try:
            sealed = seal_version(root, version_id)
        except (ReleaseRefused, ReleaseFailed) as exc:
            fail(f"{version_id}: {exc}")
        click.echo(
            f"Sealed {sealed.version_id}: {sealed.files} files, {sealed.manifest_path}, "
            f"{sealed.hash}"
        )


def _recover(root: Path) -> None:
    from redraft.kb.journal import UnreadableJournal
    from redraft.release.interrupted import recover

    try:
        recovery = recover(root)
    except UnreadableJournal as error:
        fail(str(error))
    if recovery.journal is None:
        click.echo("No interrupted release: nothing to recover.")
        return
    version_id = recovery.journal.version_id
    for action in recovery.actions:
        click.echo(f"  {action}")
    if recovery.finished:
        click.echo(f"The release of {version_id} was already committed and tagged; it is finished.")
    else:
        click.echo(
            f"The interrupted release of {version_id} is undone: the knowledge base is as it was "
            "before it; release again when ready."
        )
