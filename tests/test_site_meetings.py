"""The generated pages of meeting records and reference material, read from the model: where the
meeting pages are, that every link between a report paragraph and a guideline's "Discussed at"
entry lands on an anchor that exists, and that a restricted record leaves no trace in public.
"""

from __future__ import annotations

import html
from dataclasses import replace

import pytest
import yaml

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.config import default_base
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.labels import Labels


def generate(kb: KnowledgeBase, *, internal: bool = False) -> SiteFiles:
    return generate_site(
        kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: "site",
        internal=internal,
    )


@pytest.fixture(scope="module")
def public(example_kb: KnowledgeBase) -> SiteFiles:
    return generate(example_kb)


def page(site: SiteFiles, path: str, tree: str = "main") -> str:
    return site.files[f"{tree}/docs/{path}"].decode("utf-8")


def has_anchor(markdown: str, anchor: str) -> bool:
    return f"#{anchor} " in markdown or f"#{anchor}}}" in markdown


def test_a_meeting_page_is_in_each_tree_its_report_is_recorded_in(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    meeting = example_kb.meetings[0]
    for tree in public.folders.values():
        has_page = f"{tree}/docs/{urls.meeting(meeting.id)}" in public.files
        language = "en" if tree == "main" else tree
        assert has_page == (language in meeting.report.languages), tree
        nav = yaml.safe_load(public.files[f"{tree}/mkdocs.yml"])["nav"]
        entries = [value for item in nav for value in item.values()]
        assert (urls.MEETINGS in entries) == has_page, tree


def test_every_paragraph_links_to_an_entry_that_links_back(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    """Both directions of the one-click path, for every paragraph and guideline it discusses,
    in every tree with the meeting's page."""
    meeting = example_kb.meetings[0]
    for language in meeting.report.languages:
        tree = "main" if language == "en" else language
        meeting_page = page(public, urls.meeting(meeting.id), tree)
        for paragraph in meeting.paragraphs:
            para_anchor = urls.report_paragraph_anchor(paragraph.number)
            assert has_anchor(meeting_page, para_anchor), (tree, paragraph.number)
            assert html.unescape(meeting_page).count(paragraph.texts[language]) == 1
            for guideline_id in {d.guideline for d in paragraph.discusses if d.guideline}:
                entry = urls.discussed_anchor(meeting.id, paragraph.number)
                forward = f"../../guidelines/{guideline_id}/index.md#{entry}"
                assert forward in meeting_page, (tree, paragraph.number, guideline_id)
                living = page(public, urls.guideline(guideline_id), tree)
                assert has_anchor(living, entry), (tree, guideline_id, entry)
                back = f"../../meetings/{meeting.id}/index.md#{para_anchor}"
                assert back in living, (tree, guideline_id, paragraph.number)


def test_a_tree_without_the_report_links_to_the_main_trees_page(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    meeting, paragraph = example_kb.discussions_of("sale-before-confiscation")[0]
    assert "fr" not in meeting.report.languages
    living = page(public, urls.guideline("sale-before-confiscation"), "fr")
    anchor = urls.report_paragraph_anchor(paragraph.number)
    assert f"../../../meetings/{meeting.id}/#{anchor}" in living
    assert Labels("fr")["discussed_at"] in living


def test_a_disposition_citing_a_paragraph_links_it_and_the_paragraph_links_back(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    comment = next(c for c in example_kb.comments() if c.meeting_paragraph is not None)
    cited = comment.meeting_paragraph
    assert cited is not None
    living = page(public, urls.guideline(comment.guideline))
    anchor = urls.report_paragraph_anchor(cited.number)
    assert f"../../meetings/{cited.meeting}/index.md#{anchor}" in living
    meeting_page = page(public, urls.meeting(cited.meeting))
    assert (
        f"../../guidelines/{comment.guideline}/index.md#{urls.comment_anchor(comment.id)}"
        in meeting_page
    )


def test_references_are_listed_on_the_guidelines_they_support(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    references_page = page(public, urls.REFERENCES)
    for reference in example_kb.references:
        assert has_anchor(references_page, urls.reference_anchor(reference.id))
        for guideline_id in reference.guidelines:
            living = html.unescape(page(public, urls.guideline(guideline_id)))
            assert reference.title in living, (reference.id, guideline_id)
            if reference.url:
                assert f"]({reference.url})" in living


def test_the_notice_is_on_every_page_showing_a_record(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    notice = example_kb.settings.records_notice
    assert notice and "illustrative" in notice
    shown = " ".join(notice.split())
    paths = [urls.MEETINGS, urls.meeting(example_kb.meetings[0].id), urls.REFERENCES]
    meeting = example_kb.meetings[0]
    discussed = {d.guideline for p in meeting.paragraphs for d in p.discusses if d.guideline}
    paths += [urls.guideline(g) for g in sorted(discussed)]
    for path in paths:
        assert shown in html.unescape(page(public, path)), path


def test_a_restricted_meeting_leaves_no_trace_in_public(example_kb: KnowledgeBase) -> None:
    meeting = example_kb.meetings[0]
    closed = replace(example_kb, meetings=(replace(meeting, visibility="restricted"),))
    public = generate(closed)
    internal = generate(closed, internal=True)
    every_public_page = "\n".join(
        html.unescape(data.decode("utf-8"))
        for path, data in public.files.items()
        if path.endswith(".md")
    )
    assert not any("meetings/" in path for path in public.files)
    assert meeting.report.symbol not in every_public_page
    for paragraph in meeting.paragraphs:
        assert paragraph.texts["en"] not in every_public_page
    assert f"meetings/{meeting.id}/" not in every_public_page
    assert f"main/docs/{urls.meeting(meeting.id)}" in internal.files
    living = page(internal, urls.guideline("sale-before-confiscation"))
    assert "{ #discussed }" in living


def test_the_version_a_meeting_discussed_links_to_it(
    public: SiteFiles, example_kb: KnowledgeBase
) -> None:
    meeting = example_kb.meetings[0]
    assert meeting.version is not None
    version_page = page(public, urls.version(meeting.version))
    assert f"](../../meetings/{meeting.id}/index.md)" in version_page
    for other in example_kb.versions:
        if other.id != meeting.version:
            assert f"meetings/{meeting.id}/" not in page(public, urls.version(other.id))
