"""The site's URL scheme: where every page lives, and the anchors inside pages.

Every page is a folder with an ``index.md`` so that MkDocs serves it at a permanent, clean URL
(``/guidelines/sale-before-confiscation/``).  Functions return paths relative to the docs folder;
:func:`link` turns two of them into the relative Markdown link MkDocs checks and rewrites.

Identifiers from the data reach a path only through :func:`segment`, which refuses anything but
lowercase letters, digits and hyphens (the loader already enforces this; this is the last gate
before a path is built).

Anchors: a guideline's own anchor is its id; everything else carries an underscore, which no id
can contain, so that a paragraph, a part or a fixed section can never collide with a guideline.
"""

from __future__ import annotations

import functools
import posixpath
import re

_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class UnsafeIdentifier(ValueError):
    """An identifier that cannot be used in a URL."""


def segment(identifier: str) -> str:
    # Every path and anchor of a page is built through here (1.3 million times at M): an
    # identifier seen safe once is not matched again.
    if identifier in _SAFE:
        return identifier
    if not _SEGMENT.fullmatch(identifier):
        raise UnsafeIdentifier(f"not usable in a URL: {identifier!r}")
    if len(_SAFE) >= _SAFE_MOST:  # `serve` rebuilds for hours: keep it bounded
        _SAFE.clear()
    _SAFE.add(identifier)
    return identifier


_SAFE: set[str] = set()
_SAFE_MOST = 1 << 17


def party_segment(code: str) -> str:
    return segment(code.lower())


HOME = "index.md"
VERSIONS = "versions/index.md"
GUIDELINES = "guidelines/index.md"
COMPARE = "compare/index.md"
CONCORDANCE = "concordance/index.md"
PARTIES = "parties/index.md"
COMMENTS = "comments/index.md"
STATS = "stats/index.md"
STATS_GUIDELINES = "stats/guidelines/index.md"
"""The comments per guideline, on a page of their own when /stats/ would be too long."""
STATS_PARTIES = "stats/parties/index.md"
TRANSLATIONS = "translations/index.md"
MEETINGS = "meetings/index.md"
REFERENCES = "references/index.md"
ASSETS = "assets/redraft"


def version(version_id: str) -> str:
    return f"versions/{segment(version_id)}/index.md"


def version_guideline(version_id: str, guideline_id: str) -> str:
    return f"versions/{segment(version_id)}/{segment(guideline_id)}/index.md"


def guideline(guideline_id: str) -> str:
    return f"guidelines/{segment(guideline_id)}/index.md"


def compare(from_id: str, to_id: str) -> str:
    return f"compare/{segment(from_id)}/{segment(to_id)}/index.md"


def reply(code: str, submission_id: str) -> str:
    """One reply of a party, on its own page (for parties with many comments)."""
    call_id, _, name = submission_id.partition("/")
    return f"parties/{party_segment(code)}/{segment(call_id)}/{segment(name.lower())}/index.md"


def comments_of(call_id: str, page: int = 1) -> str:
    """The comments received on one call, ``page`` of them when there are many."""
    if page == 1:
        return f"comments/{segment(call_id)}/index.md"
    return f"comments/{segment(call_id)}/{page}/index.md"


def translations(version_id: str) -> str:
    return f"translations/{segment(version_id)}/index.md"


def meeting(meeting_id: str) -> str:
    return f"meetings/{segment(meeting_id)}/index.md"


def party(code: str) -> str:
    return f"parties/{party_segment(code)}/index.md"


def page_url(path: str) -> str:
    """The URL path (relative to the site root) MkDocs gives the page at ``path``."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A relative link from the page at ``from_path`` to the page (or file) at ``to_path``."""
    target = relative_path(to_path, _folder(from_path))
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=1 << 12)
def _folder(path: str) -> str:
    # A page links from its own path hundreds of times.
    return posixpath.dirname(path)


@functools.lru_cache(maxsize=1 << 14)
def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start or ".")``, answered from the two strings alone.

    A build makes hundreds of thousands of links (830,000 at M); ``relpath`` makes both paths
    absolute against the working directory first, which was 47 µs a link and a fifth of page
    generation.  Two relative paths of plain names (no ``.`` or ``..``, no empty name) need no
    working directory: drop their common folders and climb out of the rest.  Anything else is
    left to ``relpath``, so every answer is the one it gives.  The last answers are kept: a page
    links to the same few pages many times (a comparison's addressed comments, each to its
    guideline's living page)."""
    if _PLAIN_PATH.fullmatch(path) is None or (start and _PLAIN_PATH.fullmatch(start) is None):
        return posixpath.relpath(path, start or ".")
    start_parts = start.split("/") if start else []
    path_parts = path.split("/")
    common = 0
    most = min(len(start_parts), len(path_parts))
    while common < most and start_parts[common] == path_parts[common]:
        common += 1
    climb = "../" * (len(start_parts) - common)
    return (climb + "/".join(path_parts[common:])).removesuffix("/") or "."


_PLAIN_PATH = re.compile(r"[^/.][^/]*(?:/[^/.][^/]*)*")
"""A relative path of names that do not start with a dot, without empty names."""


def url_link(
    from_path: str, to_url: str, anchor: str | None = None, *, from_prefix: str = ""
) -> str:
    """A relative link to a URL outside this MkDocs project (another language tree).

    ``to_url`` is relative to the root of the whole site (``zh/guidelines/x/``, or
    ``guidelines/x/`` for the main tree); ``from_prefix`` is where the tree of ``from_path``
    sits under that root (``zh/``), so that the link climbs out of it.
    """
    depth = page_url(from_path).count("/") + from_prefix.count("/")
    target = "../" * depth + to_url
    target = target or "./"
    return f"{target}#{anchor}" if anchor else target


# -- anchors -----------------------------------------------------------------------------------


def guideline_anchor(guideline_id: str) -> str:
    return segment(guideline_id)


def paragraph_anchor(guideline_id: str, paragraph_id: str) -> str:
    return f"{segment(guideline_id)}_{segment(paragraph_id)}"


_DISPLAYED = re.compile(r"^\(?([a-z0-9]{1,8})[.)]?$")


def displayed_paragraph_anchor(guideline_id: str, label: str) -> str | None:
    """The anchor named from a paragraph's *displayed* letter or number: "(b)" in guideline
    ``x`` → ``x__b``.  Two underscores: a stable id never starts with one (:func:`segment`), so
    this namespace cannot meet :func:`paragraph_anchor`'s.  None for a label that is not a
    plain letter or number."""
    match = _DISPLAYED.match(label.strip())
    if match is None:
        return None
    return f"{segment(guideline_id)}__{match.group(1)}"


def shared_paragraph_anchor(guideline_id: str, paragraph_id: str, label: str = "") -> str:
    """The anchor a link to a paragraph carries: the stable one (``x_c``) when it already says
    the displayed letter, else the displayed one (``x__b`` for a paragraph (b) whose stable id is
    ``c`` since a relettering), so that a shared link names the paragraph the reader sees.  The
    stable anchor stays on the paragraph: old links keep working."""
    stable = paragraph_anchor(guideline_id, paragraph_id)
    displayed = displayed_paragraph_anchor(guideline_id, label) if label else None
    if displayed is None or displayed == f"{segment(guideline_id)}__{paragraph_id}":
        return stable
    return displayed


def part_anchor(part_id: str) -> str:
    return f"part_{segment(part_id)}"


def comment_anchor(comment_id: str) -> str:
    return f"comment_{segment(comment_id)}"


def submission_anchor(submission_id: str) -> str:
    call_id, _, name = submission_id.partition("/")
    return f"reply_{segment(call_id)}_{segment(name.lower())}"


def call_anchor(call_id: str) -> str:
    return f"call_{segment(call_id)}"


def history_anchor(from_id: str, to_id: str) -> str:
    return f"history_{segment(from_id)}_{segment(to_id)}"


def report_paragraph_anchor(number: int) -> str:
    """A paragraph of a meeting's report, on the meeting's page."""
    return f"para_{int(number)}"


def discussed_anchor(meeting_id: str, number: int) -> str:
    """One report paragraph in a guideline's "Discussed at" section."""
    return f"discussed_{segment(meeting_id)}_{int(number)}"


def reference_anchor(reference_id: str) -> str:
    return f"reference_{segment(reference_id)}"
