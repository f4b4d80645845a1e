"""Freezing the working draft as a released version: a plan, then its steps with their undo.

A release is planned first and carried out second.  :func:`plan_release` reads and checks
everything and writes nothing, so every refusal (and ``--dry-run``) leaves the disk and the
repository as they were.  :func:`execute_release` then copies the draft into a hidden temporary
folder and renames it into place, writes the manifest and ``versions.yml`` through temporary
files, and in a git repository commits exactly those paths and tags the commit.  Each step
registers how to undo it; if a later step fails, the earlier ones are undone in reverse order, so
there is never a half-written folder, a commit without its tag, or a tag without its commit.

Beside it: :mod:`.versions_file` edits ``versions.yml`` as text, :mod:`.undo` holds the undoable
writes, :mod:`.inputs` reads through the loader's source, :mod:`.seal` seals older versions.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import TypeAdapter, ValidationError

from redraft.checks.integrity import release_tags_unchanged
from redraft.checks.rules import check_loaded
from redraft.kb import schema
from redraft.kb.journal import (
    JOURNAL,
    ReleaseJournal,
    interrupted_release,
    remove_journal,
    write_journal,
)
from redraft.kb.load import DATA_PATHS, DRAFT_FOLDER, MANIFESTS_DIR, VERSIONS_FILE, load
from redraft.kb.manifest import content_hash, file_digest, manifest_text
from redraft.kb.model import DRAFT
from redraft.kb.problems import Problem
from redraft.kb.repository import (
    QUIET_GIT_ENV,
    GitUnavailable,
    KbRepository,
    open_repository,
    release_tag,
    release_tag_contents,
)
from redraft.kb.sources import FileSource
from redraft.release.errors import ReleaseFailed, ReleaseRefused
from redraft.release.inputs import read_folder, read_if_there, taken
from redraft.release.pin import PinnedFile, pin_draft
from redraft.release.undo import Undo, place_folder, replace_file, write_new_file
from redraft.release.versions_file import listed_entries, versions_with_entry

if TYPE_CHECKING:
    import git

KB_PATHS = DATA_PATHS  # an uncommitted change to any of them would be released unseen
"""What a release depends on: uncommitted changes here block it (elsewhere they do not matter)."""
RESERVED_IDS = frozenset({DRAFT, "manifests"})


# -- what to release -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseRequest:
    version_id: str
    symbol: str
    date: str
    title: str | None = None
    meeting: str | None = None
    allow_dirty: bool = False


@dataclass(frozen=True)
class GitPlan:
    branch: str
    """The branch HEAD is on, as a full ref name (``refs/heads/main``)."""
    parent: str
    """The commit the release commit goes on top of; the branch must still point here."""
    tag: str
    paths: tuple[str, ...]
    """Every file the release commit changes, relative to the work tree."""
    commit_message: str
    tag_message: str


@dataclass(frozen=True)
class ReleasePlan:
    root: Path
    version_id: str
    symbol: str
    date: dt.date
    title: str
    meeting: str | None
    files: Mapping[str, bytes]
    """The draft's files (paths relative to the folder) and the exact bytes the release holds."""
    hash: str
    entry_text: str
    versions_before: bytes | None
    versions_after: str
    warnings: tuple[Problem, ...]
    git: GitPlan | None
    no_git_reason: str | None
    pinned: tuple[PinnedFile, ...] = ()
    """Submission files whose decisions name ``draft``, rewritten to name this version."""

    @property
    def folder(self) -> str:
        return f"guidelines/{self.version_id}"

    @property
    def manifest_path(self) -> str:
        return f"{MANIFESTS_DIR}/{self.version_id}.sha256"

    @property
    def manifest(self) -> str:
        return manifest_text({name: file_digest(data) for name, data in self.files.items()})

    def describe(self) -> list[str]:
        """What the release does, step by step, for ``--dry-run`` and for the record."""
        lines = [
            f"copy {DRAFT_FOLDER}/ ({len(self.files)} files) to {self.folder}/",
            f"write {self.manifest_path} (hash {self.hash})",
            f"add version '{self.version_id}' to {VERSIONS_FILE}:",
            *(f"    {line}" for line in self.entry_text.splitlines()),
        ]
        for pinned in self.pinned:
            lines.append(
                f"name '{self.version_id}' instead of '{DRAFT}' in {pinned.path} "
                f"(comments {', '.join(pinned.comments)})"
            )
        if self.git is not None:
            branch = self.git.branch.removeprefix("refs/heads/")
            lines.append(
                f"commit those {len(self.git.paths)} files on branch {branch} "
                f'("{self.git.commit_message.splitlines()[0]}")'
            )
            lines.append(f"create the annotated tag {self.git.tag}")
        else:
            lines.append(f"no git commit or tag: {self.no_git_reason}")
        return lines


@dataclass(frozen=True)
class ReleaseResult:
    plan: ReleasePlan
    commit: str | None
    tag: str | None


# -- planning: reads, never writes -----------------------------------------------------------


def plan_release(root: Path | str, request: ReleaseRequest) -> ReleasePlan:
    """Everything the release will do, after every check; :class:`ReleaseRefused` if it must not."""
    root_path = Path(root).resolve()
    version_id = _valid_id(request.version_id)
    date = _valid_date(request.date)
    symbol = _one_line(request.symbol, "--symbol")
    meeting = _one_line(request.meeting, "--meeting") if request.meeting is not None else None

    interrupted = interrupted_release(root_path)
    if interrupted:
        raise ReleaseRefused(
            "an earlier release was interrupted; run `redraft release --recover` first",
            [str(p) for p in interrupted],
        )
    result = load(root_path)
    tagged = release_tag_contents(root_path, [files.version_id for files in result.version_files])
    problems = check_loaded(result, release_tags_unchanged(result, tagged))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReleaseRefused(
            f"`redraft check` reports {len(errors)} error(s); a release needs a clean check",
            [str(p) for p in errors],
        )
    warnings = tuple(p for p in problems if p.severity == "warning")
    kb = result.kb
    draft = kb.draft
    if draft is None:  # check reports a missing draft as an error; this keeps mypy honest
        raise ReleaseRefused(f"there is no working draft {DRAFT_FOLDER}/ to release")

    files = FileSource(root_path)
    versions_before = read_if_there(files, VERSIONS_FILE)
    versions_text = versions_before.decode("utf-8") if versions_before is not None else None
    listed = listed_entries(versions_text)
    if version_id in listed or kb.version(version_id) is not None:
        raise ReleaseRefused(
            f"version '{version_id}' already exists in {VERSIONS_FILE}; a released version is "
            "never overwritten: choose a new id"
        )
    if taken(files, f"guidelines/{version_id}"):
        raise ReleaseRefused(
            f"guidelines/{version_id} already exists; move it away or choose a new id"
        )
    if taken(files, f"{MANIFESTS_DIR}/{version_id}.sha256"):
        raise ReleaseRefused(f"{MANIFESTS_DIR}/{version_id}.sha256 already exists; choose a new id")
    released = [v for v in kb.released if v.date is not None]
    if released and released[-1].date is not None and date < released[-1].date:
        raise ReleaseRefused(
            f"the date {date} is before version '{released[-1].id}' ({released[-1].date}); "
            "versions are listed oldest first"
        )

    draft_files = read_folder(files, DRAFT_FOLDER)
    digests = {name: file_digest(data) for name, data in draft_files.items()}
    release_hash = content_hash(digests)
    title = _one_line(request.title, "--title") if request.title is not None else draft.title
    fields = [
        ("id", version_id),
        ("title", title),
        ("symbol", symbol),
        ("date", date.isoformat()),
        *([("meeting", meeting)] if meeting else []),
        ("status", "released"),
        ("hash", release_hash),
    ]
    versions_after, entry_text = versions_with_entry(versions_text, fields)
    pinned = pin_draft(files, kb, version_id)

    git_plan: GitPlan | None = None
    no_git_reason: str | None = None
    try:
        kb_repo = open_repository(root_path)
    except GitUnavailable as exc:
        no_git_reason = str(exc)
    else:
        with kb_repo:
            git_plan = _plan_git(
                kb_repo,
                request,
                [f"{f'guidelines/{version_id}'}/{name}" for name in sorted(draft_files)]
                + [f"{MANIFESTS_DIR}/{version_id}.sha256", VERSIONS_FILE]
                + [p.path for p in pinned],
                version_id=version_id,
                symbol=symbol,
                date=date,
                title=title,
                meeting=meeting,
            )
    return ReleasePlan(
        root=root_path,
        version_id=version_id,
        symbol=symbol,
        date=date,
        title=title,
        meeting=meeting,
        files=draft_files,
        hash=release_hash,
        entry_text=entry_text,
        versions_before=versions_before,
        versions_after=versions_after,
        warnings=warnings,
        git=git_plan,
        no_git_reason=no_git_reason,
        pinned=pinned,
    )


_ID = TypeAdapter(schema.Identifier)
_DATE = TypeAdapter(schema.IsoDate)


def _valid_id(version_id: str) -> str:
    """The schema's own rule, so a release can never write an id that check would reject."""
    if version_id in RESERVED_IDS:
        raise ReleaseRefused(
            f"'{version_id}' cannot name a released version (it is reserved); "
            "choose the new version's own id, e.g. 2020-1"
        )
    try:
        return str(_ID.validate_python(version_id))
    except ValidationError as exc:
        raise ReleaseRefused(f"version id: {_reason(exc)}") from None


def _valid_date(text: str) -> dt.date:
    try:
        value = _DATE.validate_python(text)
    except ValidationError as exc:
        raise ReleaseRefused(f"--date {text!r}: {_reason(exc)}") from None
    assert isinstance(value, dt.date)
    return value


def _reason(exc: ValidationError) -> str:
    return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")


def _one_line(value: str | None, option: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ReleaseRefused(f"{option} must not be empty")
    return text


def _plan_git(
    kb_repo: KbRepository,
    request: ReleaseRequest,
    kb_paths: list[str],
    *,
    version_id: str,
    symbol: str,
    date: dt.date,
    title: str,
    meeting: str | None,
) -> GitPlan:
    repo = kb_repo.repo
    if repo.head.is_detached:
        raise ReleaseRefused(
            "HEAD is detached: check out the branch the release belongs on (git switch <branch>)"
        )
    if not repo.head.is_valid():
        raise ReleaseRefused("the repository has no commit yet: commit the knowledge base first")
    if not request.allow_dirty:
        pathspecs = [kb_repo.repo_path(p) for p in KB_PATHS]
        status = repo.git.status(
            "--porcelain", "--untracked-files=all", "--", *pathspecs, env=QUIET_GIT_ENV
        )
        changed = [line for line in status.splitlines() if line.strip()]
        if changed:
            shown = [f"    {line}" for line in changed[:10]]
            if len(changed) > 10:
                shown.append(f"    … and {len(changed) - 10} more")
            raise ReleaseRefused(
                f"the knowledge base has {len(changed)} uncommitted change(s); commit them first "
                "(the release must be a draft that git has), or pass --allow-dirty",
                shown,
            )
    tag = release_tag(version_id)
    if any(t.path == f"refs/tags/{tag}" for t in repo.tags):
        raise ReleaseRefused(f"the git tag {tag} already exists; choose a new version id")
    _require_identity(repo)
    where = f" for the {meeting}" if meeting else ""
    commit_message = (
        f"Release {version_id}: {symbol} of {date.isoformat()}\n\n"
        f"{title}\n\nCirculated as {symbol}{where}. Frozen by `redraft release`; "
        f"`redraft check` proves guidelines/{version_id}/ unchanged against its hash and this "
        "commit's tag.\n"
    )
    tag_message = f"{symbol} of {date.isoformat()}: {title}\n"
    return GitPlan(
        branch=repo.head.reference.path,
        parent=repo.head.commit.hexsha,
        tag=tag,
        paths=tuple(kb_repo.repo_path(p) for p in kb_paths),
        commit_message=commit_message,
        tag_message=tag_message,
    )


def _require_identity(repo: git.Repo) -> None:
    """git falls back to user@hostname when no name is configured; a release must say who."""
    reader = repo.config_reader()
    for key, env_names in (
        ("name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")),
        ("email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")),
    ):
        if all(os.environ.get(n) for n in env_names):
            continue
        if not str(reader.get_value("user", key, "")).strip():
            raise ReleaseRefused(
                f"git does not know who is releasing: set it with "
                f'`git config user.{key} "..."` so the release commit and tag name you'
            )


# -- carrying it out -------------------------------------------------------------------------


def _journal_of(plan: ReleasePlan) -> ReleaseJournal:
    before = plan.versions_before.decode("utf-8") if plan.versions_before is not None else None
    git_plan = plan.git
    return ReleaseJournal(
        version_id=plan.version_id,
        pid=os.getpid(),
        step="started",
        folder=plan.folder,
        manifest=plan.manifest_path,
        versions_file=VERSIONS_FILE,
        versions_before=before,
        branch=git_plan.branch if git_plan else None,
        parent=git_plan.parent if git_plan else None,
        tag=git_plan.tag if git_plan else None,
        paths=git_plan.paths if git_plan else (),
        pinned_before={p.path: p.before.decode("utf-8") for p in plan.pinned},
    )


def execute_release(plan: ReleasePlan) -> ReleaseResult:
    """Carry out ``plan``; on any failure undo every step taken and raise :class:`ReleaseFailed`.

    A journal (:mod:`redraft.kb.journal`) records each completed step, so that a release killed
    midway, which runs no undo, can be undone or finished by ``redraft release --recover``."""
    undo = Undo()
    step = "prepare"
    journal = _journal_of(plan)
    try:
        step = f"record the release in {JOURNAL}"
        write_journal(plan.root, journal)
        step = f"copy the draft to {plan.folder}/"
        place_folder(plan.root, plan.folder, plan.files, undo)
        write_journal(plan.root, journal := journal.at("folder"))
        step = f"write {plan.manifest_path}"
        write_new_file(plan.root / plan.manifest_path, plan.manifest.encode(), undo)
        write_journal(plan.root, journal := journal.at("manifest"))
        step = f"write {VERSIONS_FILE}"
        replace_file(
            plan.root / VERSIONS_FILE, plan.versions_after.encode(), plan.versions_before, undo
        )
        for pinned in plan.pinned:
            step = f"name '{plan.version_id}' in {pinned.path}"
            replace_file(plan.root / pinned.path, pinned.after.encode(), pinned.before, undo)
        write_journal(plan.root, journal := journal.at("versions"))
        step = "verify the release"
        _verify(plan)
        write_journal(plan.root, journal := journal.at("verified"))
        commit = tag = None
        if plan.git is not None:
            step = "commit and tag the release"
            commit = _commit_and_tag(plan, plan.git, undo, journal)
            tag = plan.git.tag
        remove_journal(plan.root)
    except BaseException as exc:
        failures = undo.run()
        if not failures:
            remove_journal(plan.root)
        if isinstance(exc, KeyboardInterrupt):
            raise
        reason = exc.args[0] if isinstance(exc, ReleaseFailed) else f"{type(exc).__name__}: {exc}"
        message = f"could not {step} ({reason}); "
        if failures:
            message += "and some steps could not be undone: " + "; ".join(failures)
        else:
            message += "every change was undone"
        raise ReleaseFailed(message) from exc
    return ReleaseResult(plan, commit, tag)


def _verify(plan: ReleasePlan) -> None:
    """Load the result and check it: a release that check would reject is undone."""
    result = load(plan.root)
    errors = [p for p in check_loaded(result) if p.severity == "error"]
    version = result.kb.version(plan.version_id)
    if errors:
        raise ReleaseFailed(f"the release would not pass `redraft check`: {errors[0]}")
    if version is None or version.hash != plan.hash:
        raise ReleaseFailed(f"version '{plan.version_id}' did not load back with its hash")


def _commit_and_tag(
    plan: ReleasePlan, git_plan: GitPlan, undo: Undo, journal: ReleaseJournal
) -> str:
    """Commit exactly the release's paths on top of the planned parent, tag it, move the branch.

    The commit is built from an in-memory index of the parent's tree, so whatever else is staged
    in the editor's index stays staged and out of the release.  The branch is moved with a
    compare-and-swap (``git update-ref <ref> <new> <old>``): if anyone committed meanwhile, nothing
    is overwritten.  The tag is made before the branch moves, so a failure leaves at most an
    unreferenced commit object, which git collects in time.
    """
    import git

    with open_repository(plan.root) as kb_repo:
        repo = kb_repo.repo
        parent = repo.commit(git_plan.parent)
        index = git.IndexFile.new(repo, parent.tree)
        index.add(list(git_plan.paths), write=False)
        tree = index.write_tree()
        commit = git.Commit.create_from_tree(
            repo, tree, git_plan.commit_message, parent_commits=[parent], head=False
        )
        tag = repo.create_tag(git_plan.tag, ref=commit.hexsha, message=git_plan.tag_message)
        undo.push(f"delete the tag {git_plan.tag}", lambda: repo.delete_tag(tag))
        reflog = f"redraft release {plan.version_id}"
        repo.git.update_ref("-m", reflog, git_plan.branch, commit.hexsha, parent.hexsha)
        undo.push(
            f"move {git_plan.branch} back to {parent.hexsha[:12]}",
            lambda: repo.git.update_ref(
                "-m", f"{reflog}: undone", git_plan.branch, parent.hexsha, commit.hexsha
            ),
        )
        # From here the release is in git: a kill leaves only the index to update, and
        # `--recover` finishes it rather than undoing a commit someone may already have pulled.
        write_journal(plan.root, journal.at("committed"))
        _stage(repo, git_plan.paths)
        return str(commit.hexsha)


def _stage(repo: git.Repo, paths: Sequence[str]) -> None:
    """Record the released files in the editor's index, so ``git status`` is clean afterwards.

    ``git add`` holds the index lock for its whole read-modify-write; another git command holding
    it briefly is waited for.  ``--force`` because the commit already holds these paths even if a
    ``.gitignore`` pattern happens to match them.
    """
    import git

    for attempt in range(20):
        try:
            repo.git.add("--force", "--", *paths)
            return
        except git.GitCommandError as exc:
            if "index.lock" not in str(exc) or attempt == 19:
                raise
            time.sleep(0.25)
