"""Attacks that once worked, each replayed against the fix that closed it (docs/trust.md, 6).

* an editor's commit subject, name and hash published on the public site;
* a restricted reply betrayed by the numbering of a later public reply's anchors and ids;
* a guideline link with a title and text after it, accepted by ``check`` and fatal to the build;
* remote images smuggled past the image guard with a backslash or an encoded slash;
* Markdown whose rendering time grows with the square of its length.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.kb.load import load
from redraft.site.build import build

from .gitkb import AUTHOR, commit_all, init_repo, isolate_git
from .site_support import example_site_root
from .test_trust_restricted import readable_forms

# -- 5. commit messages are editors' notes ---------------------------------------------------

DRAFT_GUIDELINE = "guidelines/draft/pre-seizure-planning.md"


def _canary() -> str:
    return f"zq{secrets.token_hex(6)}"


def _found(folder: Path, canaries: dict[str, str]) -> dict[str, list[str]]:
    """Which canaries appear in which files of ``folder``, in every form a reader could see."""
    found: dict[str, list[str]] = {}
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    assert files, f"nothing in {folder}"
    for path in files:
        for form in readable_forms(path.read_bytes()):
            for what, canary in canaries.items():
                if canary in form:
                    found.setdefault(what, [])
                    name = path.relative_to(folder).as_posix()
                    if name not in found[what]:
                        found[what].append(name)
    return found


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A git repository of the example whose latest draft commit carries canaries in its
    subject and author name; yields the root and the canaries (subject, author, hash)."""
    base = tmp_path_factory.mktemp("commits")
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch, base / "home")
        root = example_site_root(base / "kb")
        init_repo(root)
        path = root / DRAFT_GUIDELINE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("plan how the assets", "plan carefully how the assets", 1))
        canaries = {"subject": _canary(), "author": _canary()}
        sha = commit_all(
            root,
            f"Reword (a) after the call with {canaries['subject']}",
            author=(f"Editor {canaries['author']}", AUTHOR[1]),
        )
        canaries["hash"] = sha[:12]
        yield root, canaries


def _build_with_git(root: Path, *, internal: bool = False) -> None:
    # provenance reads git in the build: the isolated environment must hold while it runs
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch, root.parent / "home")
        build(root, internal=internal, strict=True)


def test_a_commit_subject_never_reaches_the_public_site(
    committed: tuple[Path, dict[str, str]],
) -> None:
    root, canaries = committed
    _build_with_git(root)
    assert _found(root / "site", canaries) == {}
    assert _found(root / "build" / "pages", canaries) == {}
    # the site still says which guideline changed and when: provenance was read, not dropped
    living = (root / "site" / "guidelines" / "pre-seizure-planning" / "index.html").read_text()
    assert "Last changed in the working draft on 1 February 2026" in living


def test_the_internal_build_shows_subject_author_and_hash(
    committed: tuple[Path, dict[str, str]],
) -> None:
    """The same search finds all three in the secretariat's build: it would see a leak."""
    root, canaries = committed
    _build_with_git(root, internal=True)
    found = _found(root / "build" / "site-internal", canaries)
    assert set(found) == {"subject", "author", "hash"}
    assert "search/search_index.json" in found["subject"]


def test_opting_in_publishes_subject_and_hash_but_never_a_name(
    committed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, canaries = committed
    settings = root / "redraft.yml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + "publish_commit_messages: true\n", encoding="utf-8")
    try:
        assert load(root).problems == ()
        _build_with_git(root)
        found = _found(root / "site", canaries)
    finally:
        settings.write_text(original, encoding="utf-8")
    assert set(found) == {"subject", "hash"}
    assert "index.html" in found["subject"]  # the home page's "changes since the release"
    assert "search/search_index.json" in found["subject"]


def test_the_setting_takes_only_true_or_false(example_copy: Path) -> None:
    settings = example_copy / "redraft.yml"
    lines = settings.read_text(encoding="utf-8").count("\n")
    with settings.open("a", encoding="utf-8") as out:
        out.write("publish_commit_messages: sometimes\n")
    problems = [str(p) for p in load(example_copy).problems]
    assert len(problems) == 1
    assert problems[0].startswith(f"redraft.yml:{lines + 1}: ")
    assert "publish_commit_messages" in problems[0]
