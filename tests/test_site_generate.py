"""The generated Markdown of the example: every page at its URL, every fact of the model on it.

Expectations are read from the model (every version, guideline, paragraph, comment), not typed
here, so the tests follow the example as it grows.  Golden files of a few pages live in
test_site_golden.py.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.release.provenance import Change, ChangesSinceRelease, DraftChange
from redraft.site import urls
from redraft.site.config import default_base
from redraft.site.context import Provenance
from redraft.site.generate import PageConflict, SiteFiles, generate_site, language_trees
from redraft.site.labels import Labels
from redraft.site.writer import MARKER, NotGeneratedFolder, write_tree

from .conftest import REPO
from .site_support import record_careful_writes

REPO_DOCS = REPO / "docs"


def generate(
    kb: KnowledgeBase, *, internal: bool = False, handwritten: dict[str, bytes] | None = None
) -> SiteFiles:
    return generate_site(
        kb,
        base_config=default_base(),
        handwritten=handwritten if handwritten is not None else {"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=internal,
    )


@pytest.fixture(scope="module")
def public(example_pages: SiteFiles) -> SiteFiles:
    """The example's public pages, generated once per session (conftest.py)."""
    return example_pages


@pytest.fixture(scope="module")
def internal(example_kb: KnowledgeBase) -> SiteFiles:
    return generate(example_kb, internal=True)


def page(site: SiteFiles, path: str, tree: str = "main") -> str:
    return site.files[f"{tree}/docs/{path}"].decode("utf-8")


def text_of(markdown: str) -> str:
    """The words a reader sees, near enough: references decoded, markup left in."""
    return html.unescape(markdown)


def restricted_canaries(kb: KnowledgeBase) -> Iterator[str]:
    """Strings that only a restricted submission contains."""
    public_text = "\n".join(
        [s.text for s in kb.submissions if not s.restricted]
        + [c.text for c in kb.comments() if not c.restricted]
    )
    for submission in kb.submissions:
        if not submission.restricted:
            continue
        if submission.reference:
            yield submission.reference
        for comment in submission.comments:
            yield comment.id
            words = comment.text.split()
            phrase = " ".join(words[:7])
            if phrase not in public_text:
                yield phrase


def test_the_example_has_a_restricted_submission(example_kb: KnowledgeBase) -> None:
    assert any(s.restricted for s in example_kb.submissions), "the trust tests need one"


def test_every_page_family_is_at_its_url(public: SiteFiles, example_kb: KnowledgeBase) -> None:
    expected = {
        urls.HOME,
        urls.VERSIONS,
        urls.GUIDELINES,
        urls.COMPARE,
        urls.CONCORDANCE,
        urls.PARTIES,
        urls.COMMENTS,
        urls.STATS,
        urls.TRANSLATIONS,
    }
    for version in example_kb.versions:
        expected.add(urls.version(version.id))
        expected.add(urls.translations(version.id))
        for guideline in version.guidelines:
            expected.add(urls.version_guideline(version.id, guideline.id))
    for guideline_id in example_kb.guideline_ids():
        expected.add(urls.guideline(guideline_id))
    versions = example_kb.versions
    for first in versions:  # every ordered pair: a comparison reads either way
        for second in versions:
            if first.id == second.id:
                continue
            expected.add(urls.compare(first.id, second.id))
            more = f"compare/{first.id}/{second.id}/"  # its further pages and its one-page view
            expected.update(
                p.removeprefix("main/docs/")
                for p in public.files
                if p.startswith(f"main/docs/{more}") and p.count("/") == 6
            )
    for submission in example_kb.without_restricted().submissions:
        expected.add(urls.party(submission.party))
    expected.update({urls.MEETINGS, urls.REFERENCES})
    expected.update(urls.meeting(m.id) for m in example_kb.without_restricted().meetings)
    generated = {
        p.removeprefix("main/docs/")
        for p in public.files
        if p.startswith("main/docs/") and p.endswith(".md")
    }
    assert expected <= generated
    assert generated - expected == {"about.md"}


def test_a_version_page_holds_every_paragraph_with_its_anchor(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    for version in example_kb.versions:
        markdown = page(public, urls.version(version.id))
        if version.symbol:
            assert version.symbol in text_of(markdown)
        for guideline in version.guidelines:
            # indexed for search from the guideline's own page of this version
            assert f"{{ #{urls.guideline_anchor(guideline.id)} data-search-exclude }}" in markdown
            for paragraph in guideline.text.all_paragraphs:
                assert (
                    f"{{: #{urls.paragraph_anchor(guideline.id, paragraph.id)} .redraft-para }}"
                    in markdown
                )
                assert paragraph.text.replace("<", "&lt;") in text_of(markdown) or _words_present(
                    paragraph.text, markdown
                )


def _words_present(text: str, markdown: str) -> bool:
    shown = text_of(markdown)
    return all(word in shown for word in re.findall(r"\w{4,}", text))


def test_a_living_page_has_history_and_every_comment(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    visible = example_kb.without_restricted()
    for guideline_id in example_kb.guideline_ids():
        markdown = page(public, urls.guideline(guideline_id))
        for comment in visible.comments():
            if comment.guideline == guideline_id:
                assert f'id="{urls.comment_anchor(comment.id)}"' in markdown
        present = [v for v in example_kb.versions if v.guideline(guideline_id)]
        if len(example_kb.versions) > 1 and present:
            assert "## History { #history data-search-exclude }" in markdown
            # Each step of the history that touches the guideline has its own excluded section.
            for before, after in zip(example_kb.versions, example_kb.versions[1:], strict=False):
                if before.guideline(guideline_id) or after.guideline(guideline_id):
                    assert (
                        f"{{ #{urls.history_anchor(before.id, after.id)} data-search-exclude }}"
                        in markdown
                    )


def test_history_shows_insertions_and_deletions(public: SiteFiles) -> None:
    markdown = page(public, urls.guideline("sale-before-confiscation"))
    assert '<del class="redraft-del">' in markdown
    assert '<ins class="redraft-ins">' in markdown
    assert "Side by side" in markdown


def _history_section(markdown: str, older: str, newer: str) -> str:
    start = markdown.index(f"{{ #{urls.history_anchor(older, newer)} data-search-exclude }}")
    end = markdown.find("\n### ", start)
    return markdown[start : end if end >= 0 else len(markdown)]


def _paragraphs(section: str) -> list[str]:
    return re.findall(r'<p class="redraft-para[^"]*">.*?</p>', section)


def test_merged_guideline_history_marks_only_the_edits_and_says_where_from(
    public: SiteFiles,
) -> None:
    markdown = page(public, urls.guideline("sale-before-confiscation"))
    merge = _history_section(markdown, "2018-3", "2018-crp14")
    first = next(p for p in _paragraphs(merge) if "perishable" in p)
    # Austria's change is the only mark in the paragraph, which is not called new
    assert re.findall(r"<(del|ins) [^>]*>([^<]*)</", first) == [
        ("del", "rapidly"),
        ("ins", " quickly"),
    ]
    assert "(from former guideline 7 (a))" in text_of(first)
    assert "new paragraph" not in first
    # no slug in what the reader is told of where text came from
    origins = re.findall(r'<span class="redraft-origin">([^<]*)</span>', merge)
    assert origins == [
        "(from former guideline 7 (a))",
        "(from former guideline 7 (b))",
        "(from former guideline 7 (c))",
    ]


def test_split_guideline_history_says_where_from(public: SiteFiles) -> None:
    markdown = page(public, urls.guideline("company-continuity"))
    split = _history_section(markdown, "2018-crp14", "2019-3")
    rows = _paragraphs(split)
    kept = next(p for p in rows if "preserve the continuity" in p)
    assert "<del" not in kept and "<ins" not in kept
    # management of seized companies was guideline 8 of CRP.14 (9 in 2018/3)
    assert "(from former guideline 8 (b))" in text_of(kept)
    assert "new paragraph" not in kept


def test_compare_page_says_where_merged_text_went(public: SiteFiles) -> None:
    markdown = page(public, urls.compare("2018-3", "2018-crp14"))
    assert "(carried into guideline 7 (d))" in text_of(markdown)
    assert "(from former guideline 7 (c))" in text_of(markdown)


def test_compare_pages_lead_with_the_summary_and_stay_out_of_search(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    versions = example_kb.versions
    for i, older in enumerate(versions):
        for newer in versions[i + 1 :]:
            markdown = page(public, urls.compare(older.id, newer.id))
            assert markdown.startswith("---\n")
            front = markdown.split("---\n")[1]
            assert "search:\n  exclude: true" in front
            body = markdown.split("---\n", 2)[2]
            summary = body.find("## Summary")
            first_redline = body.find("tabbed-set")
            assert summary != -1
            assert first_redline == -1 or summary < first_redline


def test_concordance_has_one_row_per_guideline_and_every_number(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    markdown = page(public, urls.CONCORDANCE)
    rows = [line for line in markdown.splitlines() if line.startswith("| [")]
    assert len(rows) == len(example_kb.guideline_ids())
    for version in example_kb.versions:
        for guideline in version.guidelines:
            target = urls.link(urls.CONCORDANCE, urls.version_guideline(version.id, guideline.id))
            assert f"]({target})" in markdown


def test_party_pages_show_each_comment_with_its_disposition(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    for submission in example_kb.without_restricted().submissions:
        markdown = page(public, urls.party(submission.party))
        assert f"{{ #{urls.submission_anchor(submission.id)} }}" in markdown
        for comment in submission.comments:
            card = markdown[markdown.index(f'id="{urls.comment_anchor(comment.id)}"') :]
            card = card[: card.index("</div>\n\n</div>") if "</div>\n\n</div>" in card else None]
            assert f"redraft-disposition--{comment.disposition}" in card


def test_the_comment_table_lists_every_public_comment(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    markdown = page(public, urls.COMMENTS)
    visible = example_kb.without_restricted()
    for comment in visible.comments():
        assert f"[`{comment.id}`]" in markdown
    assert 'data-filter-columns="Party,Note verbale,Guideline,Disposition"' in markdown


def test_pages_showing_submissions_carry_the_notice(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    notice = example_kb.settings.submissions_notice
    assert notice
    first_words = " ".join(notice.split()[:6])
    paths = [urls.HOME, urls.COMMENTS, urls.PARTIES] + [
        urls.party(s.party) for s in example_kb.without_restricted().submissions
    ]
    for guideline_id in _commented(example_kb):
        paths.append(urls.guideline(guideline_id))
    for path in paths:
        assert first_words in text_of(page(public, path)), path


def _commented(kb: KnowledgeBase) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for comment in kb.without_restricted().comments():
        if comment.guideline is not None:  # general comments are on the comments page
            found.setdefault(comment.guideline, []).append(comment.id)
    return found


def test_a_public_build_contains_nothing_restricted(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    canaries = list(restricted_canaries(example_kb))
    assert canaries
    for path, data in public.files.items():
        shown = text_of(data.decode("utf-8", errors="replace"))
        for canary in canaries:
            assert canary not in shown, f"{canary!r} leaked into {path}"


def test_an_internal_build_has_the_restricted_comments_and_says_so_everywhere(
    internal: SiteFiles, example_kb: KnowledgeBase
) -> None:
    everything = "\n".join(
        text_of(d.decode()) for p, d in internal.files.items() if p.endswith(".md")
    )
    for canary in restricted_canaries(example_kb):
        assert canary in everything
    for path, data in internal.files.items():
        if path.endswith(".md"):
            tree = path.split("/")[0]
            banner = Labels("en" if tree == "main" else tree)["internal"]
            assert f'!!! danger "{banner}"' in data.decode(), path
    config = internal.files["main/mkdocs.yml"].decode()
    assert "(Internal build)" in config


def test_generation_is_deterministic(example_kb: KnowledgeBase, public: SiteFiles) -> None:
    again = generate(example_kb)
    assert again.files == public.files


def test_language_trees_follow_the_translations(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    trees = language_trees(example_kb)
    assert trees[0].is_main
    translated = {lang for v in example_kb.versions for lang in v.languages} - {trees[0].language}
    assert {t.language for t in trees[1:]} == translated
    for tree in trees[1:]:
        folder = tree.language
        config = public.files[f"{folder}/mkdocs.yml"].decode()
        assert f"language: {tree.language}" in config
        for version in example_kb.versions:
            version_page = f"{folder}/docs/{urls.version(version.id)}"
            if tree.language not in version.languages:
                # A version with nothing in this language is read in the main tree.
                assert version_page not in public.files
                continue
            assert version_page in public.files
            for guideline in version.guidelines:
                markdown = page(public, urls.version_guideline(version.id, guideline.id), folder)
                translation = guideline.translations.get(tree.language)
                if translation is not None:
                    assert translation.title in text_of(markdown)
                    assert f'lang="{tree.language}"' in markdown
                else:
                    # Said to be missing, with a link to the original in the main tree; the
                    # original's words are not copied into this language's pages.
                    original = urls.page_url(urls.version_guideline(version.id, guideline.id))
                    assert "!!! abstract" in markdown
                    assert f"{original}){{ hreflang=en lang=en }}" in markdown
                    assert guideline.text.paragraphs[0].text[:60] not in text_of(markdown)


def test_the_navigation_lists_sections_only(public: SiteFiles, example_kb: KnowledgeBase) -> None:
    import yaml

    config = yaml.safe_load(public.files["main/mkdocs.yml"])
    entries = []
    for item in config["nav"]:
        for value in item.values():
            entries.extend(value if isinstance(value, list) else [value])
    assert len(entries) < 20
    assert all(e.count("/") <= 1 for e in entries)
    assert config["theme"]["font"] is False
    assert "redraft.site.markdown_guard" in config["markdown_extensions"]
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert "\\u200b" in search["separator"]
    for key in ("hooks", "exclude_docs", "not_in_nav", "draft_docs"):
        assert key not in config


def test_a_hand_written_page_cannot_take_a_generated_url(example_kb: KnowledgeBase) -> None:
    with pytest.raises(PageConflict, match=r"docs/versions/x\.md"):
        generate(example_kb, handwritten={"versions/x.md": b"# x\n"})


@pytest.mark.parametrize(
    "path", ["translations.md", "stats.md", "comments/index.md", "parties/README.md", "index.md"]
)
def test_a_hand_written_page_at_a_generated_url_stops_the_build(
    example_kb: KnowledgeBase, path: str
) -> None:
    """MkDocs publishes ``translations.md`` at ``/translations/``, where the generated page goes:
    the clash is caught by URL, not by file name."""
    with pytest.raises(PageConflict, match=rf"^docs/{re.escape(path)}:1: .*published at /"):
        generate(example_kb, handwritten={"about.md": b"# About\n", path: b"# Mine\n"})


def test_the_example_docs_do_not_collide_with_generated_pages(example_kb: KnowledgeBase) -> None:
    docs = REPO_DOCS
    handwritten = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    generate(example_kb, handwritten=handwritten)  # raises PageConflict on a clash


def test_the_editors_handbook_is_out_of_the_delegates_nav_and_search(
    example_kb: KnowledgeBase,
) -> None:
    docs = REPO_DOCS
    handwritten = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    site = generate(example_kb, handwritten=handwritten)
    import yaml

    config = yaml.safe_load(site.files["main/mkdocs.yml"])
    listed = [
        page
        for item in config["nav"]
        for value in item.values()
        for page in (value if isinstance(value, list) else [value])
    ]
    assert "about.md" in listed and "how-to-comment.md" in listed and "redlines.md" in listed
    for name in ("architecture.md", "api.md", "format.md", "trust.md", "site.md"):
        assert name not in listed
        page = site.files[f"main/docs/{name}"].decode("utf-8")
        front, _, body = page.removeprefix("---\n").partition("\n---\n")
        assert yaml.safe_load(front)["search"] == {"exclude": True}
        assert body.lstrip().startswith("# ")  # the title stays the first heading
        assert "Editors' handbook" in body
    about = site.files["main/docs/about.md"].decode("utf-8")
    assert about == (docs / "about.md").read_text(encoding="utf-8")


def test_hostile_text_in_a_submission_stays_text(example_kb: KnowledgeBase) -> None:
    from dataclasses import replace

    hostile = '<script>alert("x")</script> [a](javascript:alert(1)) {: onclick=x } *b*'
    submission = next(s for s in example_kb.submissions if not s.restricted)
    comment = replace(submission.comments[0], text=hostile, rationale=hostile, proposed=hostile)
    changed = replace(submission, text=hostile, comments=(comment, *submission.comments[1:]))
    kb = replace(
        example_kb,
        submissions=tuple(changed if s.id == submission.id else s for s in example_kb.submissions),
    )
    site = generate(kb)
    for path, data in site.files.items():
        markdown = data.decode("utf-8", errors="replace")
        assert "<script" not in markdown, path
        assert "](javascript:" not in markdown, path
        assert "{: onclick" not in markdown, path


# -- the writer ---------------------------------------------------------------------------------


def test_the_writer_rewrites_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    first = write_tree(out, {"a.md": b"one", "b/c.md": b"two"})
    assert sorted(first.written) == ["a.md", "b/c.md"]
    stamp = (out / "a.md").stat().st_mtime_ns
    second = write_tree(out, {"a.md": b"one", "d.md": b"three"})
    assert second.written == ("d.md",)
    assert second.unchanged == 1
    assert second.deleted == ("b/c.md",)
    assert (out / "a.md").stat().st_mtime_ns == stamp
    assert not (out / "b").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "a.md", "d.md"])


def test_the_writer_removes_the_folders_left_empty_and_only_those(tmp_path: Path) -> None:
    """Which folders stay is decided from the walk itself (no second listing of each folder):
    a folder stays while it holds a kept file at any depth; every folder emptied, or empty
    already, is removed, deepest first; a link to a folder is removed, not followed."""
    out = tmp_path / "pages"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.md").write_bytes(b"not ours")
    write_tree(out, {"x/y/z.md": b"1", "x/k.md": b"2", "p/q/r.md": b"3", "s/t.md": b"4"})
    (out / "x" / "empty" / "deeper").mkdir(parents=True)
    (out / "s" / "link").symlink_to(elsewhere, target_is_directory=True)
    report = write_tree(out, {"x/y/z.md": b"1"})
    assert report.deleted == ("p/q/r.md", "s/link", "s/t.md", "x/k.md")
    assert (out / "x" / "y" / "z.md").read_bytes() == b"1"
    assert sorted(p.name for p in (out / "x").iterdir()) == ["y"]
    assert not (out / "p").exists() and not (out / "s").exists()
    assert (elsewhere / "precious.md").read_bytes() == b"not ours"
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "x"])


def test_the_writer_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("precious")
    with pytest.raises(NotGeneratedFolder):
        write_tree(tmp_path, {"a.md": b"x"})
    assert (tmp_path / "mine.txt").read_text() == "precious"
    assert not (tmp_path / "a.md").exists()


def test_the_writer_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_tree(tmp_path / "p", {f"f{i}.md": b"x" * i for i in range(20)})
    assert not [p for p in (tmp_path / "p").rglob("*.tmp")]


def test_a_fresh_folder_is_written_in_place_a_used_one_through_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a folder that is empty when the writer starts (a first or clean build), each file is
    created where it goes, with the permissions ``open`` gives; into a used one, where a reader
    may be watching, every file goes through a temporary file and a rename.  A file that
    appears at a path in between is replaced the careful way, never written through."""
    from redraft.site import writer as writer_module

    renamed = record_careful_writes(monkeypatch, writer_module)
    out = tmp_path / "pages"
    umask = os.umask(0o022)
    try:
        first = write_tree(out, {"a.md": b"one", "b/c.md": b"two"})
    finally:
        os.umask(umask)
    assert renamed == [MARKER]  # the marker is claimed the careful way, before anything
    assert sorted(first.written) == ["a.md", "b/c.md"]
    assert (out / "b" / "c.md").read_bytes() == b"two"
    assert stat.S_IMODE((out / "a.md").stat().st_mode) == 0o644

    renamed.clear()
    second = write_tree(out, {"a.md": b"one, reworded", "b/c.md": b"two", "d.md": b"new"})
    assert sorted(renamed) == ["a.md", "d.md"]
    assert second.unchanged == 1 and (out / "a.md").read_bytes() == b"one, reworded"

    renamed.clear()
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_bytes(b"not ours")
    writer = writer_module.TreeWriter(tmp_path / "fresh")
    writer.put("x.md", b"first")
    (tmp_path / "fresh" / "link.md").symlink_to(elsewhere)
    writer.put("link.md", b"generated")
    assert renamed == [MARKER, "link.md"]
    assert not (tmp_path / "fresh" / "link.md").is_symlink()
    assert (tmp_path / "fresh" / "link.md").read_bytes() == b"generated"
    assert elsewhere.read_bytes() == b"not ours"


def test_only_a_used_folder_is_searched_for_stale_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder empty when the writer started holds only what it put: it is not walked at the
    end (at M, 10,473 folders); a used one is, and loses what was not put again."""
    from redraft.site import writer as writer_module

    walked: list[Path] = []
    delete_stale = writer_module._delete_stale

    def recording(folder: Path, keep: set[str]) -> list[str]:
        walked.append(folder)
        return delete_stale(folder, keep)

    monkeypatch.setattr(writer_module, "_delete_stale", recording)
    out = tmp_path / "pages"
    first = write_tree(out, {"a.md": b"one", "b/c.md": b"two"})
    assert walked == [] and first.deleted == ()
    second = write_tree(out, {"a.md": b"one"})
    assert walked == [out] and second.deleted == ("b/c.md",)
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "a.md"])


def test_a_file_created_in_place_that_cannot_be_written_is_not_left_in_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (or an interrupt) while a page is created in a fresh folder: the error
    reaches the caller and no part of the page stays behind, as with a temporary file."""
    import errno

    from redraft.kb import atomic
    from redraft.site import writer as writer_module

    class FullDisk:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        def write(self, descriptor: int, data: memoryview) -> int:
            os.write(descriptor, data[:3])
            raise OSError(errno.ENOSPC, "No space left on device")

    writer = writer_module.TreeWriter(tmp_path / "pages")
    monkeypatch.setattr(atomic, "os", FullDisk())
    with pytest.raises(OSError, match="No space left"):
        writer.put("main/docs/index.md", b"# Home\n")
    assert not (tmp_path / "pages" / "main" / "docs" / "index.md").exists()


# -- provenance and traceability -------------------------------------------------------------


def _provenance(kb: KnowledgeBase) -> Provenance:
    import datetime as dt

    draft = kb.draft
    assert draft is not None
    guideline = draft.guidelines[0]
    when = dt.datetime(2019, 4, 2, 10, 0, tzinfo=dt.UTC)
    change = Change("a" * 40, when, "A. Editor", "Reword paragraph (a) <b>now</b>", ("x.md",))
    since = ChangesSinceRelease(
        "2019-3", "b" * 40, "tag release/2019-3", (DraftChange(change, None, (guideline.id,)),)
    )
    return Provenance(
        last_changed={guideline.id: change},
        last_changed_files={guideline.source.path: change},
        since_release=since,
    )


@pytest.mark.parametrize("internal_build", [False, True])
def test_provenance_shows_when_the_draft_changed(
    example_kb: KnowledgeBase, internal_build: bool
) -> None:
    provenance = _provenance(example_kb)
    site = generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: "site",
        internal=internal_build,
        provenance=provenance,
    )
    guideline_id = next(iter(provenance.last_changed))
    living = page(site, urls.guideline(guideline_id))
    assert "Last changed in the working draft on 2 April 2019" in living
    assert "<b>" not in living  # the commit message is outside text too
    assert ("A. Editor" in living) == internal_build  # names stay internal
    home = page(site, urls.HOME)
    assert "{ #since_release }" in home
    assert f"]({urls.link(urls.HOME, urls.guideline(guideline_id))})" in home


def test_last_changed_counts_only_the_pages_own_language(example_kb: KnowledgeBase) -> None:
    """A commit that touched only the Chinese file did not change the English text: the English
    page names the English file's last commit, the Chinese page the Chinese file's."""
    import datetime as dt

    draft = example_kb.draft
    assert draft is not None
    guideline = next(g for g in draft.guidelines if "zh" in g.translations)
    english = Change("e" * 40, dt.datetime(2019, 4, 2, tzinfo=dt.UTC), "E", "en", ("x.md",))
    chinese = Change("c" * 40, dt.datetime(2019, 6, 9, tzinfo=dt.UTC), "C", "zh", ("x.zh.md",))
    provenance = Provenance(
        last_changed={guideline.id: chinese},  # the newest commit of any of its files
        last_changed_files={
            guideline.source.path: english,
            guideline.translations["zh"].source.path: chinese,
        },
    )
    site = generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: "site",
        provenance=provenance,
    )
    living = page(site, urls.guideline(guideline.id))
    assert "Last changed in the working draft on 2 April 2019." in living
    assert "Last changed in the working draft on 9 June 2019" not in living
    chinese_page = page(site, urls.guideline(guideline.id), "zh")
    # in the Chinese tree's own words and date format (CLDR), the header's "as at" too
    assert "工作草案中最后一次修改于2019年6月9日" in chinese_page
    assert "工作草案中最后一次修改于2019年4月2日" not in chinese_page
    assert "截至2019年6月9日" in chinese_page
    assert "June 2019" not in chinese_page


def test_decided_comments_show_the_change_they_led_to(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    from redraft.comments.traceability import trace

    visible = example_kb.without_restricted()
    shown = 0
    for submission in visible.submissions:
        markdown = page(public, urls.party(submission.party))
        for comment in submission.comments:
            found = trace(visible, comment)
            start = markdown.index(f'id="{urls.comment_anchor(comment.id)}"')
            end = markdown.find('<div class="redraft-comment"', start + 1)
            card = markdown[start : end if end != -1 else None]
            if found is not None and found.text_changed:
                assert '<details class="redraft-trace"' in card, comment.id
                shown += 1
            elif comment.disposition == "pending":
                assert "redraft-trace" not in card
    assert shown > 0


def test_a_site_address_is_given_to_every_tree(example_kb: KnowledgeBase) -> None:
    import yaml

    base = {**default_base(), "site_url": "https://example.org/guidelines"}
    site = generate_site(
        example_kb, base_config=base, handwritten={}, site_dir=lambda folder: "site"
    )
    for tree in site.trees:
        config = yaml.safe_load(site.files[f"{site.folders[tree.language]}/mkdocs.yml"])
        assert config["site_url"] == "https://example.org/guidelines/" + tree.prefix


def test_a_language_tree_home_introduces_the_draft_in_its_language(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    latest = example_kb.versions[-1]
    introduction = latest.translated_introductions.get("zh")
    assert introduction, "the example translates the working draft's outline into Chinese"
    home = text_of(page(public, "index.md", tree="zh"))
    assert " ".join(introduction.split()) in " ".join(home.split())


def test_the_translation_status_shows_the_planted_drift_and_what_is_missing(
    public: SiteFiles,
) -> None:
    draft = page(public, urls.translations("draft"))
    row = next(
        line for line in draft.splitlines() if "versions/draft/pre-seizure-planning/" in line
    )
    cells = row.split(" | ")
    # Arabic, Chinese, French: only the Chinese text is outdated, and says which passage.
    assert "redraft-translation--up-to-date" in cells[1] and "up to date" in cells[1]
    assert "redraft-translation--outdated" in cells[2] and ">outdated<" in cells[2]
    assert (
        "original changed: [(b)](../../compare/2019-3/draft/index.md#pre-seizure-planning)"
        in (cells[2])
    )
    assert "redraft-translation--up-to-date" in cells[3]
    assert "- **Chinese**: 15 up to date, 1 outdated" in draft
    older = page(public, urls.translations("2019-3"))
    assert "- **French**: 16 missing" in older
    assert "- **Chinese**: 5 up to date, 11 missing" in older
    index = page(public, urls.TRANSLATIONS)
    assert "| 16 missing | 16 missing | 16 missing | 16 missing | 16 missing |" in index
    assert "[Translation status](../../translations/draft/index.md)" in page(
        public, urls.version("draft")
    )


def test_a_language_tree_compares_its_own_texts(public: SiteFiles) -> None:
    markdown = page(public, urls.compare("2019-3", "draft"), "zh")
    # Guideline 1's Chinese text did not change (the planted drift): it is among the unchanged.
    unchanged = markdown.split("{ #compare_unchanged }")[1]
    assert "guidelines/pre-seizure-planning/index.md" in unchanged
    # A guideline 2019-3 has no Chinese text of is named, its wording not compared.
    section = markdown.split("{ #record-keeping }")[1].split("### ")[0]
    assert "<del" not in section and "<ins" not in section
    assert "compare/2019-3/draft/#record-keeping" in section
    assert 'lang="zh"' in markdown
    english = page(public, urls.compare("2019-3", "draft"))
    assert "pre-seizure-planning/index.md" not in english.split("{ #compare_unchanged }")[1]
    # French exists in the draft only: no pair to compare, and the index says so.
    assert not any(p.startswith("fr/docs/compare/2019-3") for p in public.files)
    assert "compare/index.md" in "".join(p for p in public.files if p.startswith("fr/docs/"))


def test_a_reply_is_shown_as_received_with_its_translation_beside_it(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    submission = next(s for s in example_kb.submissions if s.translation is not None)
    assert submission.translation is not None and submission.translation.text
    markdown = page(public, urls.party(submission.party))
    block = next(line for line in markdown.splitlines() if "redraft-beside" in line)
    received, translated = block.split('<p class="redraft-caption">')[1:3]
    assert received.startswith("As received, in Chinese (the text of record)")
    assert 'lang="zh"' in received
    assert submission.text.split()[0] in text_of(received)
    assert translated.startswith("Translation into English, by the Secretariat")
    assert "not the text of record" in translated and 'lang="en"' in translated
    assert submission.translation.text.split("\n")[0] in text_of(translated)
    for comment in submission.comments:
        assert comment.translation is not None
        assert comment.translation[:50] in text_of(markdown)


def test_an_outdated_translation_warns_its_readers_and_the_living_page_says_so(
    public: SiteFiles,
) -> None:
    chinese = page(public, urls.version_guideline("draft", "pre-seizure-planning"), "zh")
    notice = chinese.split('!!! warning "译文尚未更新"')[1].split("\n\n")[1]
    assert "本译文尚未相应更新：(b)" in notice
    assert "compare/2019-3/draft/#pre-seizure-planning){ hreflang=en }" in notice
    assert "!!! warning" not in page(
        public, urls.version_guideline("draft", "asset-assessment"), "zh"
    )
    assert "!!! warning" not in page(
        public, urls.version_guideline("draft", "pre-seizure-planning"), "fr"
    )
    living = page(public, urls.guideline("pre-seizure-planning"))
    line = next(x for x in living.splitlines() if x.startswith("Translations:"))
    assert "hreflang=zh } ([outdated](../../translations/draft/index.md))" in line
    assert line.count("outdated") == 1


def test_many_comments_are_listed_by_note_verbale_a_page_at_a_time(tmp_path: Path) -> None:
    from redraft.site.comments import PAGE_SIZE

    from .kb_builder import comment, submission

    count = PAGE_SIZE * 2 + 5
    parties = ("AUT", "CHN", "EGY", "FRA", "NOR")
    per_party = -(-count // len(parties))
    kb = _two_calls(
        tmp_path,
        {
            f"c1/{party}": submission(
                party,
                "c1",
                [
                    comment(f"{party.lower()}-{i}", "records", paragraph="a")
                    for i in range(per_party)
                ],
            )
            for party in parties
        }
        | {
            "c2/AUT": submission("AUT", "c2", [comment("aut-c2", "records")], received="2018-05-20")
        },
    )
    site = generate(kb)
    index = page(site, urls.COMMENTS)
    assert "| [NV/c1](c1/index.md) |" in index and "| [NV/c2](c2/index.md) |" in index
    first_call = per_party * len(parties)
    pages_c1 = -(-first_call // PAGE_SIZE)
    listed: list[str] = []
    for number in range(1, pages_c1 + 1):
        markdown = page(site, urls.comments_of("c1", number))
        rows = re.findall(r"^\| \[`([a-z0-9-]+)`\]", markdown, flags=re.MULTILINE)
        assert len(rows) == (
            PAGE_SIZE if number < pages_c1 else first_call - PAGE_SIZE * number + PAGE_SIZE
        )
        assert f"**{number}**" in markdown
        listed += rows
    assert sorted(listed) == sorted(c.id for c in kb.comments() if c.call == "c1")
    assert f"main/docs/{urls.comments_of('c1', pages_c1 + 1)}" not in site.files
    assert re.findall(r"`(aut-c2)`", page(site, urls.comments_of("c2"))) == ["aut-c2"]


def test_a_long_comparison_is_split_into_pages_holding_each_change_once(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    from redraft.redline.compare import diff_versions
    from redraft.site.pagination import PAGE_SIZE

    split = 0
    versions = example_kb.versions
    for i, older in enumerate(versions):
        for newer in versions[i + 1 :]:
            changed = diff_versions(example_kb, older.id, newer.id).summary.changed
            pages = [page(public, urls.compare(older.id, newer.id))]
            number = 2
            while f"main/docs/compare/{older.id}/{newer.id}/{number}/index.md" in public.files:
                pages.append(page(public, f"compare/{older.id}/{newer.id}/{number}/index.md"))
                number += 1
            assert len(pages) == max(1, -(-len(changed) // PAGE_SIZE))
            sections = [re.findall(r"^### .* \{ #([a-z0-9-]+) \}$", p, re.M) for p in pages]
            assert all(len(found) <= PAGE_SIZE for found in sections)
            assert sorted(g for found in sections for g in found) == sorted(changed)
            split += len(pages) > 1
            if len(pages) > 1:
                # the summary on the first page links each change where it is
                first = pages[0].split("{ #compare_summary }")[1].split("## ")[0]
                late = sections[1][0]
                assert f"(2/index.md#{late})" in first
    assert split, "the example should have a comparison long enough to be split"


def test_a_party_with_many_comments_gets_a_page_per_reply(tmp_path: Path) -> None:
    from redraft.site.parties import SPLIT_AT

    from .kb_builder import comment, submission

    many = SPLIT_AT // 2 + 1
    kb = _two_calls(
        tmp_path,
        {
            "c1/AUT": submission(
                "AUT", "c1", [comment(f"aut-1-{i}", "records") for i in range(many)]
            ),
            "c2/AUT": submission(
                "AUT",
                "c2",
                [comment(f"aut-2-{i}", "records") for i in range(many)],
                received="2018-05-20",
            ),
            "c1/NOR": submission("NOR", "c1", [comment("nor-1", "records")]),
        },
    )
    site = generate(kb)
    austria = page(site, urls.party("AUT"))
    assert "## Replies { #party_replies }" in austria
    assert "[NV/c1](c1/aut/index.md)" in austria and "[NV/c2](c2/aut/index.md)" in austria
    assert "`aut-1-0`" not in austria  # the comments are on the replies' pages
    for call_id in ("c1", "c2"):
        reply = page(site, urls.reply("AUT", f"{call_id}/AUT"))
        ids = re.findall(r'id="comment_(aut-[0-9]-[0-9]+)"', reply)
        assert sorted(ids) == sorted(f"aut-{call_id[1]}-{i}" for i in range(many))
        assert f"{{ #{urls.submission_anchor(f'{call_id}/AUT')} }}" in reply
    # a party with few comments keeps everything on its page
    norway = page(site, urls.party("NOR"))
    assert 'id="comment_nor-1"' in norway
    home = page(site, urls.HOME)
    assert "(parties/aut/c2/aut/index.md#reply_c2_aut)" in home
    assert "(parties/nor/index.md#reply_c1_nor)" in home


def _two_calls(root: Path, submissions: dict[str, dict[str, Any]]) -> KnowledgeBase:
    """One released version with one guideline, two calls on it, and these replies."""
    from .kb_builder import G, KbSpec, build, call

    return build(
        root,
        KbSpec(
            versions=[("v1", [G("records", "1", "(a) Keep records.")]), ("draft", [])],
            calls=[call("c1", "v1"), call("c2", "v1", date="2018-05-01", deadline="2018-06-01")],
            submissions=submissions,
        ),
    )


def test_a_sink_receives_every_file_and_the_result_holds_none(
    example_kb: KnowledgeBase, public: SiteFiles, tmp_path: Path
) -> None:
    """A build streams the files to disk (at scale L they are over a gigabyte): what the sink
    gets, and what the streaming writer leaves on disk, is exactly the in-memory generation."""
    from redraft.site.tree_reuse import files_digest, hashes_digest
    from redraft.site.writer import TreeWriter

    received: dict[str, bytes] = {}
    streamed = generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        sink=received.__setitem__,
    )
    assert streamed.files == {}
    assert received == dict(public.files)
    assert streamed.page_count == public.page_count

    writer = TreeWriter(tmp_path / "pages")
    for path, data in received.items():
        writer.put(path, data)
    report = writer.finish()
    assert len(report.written) == len(received)
    on_disk = {
        p.relative_to(tmp_path / "pages").as_posix(): p.read_bytes()
        for p in (tmp_path / "pages").rglob("*")
        if p.is_file() and p.name != MARKER
    }
    assert on_disk == received
    for folder in public.folders.values():
        assert hashes_digest(writer.hashes, folder) == files_digest(received, folder)


def test_a_streaming_writer_refuses_a_folder_not_ours_before_writing(tmp_path: Path) -> None:
    from redraft.site.writer import TreeWriter

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    started: list[bool] = []
    writer = TreeWriter(folder, on_start=lambda: started.append(True))
    with pytest.raises(NotGeneratedFolder):
        writer.put("main/docs/index.md", b"# Home\n")
    assert started == []
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
