"""`redraft --help` starts quickly: the command modules import the library inside their
functions, so listing the commands loads neither the loader nor MkDocs, Word's code or rich
(docs/architecture.md, "Tests and start-up").  Each check runs in a fresh interpreter, where
``sys.modules`` shows what an import really pulled in."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO

HEAVY = (
    # the loader, the checks and what they bring (pydantic, ruamel.yaml, markdown)
    "redraft.kb.load",
    "redraft.checks",
    "pydantic",
    "ruamel",
    "markdown",
    # the site and its builder
    "redraft.site.build",
    "mkdocs",
    # documents and the terminal's tables
    "docx",
    "openpyxl",
    "rich",
    # the diff engine and git
    "redraft.redline.compare",
    "redraft.release",
)


def run_python(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter of this tree."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def modules_after(code: str) -> list[str]:
    """The modules loaded once ``code`` has run in a fresh interpreter of this tree."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    return list(json.loads(run_python(probe).splitlines()[-1]))


def heavy_among(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY)]


HELP_OF_EVERY_COMMAND = """
import json, sys
import click
from click.testing import CliRunner
from redraft.cli import main

def every_command(command, words):
    yield words
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from every_command(sub, [*words, name])

loaded = {}
for words in every_command(main, []):
    result = CliRunner().invoke(main, [*words, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output, (words, result.output)
    loaded[" ".join(["redraft", *words])] = sorted(sys.modules)
print(json.dumps(loaded))
"""


def test_no_help_loads_the_library() -> None:
    """``redraft --help``, then each command's and sub-command's ``--help``, one after the
    other in one interpreter, with what had been loaded once each had printed."""
    loaded = json.loads(run_python(HELP_OF_EVERY_COMMAND).splitlines()[-1])
    assert {"redraft", "redraft check", "redraft build", "redraft export version"} <= set(loaded)
    assert {command: heavy_among(modules) for command, modules in loaded.items()} == {
        command: [] for command in loaded
    }


def test_import_redraft_loads_the_api_when_it_is_first_used() -> None:
    """``import redraft`` is what every command pays for; ``redraft.load`` then brings the
    loader, as a script expects."""
    assert heavy_among(modules_after("import redraft")) == []
    used = modules_after("import redraft\nassert callable(redraft.load)")
    assert "redraft.kb.load" in used and "redraft.checks.rules" in used


def test_check_loads_the_checks_but_not_the_site_builder_nor_documents() -> None:
    code = (
        "from redraft.cli import main\n"
        "from click.testing import CliRunner\n"
        "result = CliRunner().invoke(main, ['check', '--root', '.'])\n"
        "assert result.exit_code == 0, result.output"
    )
    loaded = heavy_among(modules_after(code))
    assert "redraft.checks.rules" in loaded
    # check reads mkdocs.yml with MkDocs' own YAML loader, but builds nothing
    builders = ("redraft.site.build", "mkdocs.commands", "docx", "openpyxl", "rich")
    assert [m for m in loaded if m.startswith(builders)] == []
