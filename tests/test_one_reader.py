"""One reader: everything the knowledge base, its hand-written pages, ``mkdocs.yml`` and git hold
is read through :mod:`redraft.kb`, by the same rules everywhere.

* The source: no module outside ``redraft/kb/`` opens, lists or parses a file of the knowledge
  base (an AST scan with a short, reasoned allow-list of what is not the knowledge base).
* The hand-written pages are published as they are, so a page that links out of the root or into
  the data (``docs/gbr.txt → ../comments/…/GBR.yml``, a restricted submission) and a ``docs_dir``
  naming a folder of the data are reported by ``redraft check`` as ``path:line`` problems and stop
  a build before anything is written.
* The other readers moved into kb keep its rules: the build's fingerprint does not read a file
  over the size limit or behind a refused link, sealing does not follow ``versions.yml`` out of
  the root, and ``redraft new`` counts a refused link as a taken name.
"""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import free_submission_stem
from redraft.kb.site_inputs import read_site_inputs
from redraft.kb.sources import MAX_FILE_BYTES, OUTSIDE_LINK, FileSource
from redraft.release.errors import ReleaseRefused
from redraft.release.seal import seal_version
from redraft.site.build import prepare
from redraft.site.errors import SiteBuildError
from redraft.site.layout import PUBLIC_PAGES
from redraft.site.stamp import fingerprint

from .conftest import REPO
from .site_support import example_site_root
from .test_atomic_writes import _opens_for_writing

SRC = REPO / "src" / "redraft"
RESTRICTED = "comments/submissions/2019-nv/GBR.yml"
CANARY = "CANARY-never-published"


# -- the source: one reader ------------------------------------------------------------------

PATH_READS = frozenset({"open", "read_text", "read_bytes", "iterdir", "glob", "rglob"})
OS_READS = frozenset({"open", "walk", "listdir", "scandir"})
PARSES_A_STREAM = {
    "yaml": {"load", "safe_load", "full_load", "unsafe_load", "load_all", "safe_load_all"},
    "json": {"load"},
}
OTHER_READERS = frozenset({"Repo", "yaml_load", "load_config"})
"""GitPython's repository, MkDocs' configuration loaders (they open files themselves)."""

ALLOWED = {
    # (module, enclosing function, call as written): why it does not read the knowledge base
    ("release/inputs.py", "read_if_there", "files.read_bytes"): "through kb's FileSource",
    ("release/inputs.py", "read_folder", "files.read_bytes"): "through kb's FileSource",
    ("site/stamp.py", "fingerprint", "files.read_bytes"): "through kb's FileSource",
    ("site/stamp.py", "fingerprint", "own.read_bytes"): "Redraft's own code, hashed",
    ("kb/own_code.py", "package_files", "PACKAGE.rglob"): "Redraft's own code, listed",
    ("site/stamp.py", "read_stamp", "….read_text"): "the stamp Redraft wrote beside its pages",
    ("site/config.py", "default_base", "….read_text"): "Redraft's own template mkdocs.yml",
    ("site/config.py", "default_base", "yaml.safe_load"): "Redraft's own template, as text",
    ("site/generate.py", "_assets", "folder.iterdir"): "Redraft's own CSS and JavaScript",
    ("site/generate.py", "_assets", "entry.read_bytes"): "Redraft's own CSS and JavaScript",
    ("site/mkdocs_run.py", "build_tree", "load_config"): "a generated tree's mkdocs.yml",
    ("site/mkdocs_run.py", "tree_nav", "open"): "a generated tree's mkdocs.yml",
    ("site/mkdocs_run.py", "tree_nav", "yaml.safe_load"): "a generated tree's mkdocs.yml",
    ("site/writer.py", "*", "*"): "the generated pages folder, compared before rewriting it",
    ("site/output.py", "_built_before", "site.iterdir"): (
        "the site folder, which refuse_unsafe_site has just proved is no knowledge-base folder"
    ),
    ("site/output.py", "_locked_descriptor", "os.open"): "the build's own lock file in build/",
    ("cli/importing.py", "submission_command", "file.read_bytes"): (
        "the Word file the editor names on the command line, not a knowledge-base file"
    ),
    ("site/build.py", "_tree_pages", "….rglob"): "the generated pages of a tree, counted",
    ("site/render_cache.py", "_theme_files", "resolved.rglob"): (
        "the theme's template folder, hashed into the render cache's key (never parsed)"
    ),
    ("site/render_cache.py", "_theme_files", "path.read_bytes"): (
        "the theme's template folder, hashed into the render cache's key (never parsed)"
    ),
    ("site/render_cache.py", "configuration_key", "….read_text"): (
        "a generated tree's mkdocs.yml, hashed into the render cache's key"
    ),
    ("site/render_cache.py", "read_entry", "….read_bytes"): "the render cache Redraft wrote",
    ("site/reads.py", "load_record", "path.read_bytes"): (
        "the record of the last generation Redraft wrote beside its pages"
    ),
    ("site/render_cache.py", "remove_unused", "folder.iterdir"): "the render cache Redraft wrote",
    ("redline/comparison_cache.py", "code_key", "….read_bytes"): (
        "Redraft's own comparing code, hashed into the comparison cache's key"
    ),
    ("site/build.py", "_prepare", "ComparisonCache.open"): (
        "the comparisons Redraft kept in build/cache, read through kb's read_cache_bytes"
    ),
    ("kb/own_code.py", "own_code_digest", "own.read_bytes"): "Redraft's own code, hashed",
    ("site/tree_reuse.py", "folder_digest", "tree_folder.rglob"): (
        "a generated tree's files, hashed into the tree's key (never parsed)"
    ),
    ("site/tree_reuse.py", "folder_digest", "path.read_bytes"): (
        "a generated tree's files, hashed into the tree's key (never parsed)"
    ),
    ("site/tree_reuse.py", "_editor_theme", "open"): "a generated tree's mkdocs.yml",
    ("site/tree_reuse.py", "_editor_theme", "yaml.safe_load"): "a generated tree's mkdocs.yml",
    ("site/tree_reuse.py", "_editor_theme", "folder.rglob"): (
        "the theme's template folder, hashed into the tree's key (never parsed)"
    ),
    ("site/tree_reuse.py", "_editor_theme", "path.read_bytes"): (
        "the theme's template folder, hashed into the tree's key (never parsed)"
    ),
    ("site/serve_trees.py", "on_post_build", "….rglob"): "the generated pages of a tree, counted",
    ("editing/changeset.py", "original", "….read_text"): "through kb's FileSource",
    ("editing/yamledit.py", "__init__", "yaml.load"): "text already read through kb's FileSource",
    ("cli/importing.py", "version_command", "file.read_bytes"): (
        "the Word file the editor names on the command line, not a knowledge-base file"
    ),
    ("exports/documents.py", "is_redraft_document", "path.read_bytes"): (
        "an export's output file (already proved a regular file), read back to see it is one "
        "Redraft wrote before replacing it"
    ),
    ("exports/pdf.py", "docx_to_pdf", "produced.read_bytes"): (
        "the PDF LibreOffice wrote into a private temporary folder"
    ),
    ("exports/compilation.py", "is_compilation", "os.open"): (
        "an export's output file, read back to see it is one Redraft wrote before replacing it"
    ),
}


class _Reads(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.function = "<module>"
        self.found: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        call = _reading_call(node)
        if call is not None and not any(
            key in ALLOWED for key in ((self.module, self.function, call), (self.module, "*", "*"))
        ):
            self.found.append(f"{self.module}:{node.lineno}: {self.function}() calls {call}()")
        self.generic_visit(node)


def _reading_call(node: ast.Call) -> str | None:
    """The call as written (``owner.name`` or ``name``) if it opens, lists or parses a file."""
    func = node.func
    if isinstance(func, ast.Name):
        name, owner = func.id, None
    elif isinstance(func, ast.Attribute):
        name = func.attr
        owner = func.value.id if isinstance(func.value, ast.Name) else "…"
    else:
        return None
    written = f"{owner}.{name}" if owner else name
    if name == "open" and owner != "os" and _opens_for_writing(node):
        return None  # a write: tests/test_atomic_writes.py polices those
    if owner == "os":
        return written if name in OS_READS else None
    if owner in PARSES_A_STREAM:
        return written if name in PARSES_A_STREAM[owner] else None
    if name in PATH_READS and (owner is not None or name == "open"):
        return written
    return written if name in OTHER_READERS else None


def test_only_the_loader_reads_the_knowledge_base() -> None:
    found: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if module.startswith("kb/"):
            continue  # the reader itself
        visitor = _Reads(module)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found.extend(visitor.found)
    assert found == [], "read through redraft.kb (its sources) instead:\n" + "\n".join(found)


def test_the_scan_sees_each_kind_of_read() -> None:
    """The scan itself: each way of reading is caught, and writes and the loader are not."""
    source = """
def f(root, files):
    open(root / "a")
    (root / "b").read_text()
    list(root.iterdir())
    os.walk(root)
    git.Repo(root)
    yaml.safe_load(stream)
    open(root / "c", "w")
    load(root)
    "text".replace("a", "b")
"""
    visitor = _Reads("site/example.py")
    visitor.visit(ast.parse(source))
    calls = [line.rsplit(" calls ", 1)[1] for line in visitor.found]
    assert calls == [
        "open()",
        "….read_text()",
        "root.iterdir()",
        "os.walk()",
        "git.Repo()",
        "yaml.safe_load()",
    ]


# -- hand-written pages: what must not be published ------------------------------------------


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    """The example with ``mkdocs.yml`` and ``docs/``, and a secret outside it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "hostname").write_text(f"{CANARY}\n", encoding="utf-8")
    return example_site_root(tmp_path / "kb")


def problem_lines(root: Path) -> list[str]:
    """The errors ``redraft check`` reports (the example's planted drift is only warnings)."""
    return [str(p) for p in check(root) if p.severity == "error"]


def assert_not_built(root: Path, expected: str) -> None:
    """``prepare`` refuses with the problem, and writes no page at all."""
    with pytest.raises(SiteBuildError) as refused:
        prepare(root)
    assert expected in refused.value.lines
    assert not (root / PUBLIC_PAGES).exists()


def test_a_page_linking_out_of_the_root_is_reported_and_not_published(
    site_root: Path, tmp_path: Path
) -> None:
    (site_root / "docs" / "x.txt").symlink_to(tmp_path / "outside" / "hostname")
    expected = f"docs/x.txt:1: {OUTSIDE_LINK}"
    assert problem_lines(site_root) == [expected]
    assert "x.txt" not in read_site_inputs(FileSource(site_root)).pages
    assert_not_built(site_root, expected)


def test_a_page_linking_into_the_comments_is_reported_and_not_published(site_root: Path) -> None:
    (site_root / "docs" / "gbr.txt").symlink_to(Path("..") / RESTRICTED)
    expected = (
        f"docs/gbr.txt:1: symbolic link leads out of docs/ (to {RESTRICTED}); a hand-written "
        "page is published, so it must be a file inside docs/"
    )
    assert problem_lines(site_root) == [expected]
    assert_not_built(site_root, expected)


def test_a_link_inside_the_pages_folder_is_published(site_root: Path) -> None:
    (site_root / "docs" / "same.md").symlink_to("format.md")
    pages = read_site_inputs(FileSource(site_root))
    assert pages.problems == ()
    assert pages.pages["same.md"] == (site_root / "docs" / "format.md").read_bytes()
    assert problem_lines(site_root) == []


def _set_in_config(root: Path, line: str) -> int:
    """Replace ``docs_dir: docs`` in the example's mkdocs.yml; the line number it is on."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith("docs_dir:"))
    lines[index] = f"{line}\n"
    config.write_text("".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    "folder", ["comments", "guidelines/draft", "records", "records/meetings", ".", "../outside"]
)
def test_a_docs_dir_in_the_data_or_outside_is_refused(site_root: Path, folder: str) -> None:
    line = _set_in_config(site_root, f"docs_dir: {folder}")
    found = problem_lines(site_root)
    assert len(found) == 1 and found[0].startswith(f"mkdocs.yml:{line}: docs_dir: '{folder}'")
    assert read_site_inputs(FileSource(site_root)).pages == {}
    assert_not_built(site_root, found[0])


def test_a_docs_folder_that_is_a_link_into_the_data_is_refused(site_root: Path) -> None:
    shutil.rmtree(site_root / "docs")
    (site_root / "docs").symlink_to("comments", target_is_directory=True)
    found = problem_lines(site_root)
    assert len(found) == 1 and found[0].startswith("docs:1: symbolic link to comments/:")
    assert read_site_inputs(FileSource(site_root)).pages == {}


def test_inherit_out_of_the_root_is_refused(site_root: Path) -> None:
    (site_root.parent / "outside" / "base.yml").write_text(f"site_name: {CANARY}\n")
    config = site_root / "mkdocs.yml"
    config.write_text("INHERIT: ../outside/base.yml\n" + config.read_text(encoding="utf-8"))
    found = problem_lines(site_root)
    assert found == ["mkdocs.yml:1: INHERIT: '../outside/base.yml' is outside the knowledge base"]
    assert CANARY not in str(read_site_inputs(FileSource(site_root)).config)


def test_inherit_inside_the_root_is_merged(site_root: Path) -> None:
    (site_root / "base.yml").write_text("site_author: The secretariat\nsite_name: Base\n")
    config = site_root / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"))
    read = read_site_inputs(FileSource(site_root))
    assert read.problems == ()
    assert read.config is not None
    assert read.config["site_author"] == "The secretariat"  # from the parent
    assert read.config["site_name"] != "Base"  # the child's own value wins


def test_check_command_reports_the_planted_links(site_root: Path, tmp_path: Path) -> None:
    (site_root / "docs" / "x.txt").symlink_to(tmp_path / "outside" / "hostname")
    (site_root / "docs" / "gbr.txt").symlink_to(Path("..") / RESTRICTED)
    result = CliRunner().invoke(main, ["check", str(site_root)])
    assert result.exit_code == 1
    assert "docs/gbr.txt:1: symbolic link leads out of docs/" in result.output
    assert f"docs/x.txt:1: {OUTSIDE_LINK}" in result.output
    assert CANARY not in result.output and "Traceback" not in result.output


# -- the other readers keep kb's rules -------------------------------------------------------


def test_the_fingerprint_does_not_read_past_the_size_limit_or_a_refused_link(
    site_root: Path, tmp_path: Path
) -> None:
    big = site_root / "docs" / "big.bin"
    big.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    (site_root / "docs" / "x.txt").symlink_to(tmp_path / "outside" / "hostname")

    def taken() -> str:
        return fingerprint(FileSource(site_root), docs_dir="docs", internal=False)

    before = taken()
    big.write_bytes(b"b" * (MAX_FILE_BYTES + 1))  # same size, other bytes: not read, so no change
    (tmp_path / "outside" / "hostname").write_text("changed outside\n", encoding="utf-8")
    assert taken() == before
    (site_root / "docs" / "format.md").write_text("# Changed\n", encoding="utf-8")
    assert taken() != before  # what is read is still hashed


def test_sealing_does_not_follow_versions_yml_out_of_the_root(
    example_copy: Path, tmp_path: Path
) -> None:
    versions = example_copy / "guidelines" / "versions.yml"
    outside = tmp_path / "versions.yml"
    shutil.move(versions, outside)
    versions.symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(ReleaseRefused) as refused:
        seal_version(example_copy, "2018-3", reseal=True)
    assert refused.value.message == f"guidelines/versions.yml:1: {OUTSIDE_LINK}"
    assert outside.read_bytes() == before and versions.is_symlink()


def test_a_refused_link_takes_a_submission_name(example_copy: Path, tmp_path: Path) -> None:
    folder = example_copy / "comments" / "submissions" / "2019-nv"
    assert free_submission_stem(example_copy, "2019-nv", "ZAF") == ("ZAF", False)
    (folder / "ZAF.yml").symlink_to(tmp_path / "elsewhere.yml")  # dangling, and outside
    (folder / "ZAF-2.yml").write_text("party: ZAF\n", encoding="utf-8")
    assert free_submission_stem(example_copy, "2019-nv", "ZAF") == ("ZAF-3", True)
    assert not os.path.lexists(folder / "ZAF-3.yml")


def test_a_build_reports_the_pages_and_the_data_in_one_run(site_root: Path, tmp_path: Path) -> None:
    (site_root / "docs" / "x.txt").symlink_to(tmp_path / "outside" / "hostname")
    (site_root / "comments" / "submissions" / "2019-nv" / "ZAF.yml").write_bytes(b"party: Z\x00\n")
    with pytest.raises(SiteBuildError) as refused:
        prepare(site_root)
    assert refused.value.lines == [
        "comments/submissions/2019-nv/ZAF.yml:1: binary content (NUL byte) in a text file",
        f"docs/x.txt:1: {OUTSIDE_LINK}",
        "2 error(s): the site was not built",
    ]
    assert not (site_root / PUBLIC_PAGES).exists()
