"""Freezing the working draft as a released version, and sealing versions released before Redraft.

A release is planned first and carried out second.  :func:`plan_release` reads and checks
everything and writes nothing, so every refusal (and ``--dry-run``) leaves the disk and the
repository as they were.  :func:`execute_release` then copies the draft into a hidden temporary
folder and renames it into place, writes the manifest and ``versions.yml`` through temporary
files, and in a git repository commits exactly those paths and tags the commit.  Each step
registers how to undo it; if a later step fails, the earlier ones are undone in reverse order, so
there is never a half-written folder, a commit without its tag, or a tag without its commit.

``versions.yml`` is edited as text (an entry appended, a ``hash:`` line inserted) rather than
re-dumped, so that an editor's comments and layout survive; every edit is parsed back and compared
with the intended data before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import TypeAdapter, ValidationError

from redraft.checks.integrity import release_tags_unchanged
from redraft.checks.rules import check_loaded
from redraft.kb import schema
from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.journal import (
    JOURNAL,
    ReleaseJournal,
    interrupted_release,
    remove_journal,
    write_journal,
)
from redraft.kb.load import DRAFT_FOLDER, MANIFESTS_DIR, VERSIONS_FILE, load
from redraft.kb.manifest import content_hash, file_digest, manifest_text
from redraft.kb.model import DRAFT
from redraft.kb.problems import Problem
from redraft.kb.repository import (
    QUIET_GIT_ENV,
    GitUnavailable,
    KbRepository,
    open_repository,
    release_tag,
)
from redraft.kb.sources import FileSource, ReadError
from redraft.kb.yamlio import YamlError, load_yaml

if TYPE_CHECKING:
    import git

KB_PATHS = ("redraft.yml", "guidelines", "comments")
"""What a release depends on: uncommitted changes here block it (elsewhere they do not matter)."""
RESERVED_IDS = frozenset({DRAFT, "manifests"})


class ReleaseRefused(Exception):
    """The release (or seal) was not attempted; nothing changed.  ``details`` are extra lines."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)


class ReleaseFailed(Exception):
    """A step failed midway; every earlier step was undone (the message says if one was not)."""


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
    problems = check_loaded(result, release_tags_unchanged(root_path, result))
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
    versions_before = _read_versions(root_path)
    versions_text = versions_before.decode("utf-8") if versions_before is not None else None
    listed = _listed_entries(versions_text)
    if version_id in listed or kb.version(version_id) is not None:
        raise ReleaseRefused(
            f"version '{version_id}' already exists in {VERSIONS_FILE}; a released version is "
            "never overwritten: choose a new id"
        )
    folder = root_path / "guidelines" / version_id
    if folder.exists() or folder.is_symlink():
        raise ReleaseRefused(
            f"guidelines/{version_id} already exists; move it away or choose a new id"
        )
    manifest = root_path / MANIFESTS_DIR / f"{version_id}.sha256"
    if manifest.exists() or manifest.is_symlink():
        raise ReleaseRefused(f"{MANIFESTS_DIR}/{version_id}.sha256 already exists; choose a new id")
    released = [v for v in kb.released if v.date is not None]
    if released and released[-1].date is not None and date < released[-1].date:
        raise ReleaseRefused(
            f"the date {date} is before version '{released[-1].id}' ({released[-1].date}); "
            "versions are listed oldest first"
        )

    draft_files = _read_folder(files, DRAFT_FOLDER)
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
                + [f"{MANIFESTS_DIR}/{version_id}.sha256", VERSIONS_FILE],
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


def _read_versions(root: Path) -> bytes | None:
    path = root / VERSIONS_FILE
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReleaseRefused(f"{VERSIONS_FILE}: cannot read it ({exc.strerror or exc})") from None


def _read_folder(files: FileSource, folder: str) -> dict[str, bytes]:
    """Every file of ``folder`` (hidden files aside, as the loader sees it) and its bytes."""
    found = {}
    for name in files.list_files(folder, recursive=True):
        try:
            found[name] = files.read_bytes(f"{folder}/{name}")
        except ReadError as exc:
            raise ReleaseRefused(f"{folder}/{name}:{exc.line}: {exc.message}") from None
    if not found:
        raise ReleaseRefused(f"{folder}/ has no files")
    return found


def _listed_entries(text: str | None) -> dict[str, dict[str, Any]]:
    """The entries of ``versions.yml`` by id (check has already said the file is valid)."""
    if text is None:
        return {}
    try:
        value = load_yaml(text).value
    except YamlError as exc:
        raise ReleaseRefused(f"{VERSIONS_FILE}:{exc.line}: {exc.message}") from None
    items = value.get("versions") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return {}
    return {str(item["id"]): item for item in items if isinstance(item, dict) and "id" in item}


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


@dataclass
class _Undo:
    """Undo steps, run newest first; a failing undo step is reported, not hidden."""

    steps: list[tuple[str, Callable[[], None]]] = field(default_factory=list)

    def push(self, what: str, step: Callable[[], None]) -> None:
        self.steps.append((what, step))

    def run(self) -> list[str]:
        failures = []
        for what, step in reversed(self.steps):
            try:
                step()
            except Exception as exc:
                failures.append(f"could not {what}: {exc}")
        self.steps.clear()
        return failures


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
    )


def execute_release(plan: ReleasePlan) -> ReleaseResult:
    """Carry out ``plan``; on any failure undo every step taken and raise :class:`ReleaseFailed`.

    A journal (:mod:`redraft.kb.journal`) records each completed step, so that a release killed
    midway, which runs no undo, can be undone or finished by ``redraft release --recover``."""
    undo = _Undo()
    step = "prepare"
    journal = _journal_of(plan)
    try:
        step = f"record the release in {JOURNAL}"
        write_journal(plan.root, journal)
        step = f"copy the draft to {plan.folder}/"
        _place_folder(plan.root, plan.folder, plan.files, undo)
        write_journal(plan.root, journal := journal.at("folder"))
        step = f"write {plan.manifest_path}"
        _write_new_file(plan.root / plan.manifest_path, plan.manifest.encode(), undo)
        write_journal(plan.root, journal := journal.at("manifest"))
        step = f"write {VERSIONS_FILE}"
        _replace_file(
            plan.root / VERSIONS_FILE, plan.versions_after.encode(), plan.versions_before, undo
        )
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


def _place_folder(root: Path, folder: str, files: Mapping[str, bytes], undo: _Undo) -> None:
    """Write the copy into a hidden folder beside its destination, then rename it into place, so
    the version folder appears complete or not at all (the loader ignores hidden folders)."""
    final = root / folder
    temporary = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    undo.push(f"remove {temporary}", lambda: shutil.rmtree(temporary, ignore_errors=True))
    for name, data in files.items():
        target = temporary / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    if final.exists() or final.is_symlink():
        raise ReleaseFailed(f"{folder} appeared while releasing")
    os.rename(temporary, final)
    undo.push(f"remove {folder}", lambda: shutil.rmtree(final))


def _write_new_file(path: Path, data: bytes, undo: _Undo) -> None:
    created_parent = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    if created_parent:
        undo.push(f"remove {path.parent}", lambda: path.parent.rmdir())
    write_atomically(path, data)
    undo.push(f"remove {path}", lambda: path.unlink())


def _replace_file(path: Path, data: bytes, before: bytes | None, undo: _Undo) -> None:
    write_atomically(path, data)
    if before is None:
        undo.push(f"remove {path}", lambda: path.unlink())
    else:
        undo.push(f"restore {path}", lambda: write_atomically(path, before))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``: a reader (or a crash)
    sees the old content or the new, never part of it.  An existing file keeps its mode."""
    write_bytes_atomic(path, data)


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
    plan: ReleasePlan, git_plan: GitPlan, undo: _Undo, journal: ReleaseJournal
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


# -- versions.yml, edited as text ------------------------------------------------------------


def yaml_scalar(value: str) -> str:
    """``value`` written as a YAML scalar: plain when it reads back as the same text, else
    double-quoted (JSON's string syntax is valid YAML)."""
    plain = value
    if plain and plain == plain.strip() and "\n" not in plain:
        try:
            parsed = load_yaml(f"k: {plain}\n").value
        except YamlError:
            parsed = None
        if isinstance(parsed, dict) and parsed.get("k") == value:
            return plain
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if _needs_escape(c) else c for c in quoted)


def _needs_escape(char: str) -> bool:
    """Characters YAML does not allow raw, or reads as line breaks inside quotes."""
    code = ord(char)
    return (
        0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF
    )


def entry_lines(fields: Sequence[tuple[str, str]], first: str, rest: str) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(fields):
        lines.append(f"{first if index == 0 else rest}{key}: {yaml_scalar(value)}\n")
    return lines


def versions_with_entry(text: str | None, fields: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """``versions.yml`` with one more entry at the end of the list, and the entry's text.

    The entry is indented like the entries already there; everything else is kept byte for byte.
    """
    if text is None or not text.strip():
        lines = entry_lines(fields, "  - ", "    ")
        new = (text or "") + "versions:\n" + "".join(lines)
        return _confirmed(text, new, fields), "".join(lines)
    node = _compose(text)
    versions = _versions_node(node)
    if versions is None:
        raise ReleaseRefused(f"{VERSIONS_FILE} has no top-level 'versions:' list")
    if isinstance(versions, yaml.SequenceNode) and versions.value and not versions.flow_style:
        first_item = versions.value[0]
        line_start = text.rfind("\n", 0, first_item.start_mark.index) + 1
        prefix = text[line_start : first_item.start_mark.index]
        if prefix.strip() != "-":
            prefix = "  - "
        rest = " " * len(prefix)
        lines = entry_lines(fields, prefix, rest)
        at = _end_of_line(text, _last_value_end(versions.value[-1]))
        new = text[:at] + ("" if at == 0 or text[at - 1] == "\n" else "\n") + "".join(lines)
        new += text[at:]
    elif (isinstance(versions, yaml.SequenceNode) and not versions.value) or (
        isinstance(versions, yaml.ScalarNode) and versions.tag.endswith(":null")
    ):
        # `versions: []` or `versions:` with nothing: the list starts here
        lines = entry_lines(fields, "  - ", "    ")
        start, end = versions.start_mark.index, versions.end_mark.index
        head = text[:start].rstrip(" ")
        tail = text[end:]
        new = head + "\n" + "".join(lines) + tail.lstrip(" ").removeprefix("\n")
    else:
        raise ReleaseRefused(
            f"{VERSIONS_FILE}: the 'versions:' list is not written one entry per block; "
            "Redraft will not rewrite it"
        )
    return _confirmed(text, new, fields), "".join(lines)


def versions_with_hash(text: str, version_id: str, new_hash: str) -> str:
    """``versions.yml`` with ``hash: <new_hash>`` set on one entry (added or replaced)."""
    node = _compose(text)
    versions = _versions_node(node)
    item = None
    if isinstance(versions, yaml.SequenceNode):
        for candidate in versions.value:
            if isinstance(candidate, yaml.MappingNode) and _mapping_value(candidate, "id") == (
                version_id
            ):
                item = candidate
    if item is None or not isinstance(item, yaml.MappingNode) or item.flow_style:
        raise ReleaseRefused(f"version '{version_id}' is not an entry of {VERSIONS_FILE}")
    existing = next((v for k, v in item.value if k.value == "hash"), None)
    if existing is not None:
        start, end = existing.start_mark.index, existing.end_mark.index
        new = text[:start] + new_hash + text[end:]
    else:
        indent = " " * item.value[0][0].start_mark.column
        at = _end_of_line(text, _last_value_end(item))
        line = f"{indent}hash: {new_hash}\n"
        new = text[:at] + ("" if text[at - 1] == "\n" else "\n") + line + text[at:]
    expected = _entries(text)
    for entry in expected:
        if entry.get("id") == version_id:
            entry["hash"] = new_hash
    if _entries(new) != expected:
        raise ReleaseRefused(f"could not set the hash in {VERSIONS_FILE} without rewriting it")
    return new


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ReleaseRefused(f"{VERSIONS_FILE}: malformed YAML ({exc})") from None
    if node is None:
        raise ReleaseRefused(f"{VERSIONS_FILE} is empty")
    return node


def _versions_node(node: yaml.Node) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for key, value in node.value if key.value == "versions"), None)


def _mapping_value(node: yaml.MappingNode, key: str) -> str | None:
    for k, v in node.value:
        if k.value == key and isinstance(v, yaml.ScalarNode):
            return str(v.value)
    return None


def _last_value_end(node: yaml.Node) -> int:
    """Where the last scalar of ``node`` ends (a trailing comment is after it)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def _end_of_line(text: str, index: int) -> int:
    """Just past the newline that ends the line ``index`` is on (a block scalar ends at a line
    start already), or the end of the text."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _entries(text: str) -> list[dict[str, Any]]:
    value = load_yaml(text).value
    items = value.get("versions") if isinstance(value, dict) else None
    return [dict(item) for item in items] if isinstance(items, list) else []


def _confirmed(before: str | None, after: str, fields: Sequence[tuple[str, str]]) -> str:
    """``after`` if it parses to the entries of ``before`` plus the new one, else refuse."""
    expected = _entries(before) if before and before.strip() else []
    expected.append({key: value for key, value in fields})
    try:
        got = _entries(after)
    except YamlError:
        got = None
    if got != expected:
        raise ReleaseRefused(
            f"could not add the entry to {VERSIONS_FILE} without rewriting it; "
            "check its layout (a plain block list under 'versions:')"
        )
    return after


# -- sealing versions released before Redraft ------------------------------------------------


@dataclass(frozen=True)
class SealResult:
    version_id: str
    manifest_path: str
    hash: str
    files: int


def seal_version(root: Path | str, version_id: str, *, reseal: bool = False) -> SealResult:
    """Record the manifest and hash of a released version that has none yet.

    For versions circulated before the knowledge base used Redraft: from now on ``redraft check``
    proves their folders unchanged.  A version that already has a hash is refused unless
    ``reseal`` (a deliberate correction of the record, never part of the command line's defaults).
    """
    root_path = Path(root).resolve()
    versions_before = _read_versions(root_path)
    if versions_before is None:
        raise ReleaseRefused(f"there is no {VERSIONS_FILE}")
    text = versions_before.decode("utf-8")
    entry = _listed_entries(text).get(version_id)
    if entry is None:
        raise ReleaseRefused(f"version '{version_id}' is not listed in {VERSIONS_FILE}")
    if entry.get("hash") and not reseal:
        raise ReleaseRefused(
            f"version '{version_id}' is already sealed ({entry['hash']}); a sealed version "
            "never changes, and `redraft check` reports any difference"
        )
    folder = f"guidelines/{version_id}"
    files = _read_folder(FileSource(root_path), folder)
    digests = {name: file_digest(data) for name, data in files.items()}
    new_hash = content_hash(digests)
    versions_after = versions_with_hash(text, version_id, new_hash)
    manifest_path = f"{MANIFESTS_DIR}/{version_id}.sha256"
    manifest_file = root_path / manifest_path
    manifest_before = manifest_file.read_bytes() if manifest_file.exists() else None
    undo = _Undo()
    try:
        if manifest_before is None:
            _write_new_file(manifest_file, manifest_text(digests).encode(), undo)
        else:
            _replace_file(manifest_file, manifest_text(digests).encode(), manifest_before, undo)
        _replace_file(root_path / VERSIONS_FILE, versions_after.encode(), versions_before, undo)
    except BaseException as exc:
        failures = undo.run()
        if isinstance(exc, KeyboardInterrupt):
            raise
        extra = ("; could not undo: " + "; ".join(failures)) if failures else ""
        raise ReleaseFailed(f"could not seal '{version_id}' ({exc}){extra}") from exc
    return SealResult(version_id, manifest_path, new_hash, len(files))
