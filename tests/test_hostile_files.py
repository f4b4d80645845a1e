"""Hostile files in a copy of the example: each gets one clear ``path:line: message``, cheaply.

Every case plants one hostile thing in a fresh copy of the example (which checks clean) and pins
the exact line ``redraft check`` prints, so a case can fail only by a traceback, by a second or
vaguer message, or by reading what it must not read.  Costs are asserted as problems, not as
times: a file that would take seconds or hundreds of megabytes is stopped by a limit that the
test names (the million-values file also has its peak memory measured, in a fresh interpreter,
since that is the one case where the limit is about memory).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from redraft.checks.rules import check
from redraft.kb.sources import MAX_FILE_BYTES, FileSource, ReadError
from redraft.kb.yamlio import MAX_DEPTH, MAX_NODES

from .conftest import PLANTED_DRIFT, copy_example, is_planted_drift

SUBMISSION = "comments/submissions/2018-nv/AUT.yml"
GUIDELINE = "guidelines/draft/transparency.md"
ID_RULE = "use 1-64 lowercase letters a-z, digits and hyphens, starting with a letter or digit"
PARTY_RULE = "use capitals A-Z and digits, e.g. an ISO 3166 alpha-3 code such as AUT"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


def problems(root: Path) -> list[str]:
    """What check says, less the example's planted translation drift."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def only_problem(root: Path) -> str:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def line_of(root: Path, relative: str, needle: str) -> int:
    text = (root / relative).read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {relative}: the example changed, update the test"
    return text[: text.index(needle)].count("\n") + 1


def replace_in(root: Path, relative: str, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; return the line where it was."""
    line = line_of(root, relative, old)
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return line


def write(root: Path, relative: str, data: bytes | str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def test_the_example_is_clean(example_root: Path) -> None:
    # the baseline: every problem below was caused by what the test planted
    assert problems(example_root) == []


# -- YAML: aliases, size, nesting ------------------------------------------------------------

ALIAS_BOMB = (
    "lol1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "lol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
    "lol3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
    "lol4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n"
    "lol5: [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n"
)


def test_alias_bomb_is_refused_at_the_first_alias(example_copy: Path) -> None:
    write(example_copy, SUBMISSION, ALIAS_BOMB)
    assert only_problem(example_copy) == f"{SUBMISSION}:2: YAML aliases (*name) are not supported"


def test_alias_in_front_matter_names_the_line_in_the_file(example_copy: Path) -> None:
    line = replace_in(
        example_copy, GUIDELINE, 'title: "Transparency', 'title: *t\nx: "Transparency'
    )
    assert problems(example_copy) == [f"{GUIDELINE}:{line}: YAML aliases (*name) are not supported"]


def test_file_over_the_size_limit_is_not_read(example_copy: Path) -> None:
    size = MAX_FILE_BYTES + 1024 * 1024
    write(example_copy, SUBMISSION, b"party: AUT\ntext: " + b"x" * (size - 18) + b"\n")
    assert (example_copy / SUBMISSION).stat().st_size == size
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:1: file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
    )


def _million_values() -> str:
    # just under the size limit: a flow list of one-letter items, a million values
    count = (MAX_FILE_BYTES - 100) // 2
    return "items: [" + "a," * count + "a]\n"


MEASURE_CHECK = """
import resource, sys
from redraft.checks.rules import check
from redraft.kb.load import load
load(sys.argv[2])  # warm up on the clean example: imports and caches are not what is measured
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
found = check(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) * 1024)  # ru_maxrss is in KiB on Linux
for problem in found:
    print(problem)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units differ elsewhere")
def test_a_million_values_stop_early_in_little_memory(
    example_copy: Path, example_root: Path
) -> None:
    write(example_copy, SUBMISSION, _million_values())
    completed = subprocess.run(
        [sys.executable, "-c", MEASURE_CHECK, str(example_copy), str(example_root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    growth, *found = completed.stdout.splitlines()
    found = [line for line in found if not line.startswith(PLANTED_DRIFT)]
    assert found == [f"{SUBMISSION}:1: more than {MAX_NODES} values in one file"]
    # composing all of it took 14 s and 500 MB before the limit; now the peak grows by about 5 MB
    assert int(growth) < 64 * 1024 * 1024, f"peak memory grew by {int(growth) / 2**20:.0f} MiB"


def test_many_values_in_block_style_name_the_line_where_the_limit_was_met(
    example_copy: Path,
) -> None:
    count = MAX_NODES + 10
    write(example_copy, SUBMISSION, "items:\n" + "- a\n" * count)
    # values are counted in order: the mapping (1), its key (2), the list (3), then one item a
    # line from line 2; the one over the limit is item MAX_NODES - 2, on line MAX_NODES - 1
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{MAX_NODES - 1}: more than {MAX_NODES} values in one file"
    )


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["touch pwned"]', "python/object/apply:os.system"),
        ("!!python/name:os.system", "python/name:os.system"),
        ("!!binary aGVsbG8=", "binary"),
        ("!!set {a, b}", "set"),
    ],
)
def test_python_and_other_yaml_tags_are_refused(example_copy: Path, value: str, tag: str) -> None:
    line = replace_in(
        example_copy, SUBMISSION, "reference: Note", f"extra: {value}\nreference: Note"
    )
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{line}: unsupported YAML tag tag:yaml.org,2002:{tag}"
    )
    assert not (example_copy / "pwned").exists()


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 100_000])
def test_deep_flow_nesting(example_copy: Path, depth: int) -> None:
    # 100,000 levels meet libyaml's own limit first; the message is the same
    write(example_copy, SUBMISSION, "party: AUT\nx: " + "[" * depth + "]" * depth + "\n")
    assert only_problem(example_copy) == (f"{SUBMISSION}:2: nesting deeper than {MAX_DEPTH} levels")


def test_deep_block_nesting(example_copy: Path) -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH * 3))
    write(example_copy, SUBMISSION, text)
    # the key k<MAX_DEPTH>, on line MAX_DEPTH + 1, is the first value deeper than the limit
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{MAX_DEPTH + 1}: nesting deeper than {MAX_DEPTH} levels"
    )


# -- identifiers -----------------------------------------------------------------------------

PATH_LIKE_IDS = [
    ("../escape", "'.'"),
    ("a/b", "'/'"),
    ("'a\\b'", "'\\'"),  # YAML single quotes: a literal backslash
    ("/etc/passwd", "'/'"),
    ("'..'", "'.'"),
]


@pytest.mark.parametrize(("written", "char"), PATH_LIKE_IDS)
def test_path_like_comment_id(example_copy: Path, written: str, char: str) -> None:
    line = replace_in(example_copy, SUBMISSION, "  - id: aut-2018-1", f"  - id: {written}")
    value = written.strip("'")
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{line}: comments.0.id: '{value}' is not a valid id: {char} is not "
        f"allowed; {ID_RULE}"
    )


def test_path_like_guideline_reference_in_a_comment(example_copy: Path) -> None:
    line = replace_in(
        example_copy, SUBMISSION, "guideline: pre-seizure-planning", "guideline: ../../secrets"
    )
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{line}: comments.0.guideline: '../../secrets' is not a valid id: '.' is "
        f"not allowed; {ID_RULE}"
    )


def test_path_like_guideline_id_in_front_matter(example_copy: Path) -> None:
    line = replace_in(example_copy, GUIDELINE, "id: transparency", "id: ../transparency")
    assert only_problem(example_copy) == (
        f"{GUIDELINE}:{line}: id: '../transparency' is not a valid id: '.' is not allowed; "
        f"{ID_RULE}"
    )


# (what is written in YAML, what the message shows of the value, the character named)
LOOKALIKE_IDS = [
    ("\u0430ut-2018-1", "\u0430ut-2018-1", "U+0430 CYRILLIC SMALL LETTER A"),
    ("\uff41ut-2018-1", "\uff41ut-2018-1", "U+FF41 FULLWIDTH LATIN SMALL LETTER A"),
    ('"aut-\\u202e2018-1"', "aut-<U+202E>2018-1", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('"aut-\\u200b2018-1"', "aut-<U+200B>2018-1", "U+200B ZERO WIDTH SPACE"),
    ('"aut-\\u20662018-1"', "aut-<U+2066>2018-1", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ('"aut-2018-1\\n"', "aut-2018-1 ", "U+000A"),  # one problem, one line: shown as a space
]


@pytest.mark.parametrize(("written", "shown", "named"), LOOKALIKE_IDS)
def test_lookalike_or_invisible_character_in_an_id(
    example_copy: Path, written: str, shown: str, named: str
) -> None:
    line = replace_in(example_copy, SUBMISSION, "  - id: aut-2018-1", f"  - id: {written}")
    found = only_problem(example_copy)
    assert found == (
        f"{SUBMISSION}:{line}: comments.0.id: '{shown}' is not a valid id: {named} is not "
        f"allowed; {ID_RULE}"
    )
    assert_terminal_safe(found)


LOOKALIKE_PARTIES = [
    ("AU\u0422", "AU\u0422", "U+0422 CYRILLIC CAPITAL LETTER TE"),
    ("\uff21UT", "\uff21UT", "U+FF21 FULLWIDTH LATIN CAPITAL LETTER A"),
    ('"AU\\u202eT"', "AU<U+202E>T", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('"AUT\\u200d"', "AUT<U+200D>", "U+200D ZERO WIDTH JOINER"),
    ('"AU\\eT"', "AU<U+001B>T", "U+001B"),  # YAML's \e: an escape that would drive a terminal
]


@pytest.mark.parametrize(("written", "shown", "named"), LOOKALIKE_PARTIES)
def test_lookalike_or_control_character_in_a_party_code(
    example_copy: Path, written: str, shown: str, named: str
) -> None:
    line = replace_in(example_copy, SUBMISSION, "party: AUT", f"party: {written}")
    found = only_problem(example_copy)
    assert found == (
        f"{SUBMISSION}:{line}: party: '{shown}' is not a valid party code: {named} is not "
        f"allowed; {PARTY_RULE}"
    )
    assert_terminal_safe(found)


def test_control_character_in_a_text(example_copy: Path) -> None:
    line = replace_in(
        example_copy,
        SUBMISSION,
        "    text: The planning stage",
        '    text: "\\e[2J\\e[31mThe planning stage"\n    x-was:',
    )
    found = problems(example_copy)
    assert found == [
        f"{SUBMISSION}:{line}: comments.0.text: control character U+001B is not allowed in a text",
        # the rest of the original text, kept valid YAML under a key of its own
        f"{SUBMISSION}:{line + 1}: unknown field 'comments.0.x-was'",
    ]
    for problem in found:
        assert_terminal_safe(problem)


def assert_terminal_safe(line: str) -> None:
    """Nothing in a printed problem that a terminal would obey or hide."""
    hidden = [c for c in line if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co")]
    assert hidden == [], f"{line!r} carries {hidden!r}"


# -- encodings and binary files --------------------------------------------------------------


def test_invalid_utf8_names_the_line(example_copy: Path) -> None:
    line = line_of(example_copy, SUBMISSION, "Government of Austria")
    data = (example_copy / SUBMISSION).read_bytes()
    write(example_copy, SUBMISSION, data.replace(b"of Austria", b"of \xd6sterreich", 1))
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:{line}: not valid UTF-8 (byte 0xd6); save the file as UTF-8"
    )


def test_latin1_in_a_guideline_body_names_the_line(example_copy: Path) -> None:
    line = line_of(example_copy, GUIDELINE, "(b) The asset management office")
    data = (example_copy / GUIDELINE).read_bytes()
    write(example_copy, GUIDELINE, data.replace(b"(b) The asset", b"(b) The \xe9asset", 1))
    assert only_problem(example_copy) == (
        f"{GUIDELINE}:{line}: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


def test_utf16_file(example_copy: Path) -> None:
    text = (example_copy / SUBMISSION).read_text(encoding="utf-8")
    write(example_copy, SUBMISSION, text.encode("utf-16"))  # what some Windows editors save
    assert only_problem(example_copy) == (
        f"{SUBMISSION}:1: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    )


def test_nul_byte_names_the_line(example_copy: Path) -> None:
    line = line_of(example_copy, GUIDELINE, "(b) The asset management office")
    data = (example_copy / GUIDELINE).read_bytes()
    write(example_copy, GUIDELINE, data.replace(b"(b) The asset", b"(b) The\x00asset", 1))
    assert only_problem(example_copy) == (
        f"{GUIDELINE}:{line}: binary content (NUL byte) in a text file"
    )


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        (
            "comments/submissions/2018-nv/BRA.yml",
            "not valid UTF-8 (byte 0x89); save the file as UTF-8",
        ),
        ("guidelines/draft/chart.md", "not valid UTF-8 (byte 0x89); save the file as UTF-8"),
        (
            "guidelines/draft/chart.png",
            "unexpected file in a version folder (expected .md or outline.yml)",
        ),
    ],
)
def test_png_file(example_copy: Path, relative: str, message: str) -> None:
    write(example_copy, relative, PNG_HEADER + bytes(range(256)))
    assert only_problem(example_copy) == f"{relative}:1: {message}"


# -- symbolic links and special files --------------------------------------------------------

OUTSIDE = "symbolic link points outside the knowledge base; refusing to read it"
CANARY = "outside-canary-7f3a9c"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the knowledge base, holding what a link must never let us read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = f"party: AUT\ncall: 2018-nv\n{CANARY}: [unclosed\n"
    (folder / "secret.yml").write_text(secret, encoding="utf-8")
    (folder / "call").mkdir()
    (folder / "call" / "AUT.yml").write_text(secret, encoding="utf-8")
    (folder / "version").mkdir()
    (folder / "version" / "outline.yml").write_text(secret, encoding="utf-8")
    return folder


def test_link_to_a_file_outside(example_copy: Path, outside: Path) -> None:
    link = "comments/submissions/2018-nv/BRA.yml"
    (example_copy / link).symlink_to(outside / "secret.yml")
    assert only_problem(example_copy) == f"{link}:1: {OUTSIDE}"


def test_link_to_a_guideline_file_outside(example_copy: Path, outside: Path) -> None:
    link = "guidelines/draft/secret.md"
    (example_copy / link).symlink_to(outside / "secret.yml")
    assert only_problem(example_copy) == f"{link}:1: {OUTSIDE}"


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("comments/submissions/2020-nv", "call"),
        ("guidelines/2020-1", "version"),
        ("comments", "call"),
    ],
)
def test_link_to_a_folder_outside(
    example_copy: Path, outside: Path, link: str, target: str
) -> None:
    if (example_copy / link).exists():
        shutil.rmtree(example_copy / link)
    (example_copy / link).symlink_to(outside / target, target_is_directory=True)
    found = only_problem(example_copy)
    assert found == f"{link}:1: {OUTSIDE}"
    assert CANARY not in found


def test_link_loop(example_copy: Path) -> None:
    link = "comments/submissions/2018-nv/LOOP.yml"
    (example_copy / link).symlink_to("LOOP.yml")
    assert only_problem(example_copy) == (
        f"{link}:1: symbolic link loop (the link leads back to itself); refusing to read it"
    )


def test_dangling_link(example_copy: Path) -> None:
    link = "comments/submissions/2018-nv/GONE.yml"
    (example_copy / link).symlink_to("NOT-THERE.yml")
    expected = f"{link}:1: cannot read the file: No such file or directory"
    assert only_problem(example_copy) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_never_opened(example_copy: Path) -> None:
    # opening a FIFO for reading blocks until someone writes: check would hang forever
    fifo = "comments/submissions/2018-nv/PIPE.yml"
    os.mkfifo(example_copy / fifo)
    assert only_problem(example_copy) == (
        f"{fifo}:1: not a regular file (a FIFO, socket or device); refusing to read it"
    )


def test_links_inside_the_knowledge_base_are_followed(example_copy: Path, tmp_path: Path) -> None:
    archive = example_copy / "archive"
    archive.mkdir()
    (example_copy / SUBMISSION).rename(archive / "AUT.yml")
    (example_copy / SUBMISSION).symlink_to(Path("../../../archive/AUT.yml"))
    root_link = tmp_path / "kb-link"
    root_link.symlink_to(example_copy, target_is_directory=True)
    assert problems(example_copy) == []
    assert problems(root_link) == []  # the root itself may be reached through a link


# -- file and folder names -------------------------------------------------------------------


def test_guideline_file_name_that_is_not_an_id(example_copy: Path) -> None:
    name = "guidelines/draft/\u00dcn\u00efcode.md"
    shutil.copy(example_copy / GUIDELINE, example_copy / name)
    assert only_problem(example_copy) == (
        f"{name}:1: file name: '\u00dcn\u00efcode' is not a valid id: "
        f"U+00DC LATIN CAPITAL LETTER U WITH DIAERESIS is not allowed; {ID_RULE}"
    )


def test_guideline_file_name_with_extra_dots(example_copy: Path) -> None:
    name = "guidelines/draft/transparency.old.md"
    shutil.copy(example_copy / GUIDELINE, example_copy / name)
    assert only_problem(example_copy) == (
        f"{name}:1: file name 'transparency.old.md' is neither <guideline-id>.md nor "
        "<guideline-id>.<language>.md (a two-letter language code such as zh)"
    )


@pytest.mark.parametrize("name", ["A U T.yml", "AUT\\..\\x.yml", "a..x.yml", "AUT (copy).yml"])
def test_submission_file_name_that_cannot_be_an_id(example_copy: Path, name: str) -> None:
    relative = f"comments/submissions/2018-nv/{name}"
    shutil.copy(example_copy / SUBMISSION, example_copy / relative)
    assert only_problem(example_copy) == (
        f"{relative}:1: file name '{name}' is not a submission name: use letters A-Z, a-z, "
        "digits and hyphens, e.g. AUT.yml or AUT-2.yml"
    )


def test_submission_folder_that_is_not_a_call(example_copy: Path) -> None:
    text = (example_copy / SUBMISSION).read_text(encoding="utf-8")
    text = text.replace("call: 2018-nv", "call: 2020-nv").replace("aut-2018-", "aut-2020-")
    relative = "comments/submissions/2020-nv/AUT.yml"
    write(example_copy, relative, text)
    assert only_problem(example_copy) == (
        f"{relative}:2: call '2020-nv' is not in comments/calls.yml"
    )


def test_stray_file_in_a_folder_that_is_not_a_call(example_copy: Path) -> None:
    relative = "comments/submissions/drafts/notes.txt"
    write(example_copy, relative, "to do\n")
    assert only_problem(example_copy) == (
        f"{relative}:1: unexpected file: a submission is a .yml file"
    )


# -- the command: never a traceback, nothing written -----------------------------------------


def _snapshot(root: Path) -> dict[str, tuple[int, int, int, str]]:
    """Every entry under ``root`` without following links: type, size, mtime, content hash."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            digest = ""
            if stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                digest = os.readlink(path)
            found[path.relative_to(root).as_posix()] = (
                stat.S_IFMT(info.st_mode),
                info.st_size,
                info.st_mtime_ns,
                digest,
            )
    return found


Planter = Callable[[Path, Path], object]

EVERYTHING: list[Planter] = [
    lambda kb, out: write(kb, "comments/submissions/2019-nv/AUT.yml", ALIAS_BOMB),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/DEU.yml", _million_values()),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/FRA.yml", b"x" * (MAX_FILE_BYTES + 1)),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/ITA.yml", "a: " + "[" * 5000),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/MEX.yml", PNG_HEADER),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/NOR.yml", b"party: N\x00R\n"),
    lambda kb, out: write(kb, "comments/submissions/2018-nv/COL.yml", b"party: C\xf6L\n"),
    lambda kb, out: replace_in(kb, SUBMISSION, "party: AUT", 'party: "AU\\u202eT"'),
    lambda kb, out: replace_in(kb, GUIDELINE, "id: transparency", "id: ../transparency"),
    lambda kb, out: (kb / "comments/submissions/2018-nv/BRA.yml").symlink_to(out / "secret.yml"),
    lambda kb, out: (kb / "comments/submissions/2020-nv").symlink_to(out / "call"),
    lambda kb, out: (kb / "comments/submissions/2018-nv/LOOP.yml").symlink_to("LOOP.yml"),
    lambda kb, out: os.mkfifo(kb / "comments/submissions/2018-nv/PIPE.yml"),
    lambda kb, out: shutil.copy(kb / GUIDELINE, kb / "guidelines/draft/\u00dcn\u00efcode.md"),
    lambda kb, out: shutil.copy(kb / SUBMISSION, kb / "comments/submissions/2018-nv/A U T.yml"),
    lambda kb, out: _append(kb, "guidelines/draft/record-keeping.md", "{#" * 50_000 + "}"),
]


def _append(root: Path, relative: str, paragraph: str) -> None:
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8") + f"\n{paragraph}\n", encoding="utf-8")


PROBLEM_LINE = re.compile(r"[^\s:][^:\n]*:[1-9][0-9]*: \S[^\n]*")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_check_command_on_everything_at_once(example_copy: Path, outside: Path) -> None:
    """The real command, in a fresh interpreter: exit status 1, one line per problem, no
    traceback, the outside never read, and not one byte, file or timestamp changed."""
    for plant in EVERYTHING:
        plant(example_copy, outside)
    before = _snapshot(example_copy)
    outside_before = _snapshot(outside)
    env = {k: v for k, v in os.environ.items() if k != "REDRAFT_DEBUG"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    completed = subprocess.run(
        [sys.executable, "-c", "from redraft.cli import run; run()", "check", str(example_copy)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=example_copy,
    )
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert "internal error" not in completed.stderr
    lines = completed.stdout.splitlines()
    for line in lines:
        assert PROBLEM_LINE.fullmatch(line), line
        assert len(line) < 600, line[:200]  # a hostile value is quoted, never in full
        assert_terminal_safe(line)
        assert CANARY not in line
    flagged = {line.split(":", 1)[0] for line in lines}
    for expected in [
        "comments/submissions/2019-nv/AUT.yml",
        "comments/submissions/2018-nv/DEU.yml",
        "comments/submissions/2018-nv/FRA.yml",
        "comments/submissions/2018-nv/ITA.yml",
        "comments/submissions/2018-nv/MEX.yml",
        "comments/submissions/2018-nv/NOR.yml",
        "comments/submissions/2018-nv/COL.yml",
        SUBMISSION,
        GUIDELINE,
        "comments/submissions/2018-nv/BRA.yml",
        "comments/submissions/2020-nv",
        "comments/submissions/2018-nv/LOOP.yml",
        "comments/submissions/2018-nv/PIPE.yml",
        "guidelines/draft/\u00dcn\u00efcode.md",
        "comments/submissions/2018-nv/A U T.yml",
        "guidelines/draft/record-keeping.md",
    ]:
        assert expected in flagged, (expected, lines)
    assert _snapshot(example_copy) == before
    assert _snapshot(outside) == outside_before


def test_check_writes_nothing_on_the_clean_example(example_root: Path, tmp_path: Path) -> None:
    kb = copy_example(tmp_path / "kb")
    before = _snapshot(kb)
    assert problems(kb) == []
    assert _snapshot(kb) == before


def test_a_file_that_grows_after_its_size_was_taken_is_read_to_its_end_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is taken, then the file read: a file written meanwhile is read to its end, and
    one that grew past the limit is refused, whatever size was taken before."""
    grown = {"small.yml": b"a: 1\n" * 50_000, "large.yml": b"x" * (MAX_FILE_BYTES + 5)}
    for name, data in grown.items():
        (tmp_path / name).write_bytes(data)
    real_stat = os.stat

    def stat_before_the_growth(path: Any, *args: Any, **kwargs: Any) -> Any:
        found = real_stat(path, *args, **kwargs)
        if Path(path).name in grown:  # as it was when it held ten bytes
            return os.stat_result((found.st_mode, *found[1:6], 10, *found[7:]))
        return found

    monkeypatch.setattr(os, "stat", stat_before_the_growth)
    source = FileSource(tmp_path)
    assert source.read_bytes("small.yml") == grown["small.yml"]
    with pytest.raises(ReadError, match=r"file is too large \(more than \d+ bytes\)"):
        source.read_bytes("large.yml")
