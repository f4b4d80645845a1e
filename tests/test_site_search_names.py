"""A guideline is found by the names of the guidelines it was formed from: "interlocutory sale"
leads to guideline 8 (formed from the former ``interlocutory-sale`` and ``sale-with-consent``),
not to "Interlocutory costs", whose title merely shares a word.  The names go to search as tags,
as words; the browser test is in tests/browser/test_delegate_tasks_browser.py."""

from __future__ import annotations

import yaml

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.generate import SiteFiles
from redraft.site.guidelines import former_names


def front_matter(site: SiteFiles, tree: str, path: str) -> dict[str, object]:
    text = site.files[f"{tree}/docs/{path}"].decode("utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def test_a_merged_guideline_is_searchable_by_its_predecessors_names(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    merged = next(g for v in example_kb.versions for g in v.guidelines if len(g.merged_from) > 1)
    expected = [former.replace("-", " ") for former in merged.merged_from]
    assert former_names(example_kb.versions, merged.id) == tuple(expected)
    meta = front_matter(example_pages, "main", urls.guideline(merged.id))
    assert meta["tags"] == expected
    # the words, never the ids the files use
    assert not any("-" in tag for tag in expected)


def test_a_split_guideline_keeps_the_name_of_what_it_was_split_from(
    example_kb: KnowledgeBase,
) -> None:
    split = next(g for v in example_kb.versions for g in v.guidelines if g.split_from)
    assert split.split_from is not None
    assert split.split_from.replace("-", " ") in former_names(example_kb.versions, split.id)


def test_no_name_is_given_to_text_that_is_gone_or_to_the_translated_trees(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    latest = example_kb.latest
    assert latest is not None
    current = {g.id for g in latest.guidelines}
    gone = [g.id for v in example_kb.versions for g in v.guidelines if g.id not in current]
    assert gone
    for guideline_id in gone:
        assert "tags" not in front_matter(example_pages, "main", urls.guideline(guideline_id))
    # a Chinese reader searches in Chinese: English names would only add noise to that index
    merged = next(g for g in latest.guidelines if former_names(example_kb.versions, g.id))
    assert "tags" not in front_matter(example_pages, "zh", urls.guideline(merged.id))
    # a guideline formed from nothing has no name besides its title
    plain = next(g for g in latest.guidelines if not former_names(example_kb.versions, g.id))
    assert "tags" not in front_matter(example_pages, "main", urls.guideline(plain.id))
