"""``redraft translations [VERSION]``: a translation service's worklist for one version.

For every guideline and language: up to date, outdated (with the passages that changed on one
side only, and since which version) or missing, from :mod:`redraft.redline.drift`, the same
statuses ``redraft check`` warns about and the site's ``/translations/`` pages show.  Text for the
terminal, CSV for a spreadsheet, JSON for scripts.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redraft.cli import main
from redraft.cli.options import (
    NOT_STOPPED_BY_PROBLEMS,
    exit_codes,
    format_option,
    load_for,
    root_options,
    usage_error,
)
from redraft.kb.model import DRAFT, Version, english_name

if TYPE_CHECKING:
    from redraft.redline.drift import TranslationStatus

FORMATS = ("text", "csv", "json")
COLUMNS = (
    "guideline",
    "number",
    "language",
    "state",
    "since",
    "original_changed",
    "translation_changed",
)


@main.command(
    "translations",
    epilog=exit_codes(
        problems=NOT_STOPPED_BY_PROBLEMS,
        ok="the list printed",
        usage="usage error (e.g. an unknown version)",
    ),
)
@click.argument("version_spec", metavar="VERSION", default=DRAFT, required=False)
@click.option(
    "--lang", "languages", metavar="CODE", multiple=True, help="Only this language (repeatable)."
)
@click.option(
    "--todo", is_flag=True, help="Only what needs a translator: outdated and missing texts."
)
@format_option(FORMATS)
@root_options()
def translations_command(
    version_spec: str, languages: tuple[str, ...], todo: bool, output_format: str, root: Path
) -> None:
    """Where each translation of VERSION (default: the working draft) stands."""
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.kb.versionspec import VersionNotFound, is_revision_spec, lookup_version
    from redraft.redline.drift import languages_of, version_status

    if is_revision_spec(version_spec):
        usage_error("give a version id, not a git revision")
    kb = load_for("translations", root, "list").kb
    try:
        version = lookup_version(kb, version_spec)
    except VersionNotFound as exc:
        usage_error(str(exc))
    wanted = set(languages) or set(languages_of(kb))
    rows = []
    for status in version_status(kb, version):
        if status.state == "original" or status.language not in wanted:
            continue
        if todo and status.state == "up-to-date":
            continue
        rows.append(_row(version, status))
    if output_format == "json":
        click.echo(
            json.dumps({"version": version.id, "statuses": rows}, ensure_ascii=False, indent=2)
        )
    elif output_format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        _print_text(version.label, rows)


def _row(version: Version, status: TranslationStatus) -> dict[str, str]:
    from redraft.redline.drift import passage_names

    guideline = version.guideline(status.guideline)
    assert guideline is not None
    original = guideline.text
    translation = guideline.translations.get(status.language)
    return {
        "guideline": status.guideline,
        "number": guideline.number,
        "language": status.language,
        "state": status.state,
        "since": status.since or "",
        "original_changed": passage_names(original, status.original_only),
        "translation_changed": (
            passage_names(translation, status.translation_only) if translation else ""
        ),
    }


def _print_text(label: str, rows: list[dict[str, str]]) -> None:
    if not rows:
        click.echo(f"{label}: nothing to show")
        return
    for row in rows:
        language = english_name(row["language"])
        line = f"{row['number']:>4}  {row['guideline']:<32} {language:<8} {row['state']}"
        details = []
        if row["original_changed"]:
            details.append(f"original changed since {row['since']}: {row['original_changed']}")
        if row["translation_changed"]:
            details.append(f"translation changed alone: {row['translation_changed']}")
        click.echo(line + (f" ({'; '.join(details)})" if details else ""))
