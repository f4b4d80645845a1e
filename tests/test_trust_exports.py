"""Exports under attack: only regular files are written, at any scale, the same bytes every time.

* ``redraft export compilation -o`` a FIFO, a socket, a folder, a symbolic link to a device or
  to a FIFO, and (as root) ``/dev/full`` itself: one line, exit status 2, nothing written and the
  thing in FILE's place left as it was, ``--force`` or not.  The FIFO case runs under an alarm,
  so a regression fails instead of hanging the suite.
* :func:`redraft.kb.atomic.write_bytes_atomic`, which every writer uses, refuses the same, also
  when the FIFO appears while the new content is being written.
* The xlsx and docx layouts do the same work for every comment, counted in Python calls: the
  xlsx export used to ask openpyxl for the last row once a row, a scan of every cell so far.
* docx and xlsx exported under two time zones and two clocks (one faked, years away) are the
  same bytes, dated by the data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import signal
import socket
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from redraft.cli import main
from redraft.exports.compilation import (
    TABLE_COLUMNS,
    Compilation,
    compilation,
    render,
    to_docx,
    to_xlsx,
)
from redraft.kb import atomic
from redraft.kb.atomic import NotARegularFile, write_bytes_atomic
from redraft.kb.model import KnowledgeBase

CALL = "2019-nv"


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail, rather than hang, if the code under test blocks for 20 seconds (on a FIFO)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("blocked for 20 seconds: something opened the FIFO")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def export(root: Path, target: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["export", "compilation", "--root", str(root), "--call", CALL, "-o", str(target), *extra],
    )
    assert not isinstance(result.exception, TimeoutError), result.exception
    return result.exit_code, result.stderr


def refusal(target: Path, kind: str) -> str:
    return (
        f"redraft export compilation: error: {target} is {kind}, not a regular file; "
        "refusing to replace it\n"
    )


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- only regular files --------------------------------------------------------------------------


def make_fifo(path: Path) -> Callable[[], bool]:
    os.mkfifo(path)
    return lambda: stat.S_ISFIFO(path.lstat().st_mode)


def make_socket(path: Path) -> Callable[[], bool]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket file stays
    return lambda: stat.S_ISSOCK(path.lstat().st_mode)


def make_folder(path: Path) -> Callable[[], bool]:
    path.mkdir()
    (path / "kept.txt").write_text("inside")
    return lambda: path.is_dir() and (path / "kept.txt").read_text() == "inside"


def make_link_to_device(path: Path) -> Callable[[], bool]:
    path.symlink_to("/dev/null")
    return lambda: path.is_symlink() and os.readlink(path) == "/dev/null"


def make_link_to_fifo(path: Path) -> Callable[[], bool]:
    fifo = path.with_name("real.fifo")
    os.mkfifo(fifo)
    path.symlink_to(fifo.name)
    return lambda: path.is_symlink() and stat.S_ISFIFO(path.stat().st_mode)


KINDS = [
    (make_fifo, "a FIFO"),
    (make_socket, "a socket"),
    (make_folder, "a folder"),
    (make_link_to_device, "a symbolic link to a character device"),
    (make_link_to_fifo, "a symbolic link to a FIFO"),
]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(("make", "kind"), KINDS, ids=[k for _, k in KINDS])
@pytest.mark.usefixtures("alarm")
def test_export_refuses_what_is_not_a_regular_file(
    example_root: Path,
    tmp_path: Path,
    make: Callable[[Path], Callable[[], bool]],
    kind: str,
    force: bool,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "compilation.csv"
    unchanged = make(target)
    before = listing(out)
    code, message = export(example_root, target, *(["--force"] if force else []))
    assert (code, message) == (2, refusal(target, kind))
    assert unchanged()
    assert listing(out) == before  # no temporary file, nothing new


@pytest.mark.skipif(
    os.geteuid() != 0,
    reason="only root may replace /dev/full; as another user "
    "the rename fails anyway, so the attack is run only where it could succeed",
)
def test_export_as_root_leaves_dev_full_a_device(example_root: Path, tmp_path: Path) -> None:
    device = Path("/dev/full")
    before = device.lstat()
    assert stat.S_ISCHR(before.st_mode)
    # The same refusal through a link first: if it failed, the link (not the device) would go.
    link = tmp_path / "full.xlsx"
    link.symlink_to(device)
    assert export(example_root, link, "--force")[0] == 2
    try:
        code, message = export(example_root, device, "--format", "xlsx", "--force")
        assert (code, message) == (2, refusal(device, "a character device"))
    finally:
        after = device.lstat()
        if not stat.S_ISCHR(after.st_mode):  # put the machine right before failing
            device.unlink()
            os.mknod(device, stat.S_IFCHR | 0o666, before.st_rdev)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


@pytest.mark.usefixtures("alarm")
def test_helper_refuses_a_fifo_and_a_link_to_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    for path, kind in ((fifo, "a FIFO"), (link, "a symbolic link to a character device")):
        with pytest.raises(NotARegularFile) as raised:
            write_bytes_atomic(path, b"data")
        assert str(raised.value) == f"{path} is {kind}, not a regular file; refusing to replace it"
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and os.readlink(link) == "/dev/null"
    assert listing(tmp_path) == ["null", "pipe"]


def test_helper_refuses_a_fifo_that_appears_while_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "compilation.csv"
    write_temporary = atomic._temporary_beside

    def then_a_fifo(path: Path, data: bytes, durable: bool = True) -> Path:
        temporary = write_temporary(path, data, durable)
        os.mkfifo(path)  # put in place between the first check and the rename
        return temporary

    monkeypatch.setattr(atomic, "_temporary_beside", then_a_fifo)
    with pytest.raises(NotARegularFile):
        write_bytes_atomic(target, b"data")
    assert stat.S_ISFIFO(target.lstat().st_mode)
    assert listing(tmp_path) == ["compilation.csv"]


def test_a_link_to_a_regular_file_is_replaced_and_the_file_it_named_kept(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"the secretariat's own file")
    link = tmp_path / "link.csv"
    link.symlink_to(kept.name)
    write_bytes_atomic(link, b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert kept.read_bytes() == b"the secretariat's own file"


# -- scale ---------------------------------------------------------------------------------------


def repeated(content: Compilation, count: int) -> Compilation:
    """``content`` with ``count`` rows: its own, over and over, each numbered anew."""
    rows = content.rows
    return dataclasses.replace(
        content,
        rows=tuple(dataclasses.replace(rows[i % len(rows)], number=f"c-{i}") for i in range(count)),
    )


def python_calls(function: Callable[[], Any]) -> int:
    """How many Python functions ran (generators counted at each resumption) in ``function``."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(("layout", "step"), [(to_xlsx, 300), (to_docx, 60)], ids=["xlsx", "docx"])
def test_layout_does_the_same_work_for_every_comment(
    example_kb: KnowledgeBase, layout: Callable[[Compilation], bytes], step: int
) -> None:
    content = compilation(example_kb, CALL, include_restricted=True)
    layout(repeated(content, 10))  # imports and first-use caches, outside the count
    sizes = (step, 2 * step, 3 * step)
    counts = [python_calls(lambda n=n: layout(repeated(content, n))) for n in sizes]
    first, second = counts[1] - counts[0], counts[2] - counts[1]
    # Linear: each further step of comments costs the same (within the zip writer's chunking).
    # The xlsx layout used to ask for the last row once a row, scanning every earlier cell
    # again: its second step then cost half as much again as its first.
    assert first > step * 50, counts  # the count sees the per-cell work at all
    assert second <= first * 1.05, counts


def test_xlsx_header_styling_panes_and_filter_are_on_the_header_row(
    example_kb: KnowledgeBase,
) -> None:
    content = compilation(example_kb, CALL)
    sheet = openpyxl.load_workbook(io.BytesIO(render(content, "xlsx")))["Compilation"]
    header = len(content.heading) + 2
    assert [c.value for c in sheet[header]] == list(TABLE_COLUMNS)
    assert all(c.font.b and c.fill.fgColor.rgb == "00D9E2F3" for c in sheet[header])
    assert not any(c.font.b for c in sheet[header - 1])  # the empty row stays plain
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:K{header + len(content.rows)}"
    assert sheet.max_row == header + len(content.rows)


# -- the same bytes ------------------------------------------------------------------------------

FAKED_CLOCK = """
import datetime as dt, sys
import time_machine
later = dt.datetime(2041, 11, 30, 23, 59, 58, tzinfo=dt.timezone.utc)
time_machine.travel(later, tick=False).start()
sys.argv[0] = "redraft"
from redraft.cli import run
run()
"""


def export_in_a_fresh_interpreter(
    root: Path, target: Path, time_zone: str, faked_clock: bool
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["TZ"] = time_zone
    code = FAKED_CLOCK if faked_clock else "from redraft.cli import run; run()"
    subprocess.run(
        [sys.executable, "-c", code, "export", "compilation", "--root", str(root),
         "--call", CALL, "-o", str(target)],
        check=True, capture_output=True, env=env, timeout=300,
    )  # fmt: skip


def data_date(kb: KnowledgeBase, call_id: str) -> dt.date:
    """The call's date or its latest public reply's, whichever is later."""
    call = kb.call(call_id)
    assert call is not None
    replies = [s.received for s in kb.without_restricted().submissions if s.call == call_id]
    return max([call.date, *replies])


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_same_bytes_in_any_time_zone_at_any_time(
    example_root: Path, example_kb: KnowledgeBase, tmp_path: Path, suffix: str
) -> None:
    tokyo, utc = tmp_path / f"tokyo.{suffix}", tmp_path / f"utc.{suffix}"
    export_in_a_fresh_interpreter(example_root, tokyo, "Asia/Tokyo", faked_clock=True)
    export_in_a_fresh_interpreter(example_root, utc, "UTC", faked_clock=False)
    assert tokyo.read_bytes() == utc.read_bytes()

    day = data_date(example_kb, CALL)
    midnight = dt.datetime(day.year, day.month, day.day)
    with zipfile.ZipFile(utc) as archive:
        assert {e.date_time for e in archive.infolist()} == {
            (day.year, day.month, day.day, 0, 0, 0)
        }
    if suffix == "xlsx":
        properties: Any = openpyxl.load_workbook(utc).properties
    else:
        properties = docx.Document(str(utc)).core_properties
    for stamp in (properties.created, properties.modified):
        assert stamp.replace(tzinfo=None) == midnight
