"""The render cache's files (src/redraft/site/render_cache.py): what a build stores is what the
next one reads, and anything else in the cache folder is a miss, never a misread page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from redraft.site.lean_pages import pack, unpack
from redraft.site.render_cache import (
    ENTRY_SUFFIX,
    MAGIC,
    Entry,
    Stored,
    read_entry,
    remove_unused,
    write_entry,
)

from .site_support import record_careful_writes

KEY = "a" * 64
# Long and repetitive, as pages are: LZ4 leaves a short text as it is.
CONTENT = "<p>converted</p>" * 40
FINISHED = "<html>finished</html>" * 40


def _stored() -> Stored:
    entry = Entry(
        toc=[["Guideline 1", "guideline-1", 1, []]],
        title="Guideline 1 — 中文 — العربية",
        anchors=["guideline-1", "comment_c-1"],
        links={"versions/draft/index.md": {"p-a": "1"}},
        warnings=[("mkdocs.structure.pages", 30, "a link to nowhere")],
        navigation="nav-key",
        search=[{"location": "", "title": "Guideline 1", "text": "words"}],
    )
    return Stored(entry, pack(CONTENT), pack(FINISHED))


def test_an_entry_reads_back_as_it_was_written_and_its_texts_stay_packed(
    tmp_path: Path,
) -> None:
    stored = _stored()
    write_entry(tmp_path, KEY, stored)
    found = read_entry(tmp_path, KEY)
    assert found is not None
    assert found.entry == stored.entry
    assert isinstance(found.content, bytes) and isinstance(found.html, bytes)
    assert unpack(found.content) == CONTENT
    assert unpack(found.html) == FINISHED
    # the texts are on disk packed, not as text
    data = (tmp_path / f"{KEY}{ENTRY_SUFFIX}").read_bytes()
    assert CONTENT.encode() not in data and FINISHED.encode() not in data
    assert len(found.content) < len(CONTENT) / 4 and len(found.html) < len(FINISHED) / 4


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1], id="truncated"),
        pytest.param(lambda data: data[:-5] + bytes([data[-5] ^ 1]) + data[-4:], id="bit-flip"),
        pytest.param(lambda data: data + b"x", id="trailing-byte"),
        pytest.param(lambda data: data.replace(MAGIC, b"redraft-page 1 ", 1), id="older-format"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b'{"content": "<p>old JSON entry</p>"}', id="json"),
        pytest.param(lambda data: data.split(b"\n", 1)[0] + b"\n", id="header-only"),
    ],
)
def test_a_damaged_or_foreign_entry_is_a_miss(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    write_entry(tmp_path, KEY, _stored())
    path = tmp_path / f"{KEY}{ENTRY_SUFFIX}"
    path.write_bytes(damage(path.read_bytes()))
    assert read_entry(tmp_path, KEY) is None


def test_a_build_leaves_only_the_entries_it_used(tmp_path: Path) -> None:
    used, unused = "b" * 64, "c" * 64
    write_entry(tmp_path, used, _stored())
    write_entry(tmp_path, unused, _stored())
    (tmp_path / f"{'d' * 64}.json").write_text("{}")  # an entry of the format before
    (tmp_path / ".stray.tmp").write_bytes(b"")  # a write a killed build left
    assert remove_unused(tmp_path, {used}) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{used}{ENTRY_SUFFIX}"]


def test_a_reused_page_s_links_to_anchors_are_checked_as_in_a_clean_build(tmp_path: Path) -> None:
    """A page taken from the cache still has its links to other pages' anchors checked: when
    the page it links to loses the anchor, the build that reuses it warns as a clean one does
    (the links are restored by their target's ``src_uri``)."""
    from redraft.site.mkdocs_run import build_tree, quietly

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the part](sub/b.md#part).\n", "utf-8")
    (docs / "sub").mkdir()
    (docs / "sub" / "b.md").write_text("# B\n\n## Part {#part}\n\nWords.\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions: [attr_list]\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )

    def built(folder: str) -> tuple[list[str], int]:
        warnings: list[str] = []
        with quietly(0, warnings):
            counts = build_tree(
                config, strict=False, site_dir=tmp_path / folder, cache=tmp_path / "cache"
            )
        return [w for w in warnings if "anchor" in w], counts.reused

    assert built("site1") == ([], 0)
    (docs / "sub" / "b.md").write_text("# B\n\n## Part {#other}\n\nWords.\n", "utf-8")
    warned, reused = built("site2")
    assert reused == 1  # index.md, unchanged, came from the cache...
    assert len(warned) == 1 and "#part" in warned[0]  # ...and its link was still checked


def test_an_entry_claiming_a_larger_text_than_lz4_makes_is_a_miss_before_any_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A packed text announces its size; one claiming 2 GB from a few bytes (more than LZ4's
    255 to 1) is damage, refused before LZ4 is asked to set that much memory aside, even when
    the entry's checksum was made to match."""
    import zlib

    from redraft.site import lean_pages

    write_entry(tmp_path, KEY, _stored())
    path = tmp_path / f"{KEY}{ENTRY_SUFFIX}"
    header, _, rest = path.read_bytes().partition(b"\n")
    meta_size, content_size, html_size, _ = (int(n) for n in header[len(MAGIC) :].split())
    claim = (2**31 - 1).to_bytes(4, "little") + rest[4:meta_size]
    rest = claim + rest[meta_size:]
    numbers = (meta_size, content_size, html_size, zlib.crc32(rest))
    path.write_bytes(MAGIC + b" ".join(b"%d" % n for n in numbers) + b"\n" + rest)
    asked: list[int] = []
    real = lean_pages.lz4.block.decompress
    monkeypatch.setattr(
        lean_pages.lz4.block, "decompress", lambda data: asked.append(len(data)) or real(data)
    )
    assert read_entry(tmp_path, KEY) is None
    assert asked == []
    with pytest.raises(ValueError, match="not a packed page"):
        unpack(b"\x01\x00")  # shorter than a size
    assert unpack(pack("")) == "" and unpack(pack(CONTENT)) == CONTENT
    assert asked  # a sound text is unpacked by LZ4


def test_a_new_entry_is_created_in_place_a_file_at_its_name_replaced_through_a_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are checked whole when read, so a new one is simply created (no temporary
    file); whatever is already at an entry's name (a damaged entry, a planted link) is
    replaced the careful way, and a link is never followed."""
    from redraft.site import render_cache

    careful = record_careful_writes(monkeypatch, render_cache)
    folder = tmp_path / "cache" / "tree"  # not there yet: the first entry makes it
    write_entry(folder, KEY, _stored())
    assert careful == [] and read_entry(folder, KEY) is not None
    assert [p.name for p in folder.iterdir()] == [f"{KEY}{ENTRY_SUFFIX}"]  # no temporary left

    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's\n", encoding="utf-8")
    planted = "b" * 64
    (folder / f"{planted}{ENTRY_SUFFIX}").symlink_to(outside)
    write_entry(folder, planted, _stored())
    assert careful == [f"{planted}{ENTRY_SUFFIX}"]
    assert not (folder / f"{planted}{ENTRY_SUFFIX}").is_symlink()
    assert outside.read_text(encoding="utf-8") == "not the cache's\n"
    assert read_entry(folder, planted) is not None
