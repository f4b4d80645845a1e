"""Files on disk → the knowledge-base model, plus every problem met on the way.

Loading never raises for anything an editor can write: a file that cannot be read, parsed or
validated becomes a :class:`~redraft.kb.problems.Problem` with its path and line, and the rest of
the knowledge base still loads, so ``redraft check`` reports every problem in one run.  This is the
only module (with :mod:`redraft.kb.sources`) that reads the knowledge base's files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from redraft.kb import parse_ahead, schema
from redraft.kb.collector import collector_paused
from redraft.kb.guideline_file import SourceProblem, parse_body_with_footnotes, split_front_matter
from redraft.kb.manifest import file_digest, parse_manifest
from redraft.kb.model import (
    DRAFT,
    Call,
    Comment,
    Discussed,
    Footnote,
    Guideline,
    GuidelineText,
    KnowledgeBase,
    Meeting,
    MeetingParagraphRef,
    Paragraph,
    Part,
    Party,
    Reference,
    Report,
    ReportParagraph,
    Retarget,
    Settings,
    Source,
    Speaker,
    Submission,
    Translation,
    Version,
)
from redraft.kb.parse_cache import ParseCache
from redraft.kb.problems import Problem
from redraft.kb.sources import FileSource, ReadError, decode_text
from redraft.kb.yamlio import LocatedData, YamlError, load_yaml

M = TypeVar("M", bound=BaseModel)

SETTINGS_FILE = "redraft.yml"
VERSIONS_FILE = "guidelines/versions.yml"
MANIFESTS_DIR = "guidelines/manifests"
DRAFT_FOLDER = f"guidelines/{DRAFT}"
PARTIES_FILE = "comments/parties.yml"
CALLS_FILE = "comments/calls.yml"
SUBMISSIONS_DIR = "comments/submissions"
RECORDS_DIR = "records"
MEETINGS_DIR = f"{RECORDS_DIR}/meetings"
REFERENCES_FILE = f"{RECORDS_DIR}/references.yml"
DATA_PATHS = (SETTINGS_FILE, "guidelines", "comments", RECORDS_DIR)
"""Everything the knowledge base's data is made of: what a release commits, what is never
published as hand-written pages, what a site folder may never replace."""


@dataclass(frozen=True)
class VersionFiles:
    """What the loader saw of a version folder, for the release-integrity rules."""

    version_id: str
    recorded_hash: str | None
    recorded_digests: Mapping[str, str] | None
    actual_digests: Mapping[str, str]
    source: Source


@dataclass(frozen=True)
class LoadResult:
    kb: KnowledgeBase
    problems: tuple[Problem, ...]
    version_files: tuple[VersionFiles, ...] = ()


@dataclass
class _Loader:
    files: FileSource
    problems: list[Problem] = field(default_factory=list)
    # path → SHA-256 of the bytes read from a version folder: the release-integrity rules need
    # every released file's digest, and reading each file twice was a tenth of loading at L
    digests: dict[str, str] = field(default_factory=dict)
    parse_cache: ParseCache | None = None
    # the submissions' YAML being parsed meanwhile by a second process (a cold cache only)
    ahead: parse_ahead.Ahead | None = None
    # told what is being read, for a command's progress display on a terminal
    report: Callable[[str], None] | None = None

    def say(self, what: str) -> None:
        if self.report is not None:
            self.report(what)

    def problem(self, path: str, line: int, message: str, severity: str = "error") -> None:
        # one problem, one line: text quoted from the file must not break the line format
        message = " ".join(message.split())
        self.problems.append(Problem(path, max(line, 1), message, severity))  # type: ignore[arg-type]

    # -- reading -----------------------------------------------------------------------------

    def read_text(self, path: str) -> str | None:
        try:
            data = self.files.read_bytes(path)
            if path.startswith("guidelines/") and not path.startswith(f"{DRAFT_FOLDER}/"):
                self.digests[path] = file_digest(data)
            return decode_text(data)
        except ReadError as exc:
            self.problem(path, exc.line, exc.message)
            return None

    def read_yaml(
        self, path: str, text: str | None = None, first_line: int = 1
    ) -> LocatedData | None:
        if text is None:
            text = self.read_text(path)
            if text is None:
                return None
        try:
            if self.parse_cache is not None:
                return self.parse_cache.yaml(text, first_line)
            return load_yaml(text, first_line)
        except YamlError as exc:
            self.problem(path, exc.line, exc.message)
            return None

    def validate(self, model: type[M], data: LocatedData, path: str, what: str = "") -> M | None:
        if not isinstance(data.value, dict):
            self.problem(path, data.line(()), f"expected a mapping of fields{what}")
            return None
        try:
            return model.model_validate(data.value)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                self.problem(path, data.line(loc), _describe(loc, error))
            return None

    def validate_items(
        self,
        model: type[M],
        data: LocatedData,
        key: str,
        path: str,
        fallback: Callable[[Any], M | None] | None = None,
    ) -> list[tuple[M, int]]:
        """Validate each item of the top-level list ``key`` on its own, so one bad item does not
        hide the others; returns the good items with their lines."""
        value = data.value
        if not isinstance(value, dict) or not isinstance(value.get(key), list):
            self.problem(path, data.line(()), f"expected a top-level '{key}:' list")
            return []
        extra = sorted(set(value) - {key})
        for name in extra:
            self.problem(path, data.line((name,)), f"unknown field '{name}'")
        good = []
        for index, item in enumerate(value[key]):
            located = LocatedData(item, _sub_lines(data, (key, index)))
            record = self.validate(model, located, path, f" for item {index + 1}")
            if record is None and fallback is not None:
                # keep what identifies the item, so one bad field does not cascade into
                # "unknown version" errors everywhere it is mentioned
                record = fallback(item)
            if record is not None:
                good.append((record, data.line((key, index))))
        return good

    # -- the knowledge base ------------------------------------------------------------------

    def load(self) -> LoadResult:
        with collector_paused():
            return self._load()

    def _load(self) -> LoadResult:
        settings = self.load_settings()
        entries = self.load_version_entries()
        if self.ahead is not None:
            self.ahead.plan([entry.id for entry, _ in entries] + [DRAFT])
        versions: list[Version] = []
        version_files: list[VersionFiles] = []
        for number, (entry, line) in enumerate(entries, 1):
            self.say(f"reading version {entry.id} ({number} of {len(entries)})")
            if self.ahead is not None:
                self.ahead.reading(entry.id)
            if entry.id == DRAFT:
                self.problem(
                    VERSIONS_FILE, line, "'draft' is the working draft and cannot be listed"
                )
                continue
            if not self.files.is_dir(f"guidelines/{entry.id}"):
                self.problem(
                    VERSIONS_FILE,
                    line,
                    f"version '{entry.id}' has no folder guidelines/{entry.id}/",
                )
                continue
            version = self.load_version(entry.id, entry, line)
            if version is not None:
                versions.append(version)
                version_files.append(self.version_files(entry, line))
        listed = {entry.id for entry, _ in entries}
        for folder in self.files.list_dirs("guidelines"):
            if folder not in listed and folder not in (DRAFT, "manifests"):
                self.problem(
                    f"guidelines/{folder}",
                    1,
                    f"folder is not a version listed in {VERSIONS_FILE} (release it with "
                    "`redraft release`, or remove it)",
                )
        if self.files.is_dir(DRAFT_FOLDER):
            self.say("reading the working draft")
            if self.ahead is not None:
                self.ahead.reading(DRAFT)
            draft = self.load_version(DRAFT, None, 1)
            if draft is not None:
                versions.append(draft)
        elif not self.files.exists(DRAFT_FOLDER):  # else a refused link, reported below
            self.problem("guidelines", 1, "the working draft guidelines/draft/ is missing")
        parties = self.load_parties()
        calls = self.load_calls()
        self.say("reading the submissions")
        submissions = self.load_submissions()
        self.say("reading the meetings and references")
        meetings = self.load_meetings()
        references = self.load_references()
        for path, message in self.files.refused():  # links and FIFOs, each reported once
            if Problem(path, 1, message) not in self.problems:
                self.problem(path, 1, message)
        kb = KnowledgeBase(
            settings, tuple(versions), parties, calls, submissions, meetings, references
        )
        return LoadResult(kb, tuple(self.problems), tuple(version_files))

    def load_settings(self) -> Settings:
        if not self.files.exists(SETTINGS_FILE):
            return Settings()
        data = self.read_yaml(SETTINGS_FILE)
        record = self.validate(schema.SettingsFile, data, SETTINGS_FILE) if data else None
        if record is None:
            return Settings()
        languages = tuple(dict.fromkeys(record.languages))
        return Settings(
            record.title,
            record.body,
            record.submissions_notice,
            languages,
            records_notice=record.records_notice,
            publish_commit_messages=record.publish_commit_messages,
            pdf_downloads=record.pdf_downloads,
        )

    def load_version_entries(self) -> list[tuple[schema.VersionEntry, int]]:
        if not self.files.exists(VERSIONS_FILE):
            return []
        data = self.read_yaml(VERSIONS_FILE)
        if data is None:
            return []
        entries = self.validate_items(
            schema.VersionEntry, data, "versions", VERSIONS_FILE, _version_fallback
        )
        return _unique(entries, lambda e: e.id, VERSIONS_FILE, "version id", self.problem)

    def version_files(self, entry: schema.VersionEntry, line: int) -> VersionFiles:
        folder = f"guidelines/{entry.id}"
        actual = {}
        for name in self.files.list_files(folder, recursive=True):
            path = f"{folder}/{name}"
            digest = self.digests.get(path)
            if digest is None:
                data = self.files.read_bytes_quiet(path)
                digest = file_digest(data) if data is not None else None
            if digest is not None:
                actual[name] = digest
        recorded = None
        manifest_path = f"{MANIFESTS_DIR}/{entry.id}.sha256"
        if self.files.exists(manifest_path):
            text = self.read_text(manifest_path)
            if text is not None:
                recorded = parse_manifest(text)
                if recorded is None:
                    # said in words: the message's spaces are collapsed, and "two spaces" is
                    # the part an editor mending the file by hand needs to see
                    self.problem(
                        manifest_path,
                        1,
                        "not a manifest: each line must be a SHA-256 digest, two spaces and a "
                        "path, as sha256sum writes them",
                    )
        return VersionFiles(
            entry.id,
            entry.hash,
            MappingProxyType(recorded) if recorded is not None else None,
            MappingProxyType(actual),
            Source(VERSIONS_FILE, line),
        )

    def load_version(
        self, version_id: str, entry: schema.VersionEntry | None, entry_line: int
    ) -> Version | None:
        folder = f"guidelines/{version_id}"
        outline_path = f"{folder}/outline.yml"
        if not self.files.exists(outline_path):
            self.problem(folder, 1, f"missing {outline_path}")
            return None
        data = self.read_yaml(outline_path)
        outline = self.validate(schema.OutlineFile, data, outline_path) if data else None
        if outline is None or data is None:
            return None
        parts = []
        listed: dict[str, tuple[str, int]] = {}
        for p_index, part in enumerate(outline.parts):
            for g_index, guideline_id in enumerate(part.guidelines):
                line = data.line(("parts", p_index, "guidelines", g_index))
                if guideline_id in listed:
                    self.problem(
                        outline_path,
                        line,
                        f"guideline '{guideline_id}' is listed twice (first at line "
                        f"{listed[guideline_id][1]})",
                    )
                else:
                    listed[guideline_id] = (part.id, line)
            parts.append((part, data.line(("parts", p_index))))
        _unique(parts, lambda p: p.id, outline_path, "part id", self.problem)

        names = self.files.list_files(folder)
        guidelines: dict[str, Guideline] = {}
        translations: dict[str, dict[str, GuidelineText]] = {}
        outline_translations: dict[str, tuple[schema.OutlineTranslation, LocatedData]] = {}
        for name in names:
            path = f"{folder}/{name}"
            stem, language = _split_name(name)
            if name == "outline.yml":
                continue
            if name.startswith("outline.") and name.endswith(".yml") and language:
                tdata = self.read_yaml(path)
                record = self.validate(schema.OutlineTranslation, tdata, path) if tdata else None
                if record is not None and tdata is not None:
                    outline_translations[language] = (record, tdata)
                continue
            if not name.endswith(".md"):
                self.problem(
                    path, 1, "unexpected file in a version folder (expected .md or outline.yml)"
                )
                continue
            name_problem = _guideline_file_name_problem(name, stem)
            if name_problem is not None:
                self.problem(path, 1, name_problem)
                continue
            if language:
                text = self.load_translation(path, stem, language)
                if text is not None:
                    translations.setdefault(stem, {})[language] = text
                continue
            guideline = self.load_guideline(path, stem, outline.language)
            if guideline is None:
                continue
            guidelines[guideline.id] = guideline
            if guideline.id not in listed:
                self.problem(path, 1, f"guideline '{guideline.id}' is not listed in {outline_path}")
            elif listed[guideline.id][0] != guideline.part:
                self.problem(
                    path,
                    guideline.line_of("part"),
                    f"part '{guideline.part}' disagrees with {outline_path}, which lists it "
                    f"under part '{listed[guideline.id][0]}'",
                )
        for guideline_id, (_, line) in listed.items():
            if guideline_id not in guidelines and not self.files.exists(
                f"{folder}/{guideline_id}.md"
            ):
                self.problem(
                    outline_path,
                    line,
                    f"guideline '{guideline_id}' has no file {folder}/{guideline_id}.md",
                )
        for stem, texts in translations.items():
            if stem not in guidelines:
                if self.files.exists(f"{folder}/{stem}.md"):
                    continue  # the original is there but broken: reported once, above
                for language in texts:
                    self.problem(
                        f"{folder}/{stem}.{language}.md",
                        1,
                        f"translation of '{stem}', which has no original {folder}/{stem}.md",
                    )
                continue
            base = guidelines[stem]
            for text in texts.values():
                self.check_translation(base, text)
            guidelines[stem] = _with_translations(base, texts)

        part_titles: dict[str, dict[str, str]] = {}
        translated_titles: dict[str, str] = {}
        translated_intros: dict[str, str] = {}
        for language, (record, _tdata) in outline_translations.items():
            if record.title:
                translated_titles[language] = record.title
            if record.introduction:
                translated_intros[language] = record.introduction
            for part_t in record.parts:
                part_titles.setdefault(part_t.id, {})[language] = part_t.title
        ordered: list[Guideline] = []
        model_parts = []
        for part, _line in parts:
            ids = tuple(
                g for g in part.guidelines if g in guidelines and listed.get(g, ("",))[0] == part.id
            )
            ordered.extend(guidelines[g] for g in ids)
            model_parts.append(
                Part(
                    part.id,
                    part.number,
                    part.title,
                    ids,
                    MappingProxyType(part_titles.get(part.id, {})),
                )
            )
        return Version(
            id=version_id,
            title=outline.title,
            language=outline.language,
            symbol=entry.symbol if entry else None,
            date=entry.date if entry else None,
            meeting=entry.meeting if entry else None,
            status=entry.status if entry else "draft",
            hash=entry.hash if entry else None,
            introduction=outline.introduction,
            parts=tuple(model_parts),
            guidelines=tuple(ordered),
            source=Source(VERSIONS_FILE, entry_line) if entry else Source(outline_path, 1),
            translated_titles=MappingProxyType(translated_titles),
            translated_meetings=MappingProxyType(dict(entry.meeting_names) if entry else {}),
            translated_introductions=MappingProxyType(translated_intros),
        )

    def _markdown(
        self, path: str
    ) -> tuple[LocatedData, list[Paragraph], list[Paragraph], tuple[Footnote, ...]] | None:
        text = self.read_text(path)
        if text is None:
            return None
        split = split_front_matter(text)
        if isinstance(split, SourceProblem):
            self.problem(path, split.line, split.message)
            return None
        data = self.read_yaml(path, split.front_matter, split.front_matter_line)
        if data is None:
            return None
        if self.parse_cache is not None:
            raw, raw_footnotes, problems = self.parse_cache.body(split.body, split.body_line)
        else:
            raw, raw_footnotes, problems = parse_body_with_footnotes(split.body, split.body_line)
        footnotes = tuple(Footnote(f.label, f.text, Source(path, f.line)) for f in raw_footnotes)
        for problem in problems:
            self.problem(path, problem.line, problem.message)
        body = [
            Paragraph(p.id, p.label, p.text, Source(path, p.line), p.in_note)
            for p in raw
            if not p.in_note
        ]
        note = [
            Paragraph(p.id, p.label, p.text, Source(path, p.line), p.in_note)
            for p in raw
            if p.in_note
        ]
        if not body:
            self.problem(path, split.body_line, "the guideline has no text")
        return data, body, note, footnotes

    def load_guideline(self, path: str, stem: str, language: str) -> Guideline | None:
        parsed = self._markdown(path)
        if parsed is None:
            return None
        data, body, note, footnotes = parsed
        front = self.validate(schema.GuidelineFrontMatter, data, path)
        if front is None:
            return None
        if front.id != stem:
            self.problem(
                path, data.line(("id",)), f"id '{front.id}' must equal the file name '{stem}'"
            )
            return None
        text = GuidelineText(
            language,
            front.title,
            tuple(body),
            tuple(note),
            Source(path, data.line(("id",))),
            footnotes,
        )
        return Guideline(
            id=front.id,
            number=front.number,
            part=front.part,
            text=text,
            replaces=front.replaces,
            merged_from=tuple(front.merged_from),
            split_from=front.split_from,
            field_lines=MappingProxyType({str(key): data.line((key,)) for key in data.value}),
        )

    def load_translation(self, path: str, stem: str, language: str) -> GuidelineText | None:
        parsed = self._markdown(path)
        if parsed is None:
            return None
        data, body, note, footnotes = parsed
        front = self.validate(schema.TranslationFrontMatter, data, path)
        if front is None:
            return None
        if front.id != stem:
            self.problem(
                path,
                data.line(("id",)),
                f"id '{front.id}' must equal '{stem}', the guideline it translates",
            )
            return None
        return GuidelineText(
            language,
            front.title,
            tuple(body),
            tuple(note),
            Source(path, data.line(("id",))),
            footnotes,
        )

    def check_translation(self, original: Guideline, translation: GuidelineText) -> None:
        original_ids = [p.id for p in original.text.all_paragraphs]
        translated_ids = [p.id for p in translation.all_paragraphs]
        for paragraph in translation.all_paragraphs:
            if paragraph.id not in original_ids:
                self.problem(
                    paragraph.source.path,
                    paragraph.source.line,
                    f"paragraph '{paragraph.id}' is not in the original {original.source.path}",
                )
        missing = [p for p in original_ids if p not in translated_ids]
        if missing:
            self.problem(
                translation.source.path,
                translation.source.line,
                "translation lacks paragraph(s) " + ", ".join(missing),
                "warning",
            )

    def load_parties(self) -> tuple[Party, ...]:
        if not self.files.exists(PARTIES_FILE):
            return ()
        data = self.read_yaml(PARTIES_FILE)
        if data is None:
            return ()
        items = self.validate_items(schema.PartyEntry, data, "parties", PARTIES_FILE)
        items = _unique(items, lambda p: p.code, PARTIES_FILE, "party code", self.problem)
        return tuple(Party(p.code, p.name, p.type, Source(PARTIES_FILE, line)) for p, line in items)

    def load_calls(self) -> tuple[Call, ...]:
        if not self.files.exists(CALLS_FILE):
            return ()
        data = self.read_yaml(CALLS_FILE)
        if data is None:
            return ()
        items = self.validate_items(schema.CallEntry, data, "calls", CALLS_FILE)
        items = _unique(items, lambda c: c.id, CALLS_FILE, "call id", self.problem)
        calls = []
        for c, line in items:
            invited = ("all",) if c.invited == "all" else tuple(c.invited)
            calls.append(
                Call(
                    c.id,
                    c.reference,
                    c.date,
                    c.version,
                    c.deadline,
                    invited,
                    c.title,
                    Source(CALLS_FILE, line),
                )
            )
        return tuple(calls)

    def load_submissions(self) -> tuple[Submission, ...]:
        if self.ahead is not None:
            self.ahead.join()
        submissions = []
        for folder in self.files.list_dirs(SUBMISSIONS_DIR):
            for name in self.files.list_files(f"{SUBMISSIONS_DIR}/{folder}"):
                path = f"{SUBMISSIONS_DIR}/{folder}/{name}"
                if not name.endswith(".yml"):
                    self.problem(path, 1, "unexpected file: a submission is a .yml file")
                    continue
                if not _SUBMISSION_NAME.fullmatch(name[: -len(".yml")]):
                    # the name becomes the submission's id, in URLs and exports
                    self.problem(
                        path,
                        1,
                        f"file name '{name}' is not a submission name: use letters A-Z, a-z, "
                        "digits and hyphens, e.g. AUT.yml or AUT-2.yml",
                    )
                    continue
                submission = self.load_submission(path, folder, name[: -len(".yml")])
                if submission is not None:
                    submissions.append(submission)
        for name in self.files.list_files(SUBMISSIONS_DIR):
            self.problem(
                f"{SUBMISSIONS_DIR}/{name}",
                1,
                "a submission must sit in the folder of its call: comments/submissions/<call>/",
            )
        return tuple(submissions)

    def load_submission(self, path: str, folder: str, stem: str) -> Submission | None:
        data = self.read_yaml(path)
        if data is None:
            return None
        record = self.validate(schema.SubmissionFile, data, path)
        if record is None:
            return None
        if record.call != folder:
            self.problem(
                path,
                data.line(("call",)),
                f"call '{record.call}' disagrees with the folder it is in ({folder})",
            )
        submission_id = f"{folder}/{stem}"
        restricted = record.visibility == "restricted"
        translation = None
        if record.translation is not None:
            t = record.translation
            translation = Translation(t.language, t.text, t.by)
            if t.language == record.language:
                self.problem(
                    path,
                    data.line(("translation", "language")),
                    f"the translation is in '{t.language}', the language the reply was received "
                    "in; give the language it was translated into",
                )
        comments = []
        for index, c in enumerate(record.comments):
            retargets = tuple(
                Retarget(
                    r.version,
                    r.guideline,
                    r.paragraph,
                    r.quote,
                    r.by,
                    r.date,
                    r.note,
                    Source(path, data.line(("comments", index, "retarget", r_index))),
                )
                for r_index, r in enumerate(c.retarget)
            )
            comments.append(
                Comment(
                    id=c.id,
                    submission_id=submission_id,
                    party=record.party,
                    call=record.call,
                    guideline=c.guideline,
                    paragraph=c.paragraph,
                    quote=" ".join(c.quote.split()) if c.quote else None,
                    type=c.type,
                    text=c.text,
                    proposed=c.proposed,
                    disposition=c.disposition,
                    rationale=c.rationale,
                    addressed_in=c.addressed_in,
                    retargets=retargets,
                    language=record.language,
                    restricted=restricted,
                    source=Source(path, data.line(("comments", index))),
                    translation=c.translation,
                    meeting_paragraph=_meeting_paragraph_ref(c.meeting_paragraph),
                    part=c.part,
                    about=c.about,
                )
            )
            if c.translation and record.translation is None:
                self.problem(
                    path,
                    data.line(("comments", index, "translation")),
                    f"comment '{c.id}' has a translation but the reply has no 'translation:' "
                    "saying its language",
                )
        return Submission(
            id=submission_id,
            party=record.party,
            call=record.call,
            received=record.received,
            reference=record.reference,
            language=record.language,
            visibility=record.visibility,
            text=record.text,
            comments=tuple(comments),
            source=Source(path, 1),
            field_lines=MappingProxyType({str(key): data.line((key,)) for key in data.value}),
            translation=translation,
        )

    # -- meetings and reference material -----------------------------------------------------

    def load_meetings(self) -> tuple[Meeting, ...]:
        meetings = []
        for name in self.files.list_files(MEETINGS_DIR):
            path = f"{MEETINGS_DIR}/{name}"
            stem = name[: -len(".yml")] if name.endswith(".yml") else None
            if stem is None:
                self.problem(path, 1, "unexpected file: a meeting is a .yml file")
                continue
            problem = schema.id_problem(stem)
            if problem is not None:
                # the name becomes the meeting's id, in URLs and in citations
                self.problem(path, 1, f"file name: {problem}")
                continue
            meeting = self.load_meeting(path, stem)
            if meeting is not None:
                meetings.append(meeting)
        for folder in self.files.list_dirs(MEETINGS_DIR):
            self.problem(f"{MEETINGS_DIR}/{folder}", 1, "unexpected folder: a meeting is one file")
        return tuple(sorted(meetings, key=lambda m: (m.start, m.id)))

    def load_meeting(self, path: str, meeting_id: str) -> Meeting | None:
        data = self.read_yaml(path)
        record = self.validate(schema.MeetingFile, data, path) if data else None
        if record is None or data is None:
            return None
        if record.end is not None and record.end < record.start:
            self.problem(
                path,
                data.line(("end",)),
                f"the meeting ends ({record.end}) before it starts ({record.start})",
            )
        report = record.report
        paragraphs = []
        seen: dict[int, int] = {}
        for index, entry in enumerate(record.paragraphs):
            loc = ("paragraphs", index)
            line = data.line(loc)
            if entry.number in seen:
                self.problem(
                    path,
                    data.line((*loc, "number")),
                    f"paragraph number {entry.number} is used twice (first at line "
                    f"{seen[entry.number]})",
                )
                continue
            seen[entry.number] = data.line((*loc, "number"))
            for language in entry.text:
                if language not in report.languages:
                    self.problem(
                        path,
                        data.line((*loc, "text", language)),
                        f"paragraph {entry.number} has a text in '{language}', which is not "
                        "among the report's languages",
                    )
            paragraphs.append(
                ReportParagraph(
                    number=entry.number,
                    texts=MappingProxyType(dict(entry.text)),
                    speaker=(
                        Speaker(entry.speaker.role, entry.speaker.party) if entry.speaker else None
                    ),
                    discusses=tuple(
                        Discussed(
                            d.guideline,
                            d.paragraph,
                            d.version,
                            d.call,
                            Source(path, data.line((*loc, "discusses", d_index))),
                        )
                        for d_index, d in enumerate(entry.discusses)
                    ),
                    references=tuple(entry.references),
                    source=Source(path, line),
                    field_lines=MappingProxyType(
                        {
                            str(key): data.line((*loc, key))
                            for key in data.value["paragraphs"][index]
                        }
                    ),
                )
            )
        for l_index, language in enumerate(report.languages):
            lacking = [str(p.number) for p in paragraphs if language not in p.texts]
            if lacking:
                self.problem(
                    path,
                    data.line(("report", "languages", l_index)),
                    f"the report is listed in '{language}' but paragraph(s) "
                    f"{', '.join(lacking)} have no text in it",
                )
        return Meeting(
            id=meeting_id,
            body=record.body,
            session=record.session,
            place=record.place,
            start=record.start,
            end=record.end,
            versions=tuple(record.versions),
            visibility=record.visibility,
            report=Report(
                report.symbol,
                report.date,
                tuple(dict.fromkeys(report.languages)),
                MappingProxyType(dict(report.title)),
                Source(path, data.line(("report",))),
            ),
            paragraphs=tuple(sorted(paragraphs, key=lambda p: p.number)),
            source=Source(path, 1),
            field_lines=MappingProxyType(
                {str(key): data.line((key,)) for key in data.value}
                | {f"versions.{i}": data.line(("versions", i)) for i in range(len(record.versions))}
            ),
        )

    def load_references(self) -> tuple[Reference, ...]:
        if not self.files.exists(REFERENCES_FILE):
            return ()
        data = self.read_yaml(REFERENCES_FILE)
        if data is None:
            return ()
        items = self.validate_items(schema.ReferenceEntry, data, "references", REFERENCES_FILE)
        items = _unique(items, lambda r: r.id, REFERENCES_FILE, "reference id", self.problem)
        if not items:  # none, or no 'references:' list at all (an empty file): said above
            return ()
        raw = data.value["references"]
        index_at = {data.line(("references", i)): i for i in range(len(raw))}
        references = []
        for r, line in items:
            position = index_at[line]
            references.append(
                Reference(
                    id=r.id,
                    kind=r.kind,
                    title=r.title,
                    author=r.author,
                    publisher=r.publisher,
                    place=r.place,
                    year=r.year,
                    symbol=r.symbol,
                    language=r.language,
                    url=r.url,
                    guidelines=tuple(r.guidelines),
                    visibility=r.visibility,
                    note=r.note,
                    source=Source(REFERENCES_FILE, line),
                    field_lines=MappingProxyType(
                        {
                            str(key): data.line(("references", position, key))
                            for key in raw[position]
                        }
                    ),
                )
            )
        return tuple(references)


def _meeting_paragraph_ref(value: str | None) -> MeetingParagraphRef | None:
    if value is None:
        return None
    meeting, number = value.rsplit("/", 1)
    return MeetingParagraphRef(meeting, int(number))


def load(
    root: Path | str, *, parse_cache: bool = False, report: Callable[[str], None] | None = None
) -> LoadResult:
    """Load the knowledge base under ``root``; never raises for problems in the files.

    With ``parse_cache``, texts parsed by an earlier such load are not parsed again, and what
    this one parsed is kept for the next (:mod:`redraft.kb.parse_cache`, in ``build/cache``)
    if the files have no error.  ``report`` is told what is being read ("reading version
    2016-1 (3 of 12)"), for a progress display."""
    if not parse_cache:
        return _Loader(FileSource(Path(root)), report=report).load()
    result, cache = load_with_parse_cache(root, report)
    if not any(problem.severity == "error" for problem in result.problems):
        cache.keep()
    return result


def load_with_parse_cache(
    root: Path | str, report: Callable[[str], None] | None = None
) -> tuple[LoadResult, ParseCache]:
    """:func:`load` reusing the texts an earlier load parsed; the caller decides whether to
    keep the cache (:meth:`ParseCache.keep`): a command given bad input changes nothing on
    disk, so a cache is kept only for a knowledge base without errors."""
    cache = ParseCache.open(Path(root))
    ahead = parse_ahead.start(Path(root), cache)
    try:
        loader = _Loader(FileSource(Path(root)), parse_cache=cache, ahead=ahead, report=report)
        return loader.load(), cache
    finally:
        if ahead is not None:
            ahead.close()  # what it has not parsed yet, the loader has


def free_submission_stem(root: Path | str, call_id: str, party: str) -> tuple[str, bool]:
    """The file name (without ``.yml``) a new reply of ``party`` to ``call_id`` gets: ``CODE``
    if free, else the first free of ``CODE-2``, ``CODE-3``…; and whether ``CODE`` was taken.

    Anything at a name takes it, even a refused link, so that a new file never replaces one."""
    files = FileSource(Path(root))
    folder = f"{SUBMISSIONS_DIR}/{call_id}"

    def taken(stem: str) -> bool:
        return files.exists(f"{folder}/{stem}.yml") or files.is_dir(f"{folder}/{stem}.yml")

    if not taken(party):
        return party, False
    number = 2
    while taken(f"{party}-{number}"):
        number += 1
    return f"{party}-{number}", True


def load_from(files: FileSource) -> LoadResult:
    """Load from any source of files with :class:`~redraft.kb.sources.FileSource`'s methods, e.g. a
    git tree, so that ``draft@REV`` is read the same way as the working tree."""
    return _Loader(files).load()


def _describe(loc: tuple[Any, ...], error: Any) -> str:
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    kind = error.get("type")
    where = ".".join(
        str(part) for part in loc if not isinstance(part, str) or not part.startswith("function-")
    )
    # pydantic reports a union's members separately ("invited.list[...]"); keep the field name
    where = ".".join(p for p in where.split(".") if not p.startswith(("literal[", "list[")))
    if kind == "missing":
        return f"missing required field '{where}'"
    if kind == "extra_forbidden":
        return f"unknown field '{where}'"
    value = error.get("input")
    shown = "" if isinstance(value, dict | list) or value is None else f" (got {str(value)[:60]!r})"
    if kind == "value_error":
        shown = ""  # our own messages already quote the value
    return f"{where}: {message}{shown}" if where else f"{message}{shown}"


def _version_fallback(raw: Any) -> schema.VersionEntry | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    try:
        schema.VersionEntry.model_validate(
            {"id": raw["id"], "title": "x", "symbol": "x", "date": "2000-01-01"}
        )
    except ValidationError:
        return None
    title, symbol = raw.get("title"), raw.get("symbol")
    return schema.VersionEntry.model_construct(
        id=raw["id"],
        title=title if isinstance(title, str) else raw["id"],
        symbol=symbol if isinstance(symbol, str) else raw["id"],
        date=None,  # type: ignore[arg-type]  # unknown: the entry failed validation
        meeting=None,
        status="released",
        hash=None,
    )


def _sub_lines(data: LocatedData, prefix: tuple[Any, ...]) -> dict[tuple[Any, ...], int]:
    size = len(prefix)
    return {loc[size:]: line for loc, line in data.lines.items() if loc[:size] == prefix}


T = TypeVar("T")


def _unique(
    items: list[tuple[T, int]],
    key: Callable[[T], str],
    path: str,
    what: str,
    report: Callable[[str, int, str], None],
) -> list[tuple[T, int]]:
    seen: dict[str, int] = {}
    kept = []
    for item, line in items:
        value = key(item)
        if value in seen:
            report(path, line, f"duplicate {what} '{value}' (first at line {seen[value]})")
            continue
        seen[value] = line
        kept.append((item, line))
    return kept


_SUBMISSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def _guideline_file_name_problem(name: str, stem: str) -> str | None:
    """Why ``name`` cannot be a guideline's file (``<id>.md`` or ``<id>.<language>.md``)."""
    problem = schema.id_problem(stem)
    if problem is not None:
        return f"file name: {problem}"
    if name.count(".") > 2 or (name.count(".") == 2 and _split_name(name)[1] is None):
        return (
            f"file name '{name}' is neither <guideline-id>.md nor <guideline-id>.<language>.md "
            "(a two-letter language code such as zh)"
        )
    return None


def _split_name(name: str) -> tuple[str, str | None]:
    """'x.zh.md' → ('x', 'zh'); 'x.md' → ('x', None); 'outline.fr.yml' → ('outline', 'fr')."""
    parts = name.split(".")
    if len(parts) == 3 and len(parts[1]) == 2 and parts[1].isalpha() and parts[1].islower():
        return parts[0], parts[1]
    return parts[0], None


def _with_translations(guideline: Guideline, texts: Mapping[str, GuidelineText]) -> Guideline:
    from dataclasses import replace

    return replace(guideline, translations=MappingProxyType(dict(sorted(texts.items()))))
