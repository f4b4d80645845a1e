"""``redraft import version``: a draft written or edited in Word, read back into the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redraft.cli import main
from redraft.cli.editing import dry_run_option, finish, refusals
from redraft.cli.new import reply_flags, reply_options, reply_target
from redraft.cli.options import (
    exit_codes,
    fail,
    load_for,
    root_options,
    usage_error,
)

if TYPE_CHECKING:
    from redraft.exports.import_docx import Report
    from redraft.kb.model import Version
    from redraft.kb.problems import Problem
    from redraft.kb.sources import FileSource


@main.group("import")
def import_group() -> None:
    """Read documents from Word into the knowledge base."""


@import_group.command(
    "version",
    epilog=exit_codes(
        ok="imported (or shown, with --dry-run)",
        problems="a file that is not a draft, that has tracked changes or comments, a released "
        "text it would change, or files that would not check (nothing is written)",
        usage="usage error, such as an unknown language or version",
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--as",
    "target",
    type=click.Choice(["draft"]),
    default="draft",
    show_default=True,
    help="What the document becomes: the working draft (released versions never change).",
)
@click.option(
    "--into",
    "into",
    metavar="VERSION-ID",
    help="The version the document is a text of: 'draft' (as --as draft), or a released "
    "version, which takes only a translation it does not have yet (--language), and only "
    "while it is not sealed.",
)
@click.option(
    "--accept-changes",
    is_flag=True,
    help="Read a document with tracked changes or comments as if every change were accepted.",
)
@click.option(
    "--language",
    metavar="CODE",
    help="The document is a translation into CODE (ar, zh, fr, ru, es…): its "
    "<id>.CODE.md files and outline.CODE.yml are written, the original is not touched.",
)
@dry_run_option
@root_options()
def version_command(
    file: Path,
    target: str,
    into: str | None,
    accept_changes: bool,
    language: str | None,
    dry_run: bool,
    root: Path,
) -> None:
    """Replace the working draft's original-language text with FILE (.docx): title,
    introduction, parts, numbered guidelines, lettered paragraphs and explanatory notes.

    Guidelines are matched to existing ids by title, paragraphs to existing anchors by text
    and then by letter; what could not be matched is listed.  Translations of guidelines still
    in the draft are kept (a check then shows which are outdated).  With --language, the
    document is a translation, matched to the version by guideline number and paragraph
    letter.  Like every editing command, the result is checked before anything is written.
    """
    # imported here, not at the top, so that `redraft --help` does not load python-docx
    from redraft.editing.changeset import Changeset
    from redraft.exports.import_docx import (
        NotADraft,
        draft_changes,
        draft_files,
        match,
        match_translation,
        read_docx,
        translation_files,
    )
    from redraft.kb.load import DRAFT_FOLDER
    from redraft.kb.model import UN_LANGUAGES, english_name
    from redraft.kb.sources import FileSource

    kb = load_for("import", root, "import").kb
    version_id = into or target
    version = kb.version(version_id)
    if version is None:
        usage_error(
            f"unknown version '{version_id}': use draft or one of "
            + ", ".join(v.id for v in kb.versions if not v.is_draft)
        )
    known = (*UN_LANGUAGES, *kb.settings.languages)
    if language is not None and language not in known:
        usage_error(f"unknown language '{language}': use one of " + ", ".join(dict.fromkeys(known)))
    translating = language is not None and language != version.language
    if not version.is_draft:
        refusal = released_refusal(version, language if translating else None, FileSource(root))
        if refusal:
            fail(refusal)
    try:
        imported = read_docx(file.read_bytes(), str(file))
    except NotADraft as exc:
        fail(str(exc))
    if (imported.revisions or imported.comments) and not accept_changes:
        fail(
            f"{file}: {imported.revisions} tracked change(s) and {imported.comments} comment(s); "
            "accept or reject them in Word first, or pass --accept-changes"
        )
    folder = f"guidelines/{version.id}"
    changeset = Changeset(root)
    if language is not None and translating:
        report = match_translation(imported, version)
        for name, text in translation_files(imported, language).items():
            changeset.write(f"{folder}/{name}", text)
        what = "draft" if version.is_draft else f"version {version.id}"
        _print(file, imported.title, report, f"{english_name(language)} text of the {what}")
    else:
        report = match(imported, kb)
        files = draft_files(imported, version.language)
        existing = FileSource(root).list_files(DRAFT_FOLDER)
        changes, removed = draft_changes(existing, files, {g.id for g in imported.guidelines})
        for name, new_text in changes.items():
            if new_text is None:
                changeset.remove(f"{DRAFT_FOLDER}/{name}")
            else:
                changeset.write(f"{DRAFT_FOLDER}/{name}", new_text)
        paragraphs = sum(len(g.paragraphs) for g in imported.guidelines)
        notes = sum(1 for g in imported.guidelines if g.note)
        click.echo(
            f"{file}: '{imported.title}', {len(imported.parts)} parts, "
            f"{len(imported.guidelines)} guidelines, {paragraphs} paragraphs, "
            f"{notes} explanatory notes → draft"
        )
        for line in report.lines:
            click.echo(f"  {line}")
        for line in report.unmatched:
            click.echo(f"  not matched: {line}")
        for name in removed:
            click.echo(f"  removed {name}: a translation of a guideline no longer in the draft")
    with refusals():
        # A new original makes its translations and the comments on the draft what they are
        # against it: those problems are the editor's next task, not a reason to refuse.
        # A translation changes nothing else, so any new error of it refuses.
        finish(changeset, dry_run=dry_run, consequence=None if translating else _anything)


def _anything(problem: Problem) -> bool:
    return True


def released_refusal(version: Version, language: str | None, files: FileSource) -> str | None:
    """Why a document cannot become a text of the released ``version``, or None if it can.

    A released text is never replaced.  A translation that arrives after the release adds files
    to the version's folder without touching its original, which is allowed only while the
    version is not sealed: a seal (the manifest and the hash in versions.yml) records the
    files circulated, and a file added to them is reported by `redraft check` as a change to
    the release.  Redraft keeps no separate record for a translation issued later yet.
    """
    from redraft.kb.load import MANIFESTS_DIR
    from redraft.kb.model import english_name

    if language is None:
        return (
            f"version '{version.id}' is released: its text never changes; import the document "
            "as the working draft (--into draft) and release the revision as a new version"
        )
    if language in version.languages:
        return (
            f"version '{version.id}' already has its {english_name(language)} text; a released "
            f"text is never replaced (import a revised translation with --into draft)"
        )
    manifest = f"{MANIFESTS_DIR}/{version.id}.sha256"
    if version.hash or files.exists(manifest):
        return (
            f"{manifest}: version '{version.id}' is sealed, and a {english_name(language)} text "
            "added now would be a change to the files it records; a translation issued after "
            "the release cannot be added to a sealed version (it can be imported into the "
            "working draft with --into draft)"
        )
    return None


def _print(file: Path, title: str, report: Report, target: str) -> None:
    click.echo(f"{file}: '{title}' → {target}")
    for line in report.lines:
        click.echo(f"  {line}")
    for line in report.unmatched:
        click.echo(f"  not matched: {line}")


@import_group.command(
    "submission",
    epilog=exit_codes(
        ok="the submission written (or shown, with --dry-run)",
        problems="not a Word document, or the file would not check (nothing is written)",
        usage="usage error: an unknown party, call or language, or the file exists",
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reply_options
@click.option(
    "--language",
    metavar="CODE",
    help="The language of the reply; by default recognised from its text.",
)
@reply_flags
@dry_run_option
@root_options()
def submission_command(
    file: Path,
    party: str,
    call_id: str,
    received: dt.datetime | None,
    language: str | None,
    restricted: bool,
    take_next: bool,
    dry_run: bool,
    root: Path,
) -> None:
    """Turn a note verbale (.docx) into comments/submissions/CALL/CODE.yml: the text
    verbatim, and one pending comment for each paragraph that names a guideline of the
    version the call was about ("guideline 7 (a)", "ligne directrice 10 b)", "المبدأ
    التوجيهي 7 (أ)"), with the quoted words and proposed wording it gives.

    What could not be resolved (no guideline named, a number the version does not have, a
    quote not in the text) is listed for the editor, in the output and at the end of the file:
    nothing is guessed.
    """
    from redraft.comments.ids import first_comment_id
    from redraft.editing.changeset import Changeset
    from redraft.exports.import_docx import NotADraft
    from redraft.exports.import_submission import (
        detect_language,
        itemize,
        own_reference,
        read_paragraphs,
        submission_text,
    )
    from redraft.kb.load import SUBMISSIONS_DIR
    from redraft.kb.model import UN_LANGUAGES, english_name

    kb = load_for("import", root, "import").kb
    found_party, call, stem = reply_target(kb, root, party, call_id, take_next)
    code = found_party.code
    version = kb.version(call.version)
    if version is None:
        fail(f"the call {call.id} is about '{call.version}', which is not a version")
    if language is not None and language not in (*UN_LANGUAGES, *kb.settings.languages):
        usage_error(f"unknown language '{language}'")
    try:
        paragraphs = read_paragraphs(file.read_bytes(), str(file))
    except NotADraft as exc:
        fail(str(exc))
    if not paragraphs:
        fail(f"{file}: the document has no text")
    language = language or detect_language(paragraphs)
    reply = itemize(paragraphs, version, language)
    day = received.date() if received else dt.date.today()
    first_id = first_comment_id(code, day, (c.id for c in kb.comments()))
    text = submission_text(
        reply,
        party=code,
        call=call.id,
        received=day.isoformat(),
        reference=own_reference(paragraphs),
        visibility="restricted" if restricted else "public",
        first_id=first_id,
        source=file.name,
    )
    changeset = Changeset(root)
    changeset.write(f"{SUBMISSIONS_DIR}/{call.id}/{stem}.yml", text)
    click.echo(
        f"{file}: {english_name(language)}, {len(paragraphs)} paragraphs, "
        f"{len(reply.comments)} comment(s) on {version.label}"
    )
    for comment in reply.comments:
        target = f"guideline {comment.guideline.number}"
        if comment.paragraph is not None:
            target += f" {comment.paragraph.label}"
        extras = [w for w, on in (("quote", comment.quote), ("proposal", comment.proposed)) if on]
        more = f" ({', '.join(extras)})" if extras else ""
        click.echo(f"  paragraph {comment.number} → {target}{more}")
    for item in reply.unresolved:
        click.echo(f"  not itemized: {item}")
    for note in reply.notes:
        click.echo(f"  check: {note}")
    with refusals():
        finish(changeset, dry_run=dry_run)
