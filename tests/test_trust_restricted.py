"""Restricted means absent: canaries planted in restricted submissions reach no public output.

A copy of the example gets a unique random token in every field of its restricted submission
(reference, text, each comment's id, text, proposed wording and rationale, a retarget's author
and note), and a second restricted submission from a party that exists only for this test and has
no public submission, so that its code and name are canaries too.  A restricted meeting record
(its id, every field, its report's text naming that party) and a restricted reference get tokens
as well, and public material cites both: a public reply's disposition cites the meeting's
paragraph, the public example meeting cites the reference.  Then:

* the public site is built, and every file of it (and of the generated pages it was built from)
  is searched, compressed files decompressed: HTML, the search index, the sitemap, scripts,
  styles, text;
* the compilation of comments is exported for every call in every format, the Office files
  unzipped and every part of them searched;
* ``redraft status --format json`` (and with the deprecated ``--public``) is searched, and the
  secretariat's status (``--include-restricted``) must flag every item that carries a canary as
  restricted;
* the internal build must carry every canary and mark every HTML page as internal.

A token is searched in the raw bytes, in the text with character references decoded and in the
text with tags removed, so that neither an escape nor a tag splitting it can hide a leak.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import secrets
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from redraft.cli import main
from redraft.kb.load import load
from redraft.site.build import build
from redraft.site.labels import TRANSLATIONS, Labels
from redraft.site.layout import INTERNAL_PAGES, INTERNAL_SITE, PUBLIC_PAGES

from .site_support import example_site_root, site_text
from .test_site_generate import restricted_canaries

RESTRICTED = "comments/submissions/2019-nv/GBR.yml"
INTERNAL_LABELS = frozenset(Labels(language)["internal"] for language in (*TRANSLATIONS, "en"))
""""Internal build" in each interface language: an internal build puts it in the site name, so
every page's title and header say it, the 404 page and the search page included."""
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


LATE_DATE = "2031-05-17"
"""The date a confidential reply was received, later than every public date: a public build that
dated itself from all replies (the sitemap's lastmod, a "last updated") would show it."""


def token(prefix: str = "zq") -> str:
    """A canary: random, lowercase hex, one word for every tokenizer (ids may use it too)."""
    return f"{prefix}{secrets.token_hex(6)}"


@dataclass(frozen=True)
class Planted:
    root: Path
    canaries: dict[str, str]  # what the token was planted in -> the token

    def found_in(self, text: str) -> list[str]:
        return [where for where, canary in self.canaries.items() if canary in text]


def plant_canaries(root: Path) -> Planted:
    canaries: dict[str, str] = {}

    def canary(where: str, prefix: str = "zq") -> str:
        canaries[where] = token(prefix)
        return canaries[where]

    # 1. the example's restricted submission: a token in every field an editor writes
    path = root / RESTRICTED
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["visibility"] == "restricted", "the example changed: update RESTRICTED"
    data["reference"] = f"{data.get('reference', '')} {canary('submission reference')}"
    data["text"] += f"\n{canary('submission text')} closing paragraph of the note.\n"
    data["translation"] = {
        "language": "fr",
        "text": f"Traduction de la note {canary('translation text')}.",
        "by": f"Secrétariat {canary('translation by')}",
    }
    for index, comment in enumerate(data["comments"]):
        comment["id"] = canary(f"comment {index} id", "gbr-zq")
        comment["text"] += f" {canary(f'comment {index} text')}"
        comment["translation"] = f"Traduction {canary(f'comment {index} translation')}"
        comment["proposed"] = (
            f"{comment.get('proposed') or 'wording'} {canary(f'comment {index} proposed')}"
        )
        comment["rationale"] = (
            f"{comment.get('rationale') or 'Noted.'} {canary(f'comment {index} rationale')}"
        )
    first = data["comments"][0]
    later = _later_version_with(root, data["call"], first["guideline"])
    if later is not None:
        first["retarget"] = [
            {
                "version": later,
                "guideline": first["guideline"],
                "by": f"Editor {canary('retarget by')}",
                "date": "2019-06-01",
                "note": f"Moved by the editor {canary('retarget note')}",
            }
        ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # 2. a party that exists only to reply in confidence: its code and name must leak nowhere
    code = "ZQ" + "".join(secrets.choice("ABCDEFGHJKLMNPRSTUVWXY") for _ in range(6))
    canaries["party code"] = code
    canaries["party code in a URL"] = code.lower()
    name = f"Republic of {canary('party name', 'Zq')}"
    parties = root / "comments" / "parties.yml"
    parties.write_text(
        parties.read_text(encoding="utf-8")
        + f"  - code: {code}\n    name: {json.dumps(name)}\n    type: state\n",
        encoding="utf-8",
    )
    guideline, version = _a_guideline_of_the_call(root, "2018-nv")
    reply = {
        "party": code,
        "call": "2018-nv",
        "received": LATE_DATE,  # later than anything public: it must not date the public site
        "reference": f"Note {canary('second reference')}",
        "language": "en",
        "visibility": "restricted",
        "text": f"The Mission {canary('second text')} submits in confidence.\n",
        "comments": [
            {
                "id": canary("second comment id", "zq-"),
                "guideline": guideline,
                "type": "general",
                "text": f"A confidential remark {canary('second comment text')}.",
                "proposed": f"confidential wording {canary('second comment proposed')}",
                "disposition": "noted",
                "rationale": f"Taken into account {canary('second comment rationale')}.",
            }
        ],
    }
    canaries["second received date"] = LATE_DATE
    canaries["second received date, written out"] = "17 May 2031"
    (root / "comments" / "submissions" / "2018-nv" / f"{code}.yml").write_text(
        yaml.safe_dump(reply, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert version  # the call's version has guidelines

    # 3. a restricted meeting record and a restricted reference, cited from public material
    _plant_restricted_records(root, canary, code, name)
    return Planted(root, canaries)


RESTRICTED_RECORDS_CITED_BY = "comments/submissions/2019-nv/AUT.yml"
"""A public reply whose disposition is made to cite the restricted meeting's paragraph."""


def _plant_restricted_records(
    root: Path, canary: Callable[..., str], party_code: str, party_name: str
) -> None:
    """A restricted meeting (its id, every field and its report's text carry tokens, held later
    than anything public) whose paragraph the public reply's disposition cites; and a restricted
    reference, attached to a guideline and cited by the public example meeting."""
    kb = load(root).kb
    public_meeting = kb.meetings[0]
    version = public_meeting.version
    assert version is not None
    found = kb.version(version)
    assert found is not None
    guideline = found.guidelines[0].id
    reference_id = canary("reference identifier", "zq-ref-")
    meeting_id = canary("meeting identifier", "zq-meeting-")
    meeting = {
        "body": f"Body {canary('meeting body')}",
        "session": f"closed session {canary('meeting session')}",
        "place": f"Place {canary('meeting place')}",
        "start": LATE_DATE,
        "versions": [version],
        "visibility": "restricted",
        "report": {
            "symbol": f"SYMBOL/{canary('report symbol')}",
            "date": LATE_DATE,
            "languages": ["en"],
            "title": {"en": f"Confidential report {canary('report title')}"},
        },
        "paragraphs": [
            {
                "number": 1,
                "speaker": {"role": "delegation", "party": party_code},
                "discusses": [{"guideline": guideline}],
                "references": [reference_id],
                "text": {
                    "en": f"The delegation of {party_name} said {canary('report paragraph')}."
                },
            }
        ],
    }
    folder = root / "records" / "meetings"
    (folder / f"{meeting_id}.yml").write_text(
        yaml.safe_dump(meeting, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    references_path = root / "records" / "references.yml"
    references = yaml.safe_load(references_path.read_text(encoding="utf-8"))
    references["references"].append(
        {
            "id": reference_id,
            "kind": "national-practice",
            "title": f"Confidential practice {canary('reference title')}",
            "author": f"Author {canary('reference author')}",
            "language": "en",
            "url": f"https://example.org/{canary('reference url')}",
            "guidelines": [guideline],
            "visibility": "restricted",
            "note": f"Note {canary('reference note')}",
        }
    )
    references_path.write_text(
        yaml.safe_dump(references, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    # the public example meeting cites the restricted reference too
    public_path = root / public_meeting.source.path
    public = yaml.safe_load(public_path.read_text(encoding="utf-8"))
    public["paragraphs"][0].setdefault("references", []).append(reference_id)
    public_path.write_text(
        yaml.safe_dump(public, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    citing = root / RESTRICTED_RECORDS_CITED_BY
    reply = yaml.safe_load(citing.read_text(encoding="utf-8"))
    assert reply.get("visibility", "public") == "public"
    reply["comments"][0]["meeting_paragraph"] = f"{meeting_id}/1"
    citing.write_text(yaml.safe_dump(reply, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _later_version_with(root: Path, call_id: str, guideline: str) -> str | None:
    kb = load(root).kb
    call = kb.call(call_id)
    assert call is not None
    for version in kb.versions:
        if kb.is_later(version.id, call.version) and version.guideline(guideline) is not None:
            return version.id
    return None


def _a_guideline_of_the_call(root: Path, call_id: str) -> tuple[str, str]:
    kb = load(root).kb
    call = kb.call(call_id)
    assert call is not None
    version = kb.version(call.version)
    assert version is not None and version.guidelines
    return version.guidelines[0].id, version.id


# -- reading every output file -----------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")


def readable_forms(data: bytes) -> Iterator[str]:
    """The ways a leak could be written in ``data``: raw, references decoded, tags removed."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from readable_forms(archive.read(member))
        return
    text = data.decode("utf-8", errors="replace")
    yield text
    decoded = html.unescape(text)
    yield decoded
    yield _TAG.sub("", decoded)
    if text.lstrip().startswith(("{", "[")):  # JSON may write a character as \u0041
        try:
            parsed = json.loads(text)
        except ValueError:
            return
        yield json.dumps(parsed, ensure_ascii=False)


def leaks_in_tree(planted: Planted, folder: Path) -> dict[str, list[str]]:
    leaks: dict[str, list[str]] = {}
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    assert files, f"nothing in {folder}"
    for path in files:
        for form in readable_forms(path.read_bytes()):
            for where in planted.found_in(form):
                leaks.setdefault(where, []).append(path.relative_to(folder).as_posix())
    return leaks


# -- fixtures: one planted copy, built once each way -------------------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, example_site: Path) -> Planted:
    # The session build's render cache: the public build renders only the pages the planted
    # material changes, and a leak would be on those (the internal build's cache is its own).
    root = example_site_root(tmp_path_factory.mktemp("restricted") / "kb", rendered=example_site)
    found = plant_canaries(root)
    problems = [str(p) for p in load(root).problems]
    assert problems == [], problems  # the planted copy is clean, so the build cannot refuse it
    return found


@pytest.fixture(scope="module")
def public_site(planted: Planted) -> Path:
    result = build(planted.root, strict=True)
    assert result.mkdocs_warnings == ()
    return planted.root / "site"


@pytest.fixture(scope="module")
def public_files(public_site: Path) -> dict[str, tuple[int, bytes]]:
    """Each file of the public site as the internal build finds it: its time and bytes."""
    return _files_of(public_site)


def _files_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def internal_site(
    planted: Planted, public_site: Path, public_files: dict[str, tuple[int, bytes]]
) -> Path:
    build(planted.root, internal=True, strict=True)
    return planted.root / INTERNAL_SITE


def test_every_field_of_the_restricted_submission_was_planted(planted: Planted) -> None:
    kb = load(planted.root).kb
    restricted = [s for s in kb.submissions if s.restricted]
    assert len(restricted) >= 2
    everything = json.dumps(
        [
            [
                s.reference,
                s.text,
                [s.translation.text, s.translation.by] if s.translation else None,
                [[c.id, c.text, c.proposed, c.rationale, c.translation] for c in s.comments],
            ]
            for s in restricted
        ]
    )
    missing = [
        where
        for where in planted.canaries
        if where.startswith(("comment", "second", "submission", "translation"))
        and "received" not in where
        and planted.canaries[where] not in everything
    ]
    assert missing == []
    assert not any(
        s.party == planted.canaries["party code"] for s in kb.without_restricted().submissions
    )
    assert max(s.received for s in kb.submissions).isoformat() == LATE_DATE


def test_no_canary_in_any_file_of_the_public_site(planted: Planted, public_site: Path) -> None:
    assert (public_site / "search" / "search_index.json").is_file()
    assert (public_site / "sitemap.xml.gz").is_file()
    assert leaks_in_tree(planted, public_site) == {}


def test_no_canary_in_the_pages_the_public_site_was_built_from(
    planted: Planted, public_site: Path
) -> None:
    assert leaks_in_tree(planted, planted.root / PUBLIC_PAGES) == {}


def test_no_page_for_a_party_that_replied_only_in_confidence(
    planted: Planted, public_site: Path
) -> None:
    code = planted.canaries["party code in a URL"]
    assert not (public_site / "parties" / code).exists()
    assert not (public_site / "parties" / "gbr").exists()  # the example's restricted-only party


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "docx"])
def test_no_canary_in_any_export(planted: Planted, tmp_path: Path, export_format: str) -> None:
    kb = load(planted.root).kb
    assert kb.calls
    for call in kb.calls:
        output = tmp_path / f"{call.id}.{export_format}"
        result = CliRunner().invoke(
            main,
            [
                "export",
                "compilation",
                "--call",
                call.id,
                "--output",
                str(output),
                "--root",
                str(planted.root),
            ],
        )
        assert result.exit_code == 0, result.output
        leaks = [
            where
            for form in readable_forms(output.read_bytes())
            for where in planted.found_in(form)
        ]
        assert leaks == [], (call.id, leaks)


def test_the_internal_compilation_does_carry_them(planted: Planted, tmp_path: Path) -> None:
    # the control: the same search finds the tokens when restricted replies are asked for
    found: set[str] = set()
    for call in load(planted.root).kb.calls:
        output = tmp_path / f"{call.id}.xlsx"
        result = CliRunner().invoke(
            main,
            [
                "export",
                "compilation",
                "--call",
                call.id,
                "--output",
                str(output),
                "--include-restricted",
                "--root",
                str(planted.root),
            ],
        )
        assert result.exit_code == 0, result.output
        found.update(
            w for form in readable_forms(output.read_bytes()) for w in planted.found_in(form)
        )
    assert {"comment 0 text", "second comment text"} <= found


def _status(planted: Planted, *extra: str) -> Any:
    result = CliRunner().invoke(main, ["status", str(planted.root), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("extra", [(), ("--public",)], ids=["default", "deprecated-public"])
def test_public_status_has_no_canary(planted: Planted, extra: tuple[str, ...]) -> None:
    """Restricted content is left out unless asked for, as everywhere.  The party registry is
    public, so the confidential replier may be named, but only as one that was invited and has
    not replied: exactly what a public reader would see."""
    status = _status(planted, *extra)
    code = planted.canaries["party code"]
    for call in status["calls"]:
        if call["invited"] == ["all"] or code in call["invited"]:
            assert code in call["missing"], call["id"]
        call["invited"] = [c for c in call["invited"] if c != code]
        call["missing"] = [c for c in call["missing"] if c != code]
    assert planted.found_in(json.dumps(status, ensure_ascii=False)) == []


def test_secretariat_status_flags_every_restricted_item(planted: Planted) -> None:
    """With --include-restricted, status is the secretariat's worklist and lists restricted
    replies; every item that carries a canary must say ``restricted: true`` so that no consumer
    can miss it."""
    status = _status(planted, "--include-restricted")
    flagged = 0

    def walk(value: Any) -> None:
        nonlocal flagged
        if isinstance(value, dict):
            own = json.dumps({k: v for k, v in value.items() if not isinstance(v, dict | list)})
            if planted.found_in(own) and ("restricted" in value or "submission" in value):
                assert value.get("restricted") is True, value
                flagged += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(status)
    assert flagged > 0
    restricted_ids = set(status["comments"]["restricted"])
    canary_ids = {v for k, v in planted.canaries.items() if k.endswith(" id")}
    assert canary_ids <= restricted_ids


def test_the_internal_site_carries_the_canaries_and_marks_every_page(
    planted: Planted, internal_site: Path
) -> None:
    leaks = leaks_in_tree(planted, internal_site)
    for where in (
        "submission text",
        "comment 0 text",
        "comment 0 rationale",
        "second comment text",
    ):
        assert where in leaks, f"the internal build lacks {where}: the search itself may be broken"
    pages = sorted(internal_site.rglob("*.html"))
    assert pages
    unmarked = [
        p.relative_to(internal_site).as_posix()
        for p in pages
        if not _says_internal(p.read_text(encoding="utf-8"))
    ]
    assert unmarked == []


def _says_internal(page: str) -> bool:
    title = _TITLE.search(page)
    if title is None:
        return False
    return any(f"({label})" in html.unescape(title.group(1)) for label in INTERNAL_LABELS)


def test_public_pages_do_not_say_internal(public_site: Path) -> None:
    # the control for the marker test: the public build's titles must not carry it
    said = [p.name for p in public_site.rglob("*.html") if _says_internal(p.read_text("utf-8"))]
    assert said == []


def test_the_internal_build_never_touches_the_public_site(
    planted: Planted, public_site: Path, internal_site: Path
) -> None:
    assert leaks_in_tree(planted, public_site) == {}
    assert (planted.root / INTERNAL_PAGES).is_dir()


def test_an_internal_build_goes_elsewhere_and_marks_every_page(
    planted: Planted,
    public_site: Path,
    public_files: dict[str, tuple[int, bytes]],
    internal_site: Path,
) -> None:
    """The internal build writes beside the public site, never into it (not a file rewritten,
    added or removed), with the internal banner of its tree's language on every page and every
    restricted reference, comment id and comment opening in its files."""
    assert _files_of(public_site) == public_files
    pages = list(internal_site.rglob("index.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert any(banner in text for banner in INTERNAL_LABELS), page
    everything = "\n".join(text for _, text in site_text(internal_site))
    canaries = list(restricted_canaries(load(planted.root).kb))
    assert canaries
    for canary in canaries:
        assert canary in everything


def test_the_restricted_records_were_planted_and_are_valid(planted: Planted) -> None:
    """The planted meeting and reference load, pass every rule, and are cited from public
    material; the public model drops them and every citation of them."""
    from redraft.checks.rules import check

    problems = [str(p) for p in check(planted.root) if p.severity == "error"]
    assert problems == []
    kb = load(planted.root).kb
    meeting_id = planted.canaries["meeting identifier"]
    reference_id = planted.canaries["reference identifier"]
    meeting = kb.meeting(meeting_id)
    assert meeting is not None and meeting.restricted
    assert kb.reference(reference_id) is not None
    assert any(
        c.meeting_paragraph and c.meeting_paragraph.meeting == meeting_id for c in kb.comments()
    )
    public = kb.without_restricted()
    assert public.meeting(meeting_id) is None
    assert public.reference(reference_id) is None
    assert not any(
        c.meeting_paragraph and c.meeting_paragraph.meeting == meeting_id for c in public.comments()
    )
    assert not any(reference_id in p.references for m in public.meetings for p in m.paragraphs)


def test_the_internal_site_carries_the_restricted_records(
    planted: Planted, internal_site: Path
) -> None:
    leaks = leaks_in_tree(planted, internal_site)
    for where in ("meeting identifier", "report paragraph", "reference title"):
        assert where in leaks, f"the internal build lacks {where}: the search itself may be broken"
