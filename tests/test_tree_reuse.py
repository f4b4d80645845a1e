"""The pieces of a kept tree (src/redraft/site/tree_reuse.py, kb/atomic.link_folder), on the
example's generated pages: the key moves with any byte of the tree and nothing else, the key
``serve`` takes from disk is the one ``build`` takes from memory, and a kept tree is linked
whole, without the language trees' folders when it is the main tree.  That the site is the same
as a clean build's after every kind of edit is tests/test_site_incremental.py."""

from __future__ import annotations

import os
from pathlib import Path

from redraft.kb.atomic import link_folder
from redraft.kb.model import KnowledgeBase
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.output import SITE_MARKER
from redraft.site.tree_reuse import files_digest, folder_digest, left_out_of_main, tree_key
from redraft.site.writer import write_tree


def _generated(example_kb: KnowledgeBase) -> SiteFiles:
    return generate_site(
        example_kb,
        base_config={"site_name": "Example"},
        handwritten={},
        site_dir=lambda folder: "../site",
    )


def test_a_tree_key_moves_with_its_own_files_only(
    example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    site = _generated(example_kb)
    files = dict(site.files)
    before = {folder: files_digest(files, folder) for folder in site.folders.values()}
    page = next(p for p in sorted(files) if p.startswith("fr/docs/") and p.endswith(".md"))
    files[page] = files[page] + b"\nun mot de plus\n"
    after = {folder: files_digest(files, folder) for folder in site.folders.values()}
    assert [f for f in before if before[f] != after[f]] == ["fr"]

    folder = tmp_path / "pages" / "fr"
    folder.mkdir(parents=True)
    key = tree_key(after["fr"], tree_folder=folder, strict=False, epoch="0")
    assert key == tree_key(after["fr"], tree_folder=folder, strict=False, epoch="0")
    others = [
        tree_key(before["fr"], tree_folder=folder, strict=False, epoch="0"),
        tree_key(after["fr"], tree_folder=folder, strict=True, epoch="0"),
        tree_key(after["fr"], tree_folder=folder, strict=False, epoch="1"),
    ]
    assert key not in others and len(set(others)) == 3


def test_serve_takes_from_disk_the_key_build_takes_from_memory(
    example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    site = _generated(example_kb)
    pages = tmp_path / "pages"
    write_tree(pages, site.files)
    for folder in site.folders.values():
        assert folder_digest(pages / folder) == files_digest(site.files, folder), folder


def test_a_kept_tree_is_linked_whole_and_the_main_tree_without_the_others(
    tmp_path: Path,
) -> None:
    old = tmp_path / "site"
    for relative, data in {
        "index.html": b"<html>main</html>",
        "guidelines/a/index.html": b"<html>a</html>",
        "search/search_index.json": b"{}",
        "fr/index.html": b"<html>fr</html>",
        "zh/index.html": b"<html>zh</html>",
        SITE_MARKER: b"marker",
    }.items():
        (old / relative).parent.mkdir(parents=True, exist_ok=True)
        (old / relative).write_bytes(data)

    main = tmp_path / "main"
    count = link_folder(old, main, leave_out=left_out_of_main(["/", "fr/", "zh/"]))
    found = sorted(p.relative_to(main).as_posix() for p in main.rglob("*") if p.is_file())
    assert found == ["guidelines/a/index.html", "index.html", "search/search_index.json"]
    assert count == 3
    assert os.path.samefile(main / "index.html", old / "index.html")  # a link, not a copy

    french = tmp_path / "fr"
    link_folder(old / "fr", french)
    assert (french / "index.html").read_bytes() == b"<html>fr</html>"
