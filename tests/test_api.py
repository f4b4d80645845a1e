"""The public API (``import redraft``): what docs/api.md promises, run as written."""

from __future__ import annotations

import contextlib
import io
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import redraft
from redraft.checks.rules import check as check_folder
from redraft.kb.load import load as load_folder
from redraft.redline.compare import diff_versions
from tests.conftest import REPO, is_planted_drift
from tests.gitkb import commit_all, init_repo, isolate_git

API_PAGE = REPO / "docs" / "api.md"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, flags=re.M | re.S)


def test_the_one_liner_prints_the_number_of_problems_in_the_repository_root() -> None:
    """Exactly the command of the brief, in a fresh interpreter, from the repository root."""
    code = "import redraft; kb = redraft.load('.'); print(len(redraft.check(kb)))"
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{len(check_folder(REPO))}\n" == "1\n"


def test_every_example_of_docs_api_md_runs(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch, example_documents: Path
) -> None:
    """The page's code blocks, in order, in one namespace, in a copy of the example (the build
    example writes site/ and build/ where it runs); the documents its build offers are those
    made for the session (``example_documents``), reused as a rebuild reuses them."""
    shutil.copytree(example_documents, example_copy / "build" / "cache")
    blocks = python_blocks(API_PAGE.read_text(encoding="utf-8"))
    assert len(blocks) == 4, "one example a function"
    monkeypatch.chdir(example_copy)
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for number, block in enumerate(blocks, 1):
            exec(compile(block, f"docs/api.md, example {number}", "exec"), namespace)
    printed = out.getvalue()
    assert "2018-3" in printed and "draft" in printed
    assert "pre-seizure-planning.zh.md:8: warning:" in printed
    assert "unknown version '2017-1'" in printed
    assert (example_copy / "site" / "index.html").is_file()


def test_check_reports_what_redraft_check_reports(example_copy: Path) -> None:
    (example_copy / "comments" / "parties.yml").write_text("- not: a party\n", encoding="utf-8")
    loaded = redraft.load(example_copy)
    assert loaded.problems, "a broken file is a problem met while loading"
    assert redraft.check(loaded) == check_folder(example_copy)
    assert any(p.path == "comments/parties.yml" and p.severity == "error" for p in loaded.problems)


def test_on_the_example_one_planted_warning() -> None:
    problems = redraft.check(redraft.load(REPO))
    assert len(problems) == 1 and is_planted_drift(problems[0])


def test_load_returns_the_model_the_internals_load(example_root: Path) -> None:
    loaded = redraft.load(example_root)
    assert isinstance(loaded.kb, redraft.KnowledgeBase)
    assert loaded.kb == load_folder(example_root).kb
    assert loaded.root == example_root


def test_load_refuses_what_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a folder"):
        redraft.load(tmp_path / "nowhere")


def test_diff_is_the_engine_s_diff_and_takes_a_bare_model(example_root: Path) -> None:
    loaded = redraft.load(example_root)
    redline = redraft.diff(loaded, "2018-3", "draft", guideline="pre-seizure-planning")
    assert isinstance(redline, redraft.VersionDiff)
    assert redline == diff_versions(loaded.kb, "2018-3", "draft", "pre-seizure-planning")
    assert redraft.diff(loaded.kb, "2018-3", "draft") == redraft.diff(loaded, "2018-3", "draft")
    with pytest.raises(redraft.GuidelineNotFound):
        redraft.diff(loaded, "2018-3", "draft", guideline="no-such-guideline")
    with pytest.raises(redraft.LanguageNotFound):
        redraft.diff(loaded, "2018-3", "draft", language="zh")


def test_diff_reads_draft_at_rev_from_the_loaded_folder_not_the_current_one(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    guideline = example_copy / "guidelines/draft/transparency.md"
    guideline.write_text(guideline.read_text().replace("should", "shall"))
    commit_all(example_copy, "shall")
    monkeypatch.chdir(tmp_path)  # not a repository
    loaded = redraft.load(example_copy)
    redline = redraft.diff(loaded, "draft@HEAD~1", "draft")
    assert [g.id for g in redline.changed_guidelines] == ["transparency"]
    with pytest.raises(redraft.VersionNotFound, match="none was given"):
        redraft.diff(loaded.kb, "draft@HEAD~1", "draft")


def test_build_refuses_a_knowledge_base_with_errors(example_copy: Path) -> None:
    (example_copy / "comments" / "parties.yml").write_text("- not: a party\n", encoding="utf-8")
    with pytest.raises(redraft.SiteBuildError) as raised:
        redraft.build(example_copy)
    assert raised.value.lines[-1].endswith("the site was not built")
    assert not (example_copy / "site").exists()


def test_all_names_exist_and_no_submodule_shadows_one() -> None:
    for name in redraft.__all__:
        assert hasattr(redraft, name), name
    submodules = {module.name for module in pkgutil.iter_modules(redraft.__path__)}
    assert {"kb", "redline", "comments", "checks", "release", "site", "exports", "cli"} <= (
        submodules
    )
    assert submodules.isdisjoint(redraft.__all__)
    for name in ("load", "check", "diff", "build"):
        function = getattr(redraft, name)
        assert function.__doc__ and function.__annotations__, name
