"""Rules about the test suite itself, checked so that they cannot rot: a test that starts a
browser is marked ``browser`` and gets chromium from the ``browser`` fixture (tests/conftest.py
refuses to run otherwise)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

UNMARKED = """
import pytest

def test_unmarked(browser):
    pass

@pytest.mark.browser
def test_marked(browser):
    pass

def test_quick():
    pass
"""

MARKED_ONLY = UNMARKED.replace("def test_unmarked(browser):\n    pass\n", "")

# spelt in pieces, or this very module would be caught starting a browser
LAUNCHES_ITS_OWN = (
    "def test_launches_its_own():\n"
    "    from playwright.sync_api import sync_playwright\n"
    "    with sync_playwright" + "() as playwright:\n"
    "        playwright.chromium.launch" + "()\n"
)


def collect(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``pytest --collect-only`` on ``folder``, with this suite's conftest.py."""
    shutil.copy2(REPO / "tests" / "conftest.py", folder / "conftest.py")
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(
        [*command, *arguments, str(folder)],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_a_browser_test_without_the_mark_stops_the_run(tmp_path: Path) -> None:
    (tmp_path / "test_pages.py").write_text(UNMARKED, encoding="utf-8")
    # even a quick run that deselects browser tests: the breach must not slip through it
    completed = collect(tmp_path, "-m", "not browser")
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    breaches = [line for line in output.splitlines() if ": uses the browser fixture" in line]
    assert breaches == [
        "test_pages.py::test_unmarked: uses the browser fixture but is not marked "
        "@pytest.mark.browser"
    ]


def test_a_test_that_launches_its_own_browser_stops_the_run(tmp_path: Path) -> None:
    (tmp_path / "test_own.py").write_text(LAUNCHES_ITS_OWN, encoding="utf-8")
    completed = collect(tmp_path)
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    assert "test_own.py: starts a browser itself" in output


def test_marked_browser_tests_are_collected(tmp_path: Path) -> None:
    (tmp_path / "test_pages.py").write_text(MARKED_ONLY, encoding="utf-8")
    completed = collect(tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "2 tests collected" in completed.stdout
