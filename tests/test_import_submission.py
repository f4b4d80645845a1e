"""``redraft import submission``: a note verbale in Word becomes a submission, itemized as a
person would itemize it, with what could not be resolved listed rather than guessed.

The three notes verbales below were written for these tests (English, French, Arabic); like the
example's submissions they are illustrative and state no Government's position.  They answer the
example's call 2019-nv on CAC/COSP/IRG/2018/CRP.14 and refer to it the way notes do: "guideline
4 (b)", "l'alinéa c) de la ligne directrice 2", "المبدأ التوجيهي ٧ (ب)".
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load

ILLUSTRATIVE = {
    "en": "Illustrative note written for the tests of Redraft; it states no Government's position.",
    "fr": "Note fictive rédigée pour les tests de Redraft ; elle n'exprime la position d'aucun "
    "gouvernement.",
    "ar": "مذكرة توضيحية كتبت لاختبارات البرنامج، ولا تعبر عن موقف أي حكومة.",
}

NOTES = {
    "NGA": [
        ILLUSTRATIVE["en"],
        "No. 27/2019",
        "The Permanent Mission of the Federal Republic of Nigeria to the United Nations (Vienna) "
        "presents its compliments to the United Nations Office on Drugs and Crime and, with "
        "reference to note verbale CU 2019/27/DTA/CEB/CSS of 28 January 2019, has the honour to "
        "transmit the following comments.",
        "Nigeria supports guideline 4 as a whole and stresses that predictable funding of the "
        "office is essential.",
        "In guideline 4 (b), the words “a share of the proceeds of confiscation” are too open; "
        "the passage should read “a share, fixed by law, of the proceeds of confiscation”.",
        "Paragraph (b) of guideline 10 should say which authority bears the costs when several "
        "agencies use the same asset.",
        "Guideline 21 should be aligned with the Convention.",
        "The Mission considers that the guidelines would benefit from a glossary of the terms "
        "used throughout the text.",
        "The Permanent Mission of the Federal Republic of Nigeria avails itself of this "
        "opportunity to renew to the Office the assurances of its highest consideration.",
    ],
    "CHE": [
        ILLUSTRATIVE["fr"],
        "La Mission permanente de la Suisse auprès de l'Office des Nations Unies à Vienne présente "
        "ses compliments à l'Office des Nations Unies contre la drogue et le crime et a l'honneur "
        "de lui transmettre ses observations sur le document CAC/COSP/IRG/2018/CRP.14.",
        "Concernant la ligne directrice 12 a), la notion de « coopératives sociales » devrait "
        "être remplacée par « entités à but non lucratif ».",
        "À l'alinéa c) de la ligne directrice 2, il conviendrait de mentionner les experts "
        "agréés par les tribunaux.",
        "La Suisse appuie pleinement la ligne directrice 15.",
        "La Mission permanente de la Suisse saisit cette occasion pour renouveler à l'Office "
        "l'assurance de sa haute considération.",
    ],
    "EGY": [
        ILLUSTRATIVE["ar"],
        "تهدي البعثة الدائمة لجمهورية مصر العربية لدى الأمم المتحدة في فيينا أطيب تحياتها إلى "
        "مكتب الأمم المتحدة المعني بالمخدرات والجريمة، وتتشرف بأن ترفق طيه تعليقاتها.",
        "فيما يتعلق بالمبدأ التوجيهي ٧ (ب)، ينبغي توضيح المقصود بالتكاليف غير المتناسبة.",
        "تقترح مصر أن تضاف إلى الفقرة (أ) من المبدأ التوجيهي 16 إشارة إلى اتفاقية الأمم المتحدة "
        "لمكافحة الفساد.",
        "ترى مصر أن من المفيد إعداد دليل تقني مصاحب للمبادئ التوجيهية يتضمن أمثلة عملية من الدول.",
        "وتغتنم البعثة الدائمة هذه الفرصة لتعرب مجددا للمكتب عن فائق تقديرها.",
    ],
}


def note_verbale(paragraphs: list[str], path: Path) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", "submission", *args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


def imported(root: Path, party: str) -> list[tuple[str, str | None, str | None, str | None, str]]:
    submission = next(
        s for s in load(root).kb.submissions if s.party == party and s.call == "2019-nv"
    )
    return [(c.guideline, c.paragraph, c.quote, c.proposed, c.type) for c in submission.comments]


@pytest.fixture
def notes(tmp_path: Path) -> dict[str, Path]:
    return {
        party: note_verbale(paragraphs, tmp_path / f"{party}.docx")
        for party, paragraphs in NOTES.items()
    }


def test_three_notes_verbales_are_itemized_as_a_person_would(
    example_copy: Path, notes: dict[str, Path]
) -> None:
    errors_before = [p for p in check(example_copy) if p.severity == "error"]
    outputs = {}
    for party, file in notes.items():
        code, out, err = run(example_copy, str(file), "--party", party, "--call", "2019-nv",
                             "--received", "2019-02-27")  # fmt: skip
        assert code == 0, err
        outputs[party] = out

    assert imported(example_copy, "NGA") == [
        ("office-funding", None, None, None, "general"),
        (
            "office-funding",
            "b",
            "a share of the proceeds of confiscation",
            "a share, fixed by law, of the proceeds of confiscation",
            "editorial",
        ),
        ("interim-use", "b", None, None, "technical"),
    ]
    assert "not itemized: paragraph 7 (Guideline 21 should be aligned" in outputs["NGA"]
    assert "CRP.14 has no guideline 21" in outputs["NGA"]
    assert (
        "paragraph 8 (The Mission considers that the guidelines would benefit from a"
        in (outputs["NGA"])
    )
    assert imported(example_copy, "CHE") == [
        ("social-reuse", "a", None, "entités à but non lucratif", "editorial"),
        ("asset-assessment", "c", None, None, "technical"),
        ("transparency", None, None, None, "general"),
    ]
    # the French quote is not in the English text of CRP.14: said, not recorded as a quote
    assert "“coopératives sociales” are not in the en text of guideline 12" in outputs["CHE"]
    assert imported(example_copy, "EGY") == [
        ("sale-before-confiscation", "b", None, None, "technical"),
        ("international-cooperation", "a", None, None, "technical"),
    ]
    assert "not itemized: paragraph 5 (ترى مصر" in outputs["EGY"]

    loaded = load(example_copy).kb
    by_party = {s.party: s for s in loaded.submissions if s.call == "2019-nv"}
    assert by_party["EGY"].language == "ar" and by_party["CHE"].language == "fr"
    assert by_party["NGA"].language == "en" and by_party["NGA"].reference == "No. 27/2019"
    # the text verbatim, a paragraph of the document per paragraph of the text
    assert by_party["CHE"].text == "\n\n".join(NOTES["CHE"]) + "\n"
    assert all(c.disposition == "pending" for party in NOTES for c in by_party[party].comments)
    assert [p for p in check(example_copy) if p.severity == "error"] == errors_before


def test_what_was_not_itemized_is_listed_in_the_file_for_the_editor(
    example_copy: Path, notes: dict[str, Path]
) -> None:
    code, _out, err = run(example_copy, str(notes["NGA"]), "--party", "NGA", "--call", "2019-nv")
    assert code == 0, err
    text = (example_copy / "comments/submissions/2019-nv/NGA.yml").read_text(encoding="utf-8")
    tail = text[text.index("# For the editor") :].splitlines()
    # the illustrative line, the guideline CRP.14 does not have, the paragraph naming none
    assert len(tail) == 4
    assert (
        tail[1].startswith("#   paragraph 1 (Illustrative note") and "names no guideline" in tail[1]
    )
    assert "CRP.14 has no guideline 21" in tail[2] and "names no guideline" in tail[3]


def test_dry_run_writes_nothing_and_shows_the_file(
    example_copy: Path, notes: dict[str, Path]
) -> None:
    code, out, _err = run(
        example_copy, str(notes["EGY"]), "--party", "EGY", "--call", "2019-nv", "--dry-run"
    )
    assert code == 0
    assert "+++ b/comments/submissions/2019-nv/EGY.yml" in out
    assert "+    guideline: sale-before-confiscation" in out
    assert not (example_copy / "comments/submissions/2019-nv/EGY.yml").exists()


@pytest.mark.parametrize(
    ("args", "expected_code", "message"),
    [
        (["--party", "XXX", "--call", "2019-nv"], 2, "unknown party 'XXX'"),
        (["--party", "EGY", "--call", "2030-nv"], 2, "unknown call '2030-nv'"),
        (["--party", "AUT", "--call", "2019-nv"], 2, "AUT.yml exists"),
        (["--party", "EGY", "--call", "2019-nv", "--language", "xx"], 2, "unknown language"),
    ],
)
def test_refusals_write_nothing(
    example_copy: Path,
    notes: dict[str, Path],
    args: list[str],
    expected_code: int,
    message: str,
) -> None:
    before = sorted(p.name for p in (example_copy / "comments/submissions/2019-nv").iterdir())
    code, _out, err = run(example_copy, str(notes["EGY"]), *args)
    assert code == expected_code and message in err
    assert len(err.strip().splitlines()) == 1
    after = sorted(p.name for p in (example_copy / "comments/submissions/2019-nv").iterdir())
    assert after == before


def test_a_file_that_is_not_word_is_one_line_and_exit_one(
    example_copy: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "note.docx"
    fake.write_text("not a Word file", encoding="utf-8")
    code, _out, err = run(example_copy, str(fake), "--party", "EGY", "--call", "2019-nv")
    assert code == 1
    assert err.startswith("redraft import submission: error:") and "not a Word document" in err
    assert not (example_copy / "comments/submissions/2019-nv/EGY.yml").exists()
