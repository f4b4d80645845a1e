"""What the site takes from the knowledge base besides its data: ``mkdocs.yml`` and the editor's
own pages (``docs/`` unless ``mkdocs.yml`` names another folder).

They are read through the same :class:`~redraft.kb.sources.FileSource` as the data, so the same
rules hold: no symbolic link out of the root, the size limit, a ``path:line`` problem for what
cannot be read.  The hand-written pages are copied into the public site as they are, so two more
rules protect what is not meant to be published: the pages folder must not be (or hold, or lie
inside) a folder of the knowledge base's data, and a link among the pages must not lead out of
the pages folder (``docs/gbr.txt → ../comments/submissions/…/GBR.yml`` would publish a restricted
submission).  ``redraft check`` reports these problems; ``redraft build`` refuses to run with them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from redraft.kb.load import DATA_PATHS
from redraft.kb.problems import Problem
from redraft.kb.sources import FileSource, ReadError

CONFIG_NAME = "mkdocs.yml"
DEFAULT_DOCS_DIR = "docs"
MAX_INHERIT_DEPTH = 8
"""``INHERIT`` chains longer than this are taken for a loop."""


@dataclass(frozen=True)
class SiteInputs:
    config: dict[str, Any] | None
    """``mkdocs.yml`` as MkDocs reads it; None without one (the site uses Redraft's default)."""
    docs_dir: str
    """The hand-written pages' folder, relative to the root."""
    pages: dict[str, bytes]
    """The hand-written pages (paths relative to ``docs_dir``) that may be published."""
    problems: tuple[Problem, ...]


def read_site_inputs(files: FileSource) -> SiteInputs:
    """``mkdocs.yml``, the pages folder it names and the pages in it, with every problem met."""
    config, problems = read_config(files)
    docs_dir = str((config or {}).get("docs_dir") or DEFAULT_DOCS_DIR)
    refusal = docs_dir_problem(docs_dir)
    if refusal is not None:
        line = _key_line(files, "docs_dir")
        problems.append(Problem(CONFIG_NAME, line, refusal))
        return SiteInputs(config, docs_dir, {}, tuple(problems))
    folder = posixpath.normpath(docs_dir)
    # the folder itself may be a link inside the root (docs → site/docs): what counts is where
    # it leads, which must not be the data either
    resolved = files.target(folder) or folder
    refusal = docs_dir_problem(resolved) if resolved != folder else None
    if refusal is not None:
        problems.append(Problem(folder, 1, f"symbolic link to {resolved}/: {refusal}"))
        return SiteInputs(config, folder, {}, tuple(problems))
    pages, page_problems = read_pages(files, folder, resolved)
    return SiteInputs(config, folder, pages, tuple(problems + page_problems))


def read_config(files: FileSource) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``mkdocs.yml`` parsed as MkDocs parses it (``!ENV``, ``INHERIT``), or None if absent."""
    if not files.exists(CONFIG_NAME):
        return None, []
    try:
        return _config_at(files, CONFIG_NAME, depth=0), []
    except _ConfigProblem as problem:
        return None, [Problem(problem.path, problem.line, problem.message)]


class _ConfigProblem(Exception):
    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _config_at(files: FileSource, path: str, depth: int) -> dict[str, Any]:
    # MkDocs' own loader, given the text rather than a file, so that it never opens a file
    # itself: INHERIT is followed here, through the source, and only inside the root.
    from mergedeep import merge  # type: ignore[import-untyped]  # MkDocs' own INHERIT merge
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        text = files.read_text(path)
    except ReadError as exc:
        raise _ConfigProblem(path, exc.line, exc.message) from None
    try:
        loaded = yaml_load(text)
    except ConfigurationError as exc:
        mark = getattr(exc.__context__, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise _ConfigProblem(path, line, f"cannot read: {exc}".splitlines()[0]) from None
    if not isinstance(loaded, dict):
        raise _ConfigProblem(path, 1, "cannot read: not a mapping of settings")
    config = dict(loaded)
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    line = _key_line(files, "INHERIT", path)
    parent_path = posixpath.normpath(posixpath.join(posixpath.dirname(path), str(parent)))
    if posixpath.isabs(str(parent)) or parent_path.split("/")[0] == "..":
        raise _ConfigProblem(path, line, f"INHERIT: '{parent}' is outside the knowledge base")
    if depth >= MAX_INHERIT_DEPTH:
        raise _ConfigProblem(path, line, "INHERIT: the chain of inherited files loops")
    if not files.exists(parent_path):
        raise _ConfigProblem(path, line, f"INHERIT: '{parent}' does not exist")
    inherited = _config_at(files, parent_path, depth + 1)
    merged: dict[str, Any] = merge(inherited, config)
    return merged


def docs_dir_problem(docs_dir: str) -> str | None:
    """Why ``docs_dir`` must not be published as hand-written pages, or None."""
    normal = posixpath.normpath(docs_dir)
    if posixpath.isabs(docs_dir) or normal == ".." or normal.startswith("../"):
        return f"docs_dir: '{docs_dir}' is outside the knowledge base"
    if normal == "." or any(part.startswith(".") for part in normal.split("/")):
        return f"docs_dir: '{docs_dir}' is the knowledge base's root or a hidden folder"
    for data in DATA_PATHS:
        if normal == data or normal.startswith(f"{data}/"):
            return (
                f"docs_dir: '{docs_dir}' is the knowledge base's data ({data}), "
                "which is not published as hand-written pages"
            )
    return None


def read_pages(
    files: FileSource, folder: str, resolved: str | None = None
) -> tuple[dict[str, bytes], list[Problem]]:
    """The files under ``folder`` that may be published, and a problem for each that may not.

    ``resolved`` is where ``folder`` itself leads, if it is a symbolic link inside the root."""
    inside = f"{resolved or folder}/"
    pages: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name in files.list_files(folder, recursive=True):
        path = f"{folder}/{name}"
        target = files.target(path)
        if target is not None and not target.startswith(inside):
            problems.append(
                Problem(
                    path,
                    1,
                    f"symbolic link leads out of {folder}/ (to {target}); a hand-written page "
                    f"is published, so it must be a file inside {folder}/",
                )
            )
            continue
        try:
            pages[name] = files.read_bytes(path)
        except ReadError as exc:
            problems.append(Problem(path, exc.line, exc.message))
    for path, why in files.refused():
        if path == folder or path.startswith(f"{folder}/"):
            problems.append(Problem(path, 1, why))
    return pages, problems


_KEY = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:", re.MULTILINE)


def _key_line(files: FileSource, key: str, path: str = CONFIG_NAME) -> int:
    """The line a top-level ``key`` is set on (1 if it is not found: set by an inherited file)."""
    text = files.read_bytes_quiet(path)
    if text is None:
        return 1
    decoded = text.decode("utf-8", errors="replace")
    for match in _KEY.finditer(decoded):
        if match.group("key") == key:
            return decoded.count("\n", 0, match.start()) + 1
    return 1
