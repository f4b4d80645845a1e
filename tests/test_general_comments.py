"""General comments: on the whole document, its introduction or a part, each shown in its own
place (first, before the comments on guidelines) by the site, ``redraft status``, the
compilation and traceability, and never filed under a guideline.

The example has one general comment (``aut-2019-5``, on the document as a whole, noted).  The
module's copy adds, to France's reply of 2019, a pending comment on part II, an accepted comment
quoting the introduction, and a pending comment on the document, and is loaded, checked and
generated once.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.comments.traceability import trace
from redraft.exports.compilation import (
    COLUMNS,
    GENERAL_COMMENTS,
    TABLE_COLUMNS,
    compilation,
    render,
)
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.config import default_base
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.labels import Labels

from .conftest import copy_example, is_planted_drift

FRANCE = "comments/submissions/2019-nv/FRA.yml"
EXAMPLE_GENERAL = "aut-2019-5"
ADDED = """\
  - id: fra-2019-g1
    part: management
    type: general
    text: La partie II gagnerait à rappeler le principe de proportionnalité.
  - id: fra-2019-g2
    about: introduction
    quote: Guidelines have been merged, added and reordered
    type: editorial
    text: L'introduction devrait indiquer quelles lignes directrices ont été fusionnées.
    disposition: accepted
    rationale: The introduction of CAC/COSP/WG.2/2019/3 says so.
    addressed_in: 2019-3
  - id: fra-2019-g3
    about: document
    type: general
    text: Le texte révisé est bienvenu.
"""
"""Appended to France's reply: on part II, on the introduction (decided), on the document."""


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if not is_planted_drift(p)]


@pytest.fixture(scope="module")
def with_general(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("general") / "kb")
    path = root / FRANCE
    path.write_text(path.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def kb(with_general: Path) -> KnowledgeBase:
    return load(with_general).kb


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> SiteFiles:
    return generate_site(
        kb,
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=False,
    )


def part_title(kb: KnowledgeBase) -> str:
    """Part II's title as the newest version prints it: what a reader is shown."""
    assert kb.draft is not None
    part = kb.draft.part("management")
    assert part is not None and part.number == "II"
    return part.title


def page(pages: SiteFiles, path: str) -> str:
    return pages.files[f"main/docs/{path}"].decode("utf-8")


# -- loading and checking ---------------------------------------------------------------------


def test_the_example_general_comment_addresses_the_document(example_kb: KnowledgeBase) -> None:
    comment = next(c for c in example_kb.comments() if c.id == EXAMPLE_GENERAL)
    assert (comment.scope, comment.guideline, comment.part) == ("document", None, None)
    assert comment.is_general
    # a comment on a guideline is read as before
    assert next(c for c in example_kb.comments() if c.id == "aut-2019-1").scope == "guideline"


def test_general_comments_load_and_check_clean(with_general: Path, kb: KnowledgeBase) -> None:
    assert problems(with_general) == []
    found = {c.id: (c.scope, c.part, c.quote) for c in kb.comments() if c.is_general}
    assert found == {
        EXAMPLE_GENERAL: ("document", None, None),
        "fra-2019-g1": ("part", "management", None),
        "fra-2019-g2": ("introduction", None, "Guidelines have been merged, added and reordered"),
        "fra-2019-g3": ("document", None, None),
    }


def test_check_names_the_file_and_line_of_an_unknown_part(example_copy: Path) -> None:
    path = example_copy / FRANCE
    before = path.read_text(encoding="utf-8") + ADDED.replace("part: management", "part: parts")
    path.write_text(before, encoding="utf-8")
    line = before.splitlines().index("  - id: fra-2019-g1") + 1
    result = CliRunner().invoke(main, ["check", "--root", str(example_copy)])
    assert result.exit_code == 1
    assert (
        f"{FRANCE}:{line}: comment 'fra-2019-g1': part 'parts' is not in version '2018-crp14', "
        "the version the call was about (it has planning, management, disposal)"
    ) in result.output
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == before


# -- redraft status ---------------------------------------------------------------------------


def status(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["status", "--root", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_status_lists_pending_general_comments_first(with_general: Path, kb: KnowledgeBase) -> None:
    lines = status(with_general).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Pending comments:"))
    groups = [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]
    groups = [line for line in groups if not line.startswith(("fra-", "aut-", "arg-", "mar-"))]
    assert groups[:3] == [
        "general comments: the whole document",
        f"general comments: part II ({part_title(kb)})",
        "guideline 2 asset-assessment",
    ]
    text = "\n".join(lines)
    assert "fra-2019-g3  FRA  document: Le texte révisé est bienvenu." in text
    assert "fra-2019-g1  FRA  part management: La partie II gagnerait" in text
    assert "fra-2019-g2" not in text  # decided: not pending


@pytest.mark.parametrize("language", ["fr", "zh", "ar"])
def test_status_names_the_general_groups_in_the_language_asked_for(
    with_general: Path, kb: KnowledgeBase, language: str
) -> None:
    """``--lang``: the groups of general comments in the site's words for that language (a
    part by its title there); what the editors themselves wrote stays as it is."""
    labels = Labels(language)
    lines = status(with_general, "--lang", language).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Pending comments:"))
    groups = [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]
    groups = [line for line in groups if not line.startswith(("fra-", "aut-", "arg-", "mar-"))]
    general = labels["general_comments"].lower()
    assert kb.draft is not None
    part = kb.draft.part("management")
    assert part is not None
    part_words = labels.format("subject_part", number="II", title=part.title_in(language))
    assert groups[:2] == [
        f"{general}: {labels['subject_document']}",
        f"{general}: {part_words}",
    ]
    assert "general comments" not in "\n".join(lines)


def test_status_refuses_an_unknown_language(with_general: Path) -> None:
    result = CliRunner().invoke(main, ["status", "--root", str(with_general), "--lang", "xx"])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        .splitlines()[-1]
        .endswith("unknown language 'xx': choose one of ar, zh, en, fr, ru, es")
    )


def test_status_json_says_what_each_comment_is_about(with_general: Path) -> None:
    report = json.loads(status(with_general, "--format", "json"))
    pending = report["pending"]
    assert [(g["about"], g["guideline"], g["part"]) for g in pending[:3]] == [
        ("document", None, None),
        ("part", None, "management"),
        ("guideline", "asset-assessment", None),
    ]
    assert pending[1]["number"] == "II"
    (on_part,) = pending[1]["comments"]
    assert (on_part["id"], on_part["about"], on_part["part"]) == (
        "fra-2019-g1",
        "part",
        "management",
    )


# -- traceability -----------------------------------------------------------------------------


def test_a_decided_general_comment_has_no_guideline_trace(kb: KnowledgeBase) -> None:
    decided = next(c for c in kb.comments() if c.id == "fra-2019-g2")
    assert decided.addressed_in == "2019-3"
    assert trace(kb, decided) is None
    on_guideline = next(c for c in kb.comments() if c.id == "aut-2019-1")
    assert trace(kb, on_guideline) is not None  # the guideline comments keep theirs


# -- the site ---------------------------------------------------------------------------------


def test_comments_page_shows_general_comments_first_by_subject(
    pages: SiteFiles, kb: KnowledgeBase
) -> None:
    text = page(pages, urls.COMMENTS)
    general = text.index("## General comments { #general_comments }")
    headings = [
        text.index("### On the whole document", general),
        text.index("### On the introduction", general),
        text.index(f"### On part II ({part_title(kb)})", general),
    ]
    table = text.index("## All comments { #all_comments }")
    assert headings == sorted(headings) and headings[-1] < table
    for comment_id in (EXAMPLE_GENERAL, "fra-2019-g1", "fra-2019-g2", "fra-2019-g3"):
        card = text.index(f'id="{urls.comment_anchor(comment_id)}"')
        assert general < card < table
    # in the table, the general comments come first and link to their card on this page
    rows = [line for line in text[table:].splitlines() if line.startswith("| [`")]
    first = [row.split("`")[1] for row in rows[:4]]
    assert first == [EXAMPLE_GENERAL, "fra-2019-g3", "fra-2019-g2", "fra-2019-g1"]
    assert f"(index.md#{urls.comment_anchor('fra-2019-g1')})" in rows[3]
    assert "| Part II |" in rows[3] and "| Introduction |" in rows[2] and "| General |" in rows[0]


def test_the_example_site_has_the_section(example_pages: SiteFiles) -> None:
    text = example_pages.files[f"main/docs/{urls.COMMENTS}"].decode("utf-8")
    section = text[text.index("## General comments") : text.index("## All comments")]
    assert "### On the whole document" in section
    assert f'id="{urls.comment_anchor(EXAMPLE_GENERAL)}"' in section


def test_party_page_groups_general_comments_first(pages: SiteFiles, kb: KnowledgeBase) -> None:
    text = page(pages, urls.party("fra"))
    reply = text[text.index("note verbale CU 2019/27") :]
    general = reply.index(f"#### {GENERAL_COMMENTS}")
    on_guidelines = reply.index("#### On the guidelines")
    cards = [
        reply.index(f'id="{urls.comment_anchor(c)}"')
        for c in ("fra-2019-g3", "fra-2019-g2", "fra-2019-g1")
    ]
    assert general < cards[0] < cards[1] < cards[2] < on_guidelines
    assert reply.index(f'id="{urls.comment_anchor("fra-2019-1")}"') > on_guidelines
    # the card says what the comment is about instead of a guideline
    card = reply[cards[2] : reply.index("</div>", cards[2])]
    assert f"part II ({part_title(kb)})" in card


@pytest.mark.parametrize("tree", ["zh", "ar", "fr"])
def test_a_language_tree_says_what_general_comments_address_in_its_language(
    pages: SiteFiles, kb: KnowledgeBase, tree: str
) -> None:
    labels = Labels(tree)
    text = html.unescape(pages.files[f"{tree}/docs/{urls.COMMENTS}"].decode("utf-8"))
    assert kb.draft is not None
    part = kb.draft.part("management")
    assert part is not None and part.title_in(tree) != part.title
    on_part = labels.format("subject_part", number="II", title=part.title_in(tree))
    for subject in (labels["subject_document"], labels["subject_introduction"], on_part):
        assert f"### {labels.format('general_on', subject=subject)}\n" in text
    rows = {
        line.split("`")[1]: line.split(" | ")[3]
        for line in text.splitlines()
        if line.startswith("| [`fra-2019-g")
    }
    assert rows == {
        "fra-2019-g1": labels.format("cell_part", number="II"),
        "fra-2019-g2": labels["introduction"],
        "fra-2019-g3": labels["cell_general"],
    }
    # the decided comment on the introduction: its quote (the original's words, marked as
    # English) and where it was addressed
    words = '<span lang="en" dir="ltr">Guidelines have been merged, added and reordered</span>'
    quote = labels.format("on_the_words", quote=words)
    assert quote in text
    assert labels["card_in"].split("{version}")[0] + "[CAC/COSP/WG.2/2019/3](" in text
    for english in ("On part II", "On the introduction", "On the words", "| Part II |"):
        assert english not in text


def test_no_guideline_page_shows_a_general_comment(pages: SiteFiles, kb: KnowledgeBase) -> None:
    general = ("fra-2019-g1", "fra-2019-g2", "fra-2019-g3", EXAMPLE_GENERAL)
    for guideline_id in kb.guideline_ids():
        text = page(pages, urls.guideline(guideline_id))
        assert not any(urls.comment_anchor(c) in text for c in general), guideline_id


# -- the compilation --------------------------------------------------------------------------


def test_compilation_docx_prints_general_comments_first(kb: KnowledgeBase) -> None:
    content = compilation(kb, "2019-nv")
    document = docx.Document(io.BytesIO(render(content, "docx")))
    headings = [table.rows[0].cells[0].text for table in document.tables[1:]]
    assert headings[:3] == [
        GENERAL_COMMENTS,
        "Introduction",
        "Part II. Management of assets pending confiscation",
    ]
    assert headings[3].startswith("Guideline ")
    first = document.tables[1]
    assert [row.cells[0].text for row in first.rows[2:]] == [EXAMPLE_GENERAL, "fra-2019-g3"]
    introduction = document.tables[2]
    (row,) = introduction.rows[2:]
    assert row.cells[0].text == "fra-2019-g2"
    assert "“Guidelines have been merged, added and reordered”" in row.cells[2].text


def test_compilation_xlsx_rows_say_what_general_comments_are_about(kb: KnowledgeBase) -> None:
    data = render(compilation(kb, "2019-nv"), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Compilation"]
    values = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    rows = values[values.index(list(TABLE_COLUMNS)) + 1 :]
    guideline = COLUMNS.index("Guideline")
    assert [(r[0], r[guideline]) for r in rows[:4]] == [
        (EXAMPLE_GENERAL, "General"),
        ("fra-2019-g3", "General"),
        ("fra-2019-g2", "Introduction"),
        ("fra-2019-g1", "Part II"),
    ]
    assert all(r[guideline] not in ("General", "Introduction", "Part II") for r in rows[4:])


@pytest.mark.parametrize("language", ["zh", "fr", "ar"])
def test_compilation_in_a_language_names_its_groups_with_the_sites_words(
    kb: KnowledgeBase, with_general: Path, tmp_path: Path, language: str
) -> None:
    """``redraft export compilation --lang``: the group headings and the Guideline cells of
    general comments in that language, as the site writes them; the comments as received."""
    labels = Labels(language)
    output = tmp_path / "compilation.docx"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "compilation",
            "--root",
            str(with_general),
            "--call",
            "2019-nv",
            "--lang",
            language,
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(output.read_bytes()))
    headings = [table.rows[0].cells[0].text for table in document.tables[1:]]
    version = kb.version("2018-crp14")
    assert version is not None
    part = version.part("management")
    assert part is not None
    assert headings[:3] == [
        labels["general_comments"],
        labels["introduction"],
        labels.format("group_part", number="II", title=part.title_in(language)),
    ]
    assert GENERAL_COMMENTS not in headings
    guideline = version.guidelines[0]
    expected = labels.format(
        "group_guideline",
        number=guideline.number,
        title=guideline.in_language(language).title,
    )
    assert expected in headings
    rows = compilation(kb, "2019-nv", language=language).rows
    assert [(r.number, r.guideline) for r in rows[:4]] == [
        (EXAMPLE_GENERAL, labels["cell_general"]),
        ("fra-2019-g3", labels["cell_general"]),
        ("fra-2019-g2", labels["introduction"]),
        ("fra-2019-g1", labels.format("cell_part", number="II")),
    ]
    assert rows[2].comment == next(c.text for c in kb.comments() if c.id == "fra-2019-g2").strip()


def test_compilation_refuses_an_unknown_language(with_general: Path, tmp_path: Path) -> None:
    output = tmp_path / "compilation.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "compilation",
            "--root",
            str(with_general),
            "--call",
            "2019-nv",
            "--lang",
            "xx",
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 2
    assert "unknown language 'xx'" in result.output
    assert not output.exists()


# -- redraft new submission -------------------------------------------------------------------


def test_the_scaffold_mentions_the_syntax_and_a_general_comment_checks(example_copy: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["new", "submission", "--root", str(example_copy), "--party", "EGY", "--call", "2018-nv"],
    )
    assert result.exit_code == 0, result.output
    path = example_copy / "comments/submissions/2018-nv/EGY.yml"
    text = path.read_text(encoding="utf-8")
    assert "about: document" in text and "about: introduction" in text
    assert "part: planning (a part as a whole)" in text
    filled = text.replace('text: ""', "text: Illustrative reply written for a test.").replace(
        "comments: []",
        "comments:\n  - id: egy-general-1\n    about: document\n    type: general\n"
        "    text: A general remark.",
    )
    path.write_text(filled, encoding="utf-8")
    assert problems(example_copy) == []
    (comment,) = next(
        s for s in load(example_copy).kb.submissions if s.id == "2018-nv/EGY"
    ).comments
    assert comment.scope == "document"
