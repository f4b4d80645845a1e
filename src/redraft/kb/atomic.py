"""Every file Redraft writes goes through here: whole or not at all, never half.

A file is written to a temporary file in the same folder (a rename is atomic only within one file
system), flushed to the disk, and renamed over its final name: a reader, a crash or a kill sees
the old content or the new, never part of either.  A folder built by a slow process (MkDocs'
site) is built beside its final place and swapped in when complete, so a build killed midway
leaves the previous site as it was.

Temporary names start with a dot and end in ``.tmp``: hidden from the loader and from MkDocs, and
easy to recognise if a kill leaves one behind (the next write of the same folder removes it).

Only regular files are replaced.  A FIFO, a device, a socket or a folder in a file's place (or a
symbolic link to one) is refused with :class:`NotARegularFile` before anything is written: a rename
over ``/dev/full`` would replace the device itself, and reading a FIFO to see what it holds waits
forever for a writer.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
DISCARDED_SUFFIX = ".discarded"
"""A folder's old content, renamed aside to be removed by a process of its own
(:func:`discard_folder`)."""


class NotARegularFile(OSError):
    """``str(error)`` is one line for the user: the path and what it is instead of a file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a regular file; refusing to replace it")
        self.path = path
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a ``st_mode`` is, in words: ``"a FIFO"``, ``"a regular file"``, ..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((kind for test, kind in _KINDS if test(mode)), "not a file")


def ensure_replaceable(path: Path) -> None:
    """Raise :class:`NotARegularFile` unless ``path`` is absent or a regular file.

    A symbolic link is judged by what it points to (a link to a file is replaced by the new
    file, the file it pointed to is left alone; a dangling link counts as absent), so a link to
    a device is refused like the device.  Only :func:`os.stat` is used: nothing is opened, so a
    FIFO cannot make this wait.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:  # a link loop, a name too long, a folder we may not search
        raise NotARegularFile(path, f"a path that cannot be followed ({error.strerror})") from error
    if stat.S_ISREG(mode):
        return
    kind = kind_of(mode)
    if os.path.islink(path):
        kind = f"a symbolic link to {kind}"
    raise NotARegularFile(path, kind)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_temporaries = itertools.count()


def _temporary_beside(path: Path, data: bytes, durable: bool = True) -> Path:
    """A flushed (and, if ``durable``, synced) temporary file holding ``data`` beside ``path``.

    Named by this process and a counter, created exclusively (a name already taken, a link
    included, is never opened): ``mkstemp``'s random names, which only matter in a folder
    others write to, were a third of writing a generated page.  Taken after all (a process of
    the same number before a reboot, killed mid-write), ``mkstemp`` names it instead."""
    name = path.parent / f".{path.name}.{os.getpid()}-{next(_temporaries)}{TEMPORARY_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(name, flags, 0o600)
        temporary = name
    except FileExistsError:
        descriptor, found = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
        )
        temporary = Path(found)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles to sync
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace (or create) ``path`` with ``data`` through a temporary file and a rename.

    An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask,
    as ``open`` would give it, where ``mkstemp`` alone would give 0600).  The folder must exist.

    ``durable=False`` skips the two fsyncs (1 to 3 ms a file, see scripts/bench_trust.py): the
    rename still keeps a reader or a killed process from ever seeing part of a file, and only a
    power cut could lose the write.  It is for files Redraft regenerates anyway (the generated
    pages); what an editor cannot regenerate (releases, exports, scaffolds) stays durable.

    Raises :class:`NotARegularFile`, and writes nothing, if ``path`` is a FIFO, a device, a
    socket, a folder or a link to one (see :func:`ensure_replaceable`); the check is made again
    just before the rename, so only something put in place in between (by someone who may
    change the folder, and so could remove the entry anyway) could be replaced.
    """
    ensure_replaceable(path)
    temporary = _temporary_beside(path, data, durable)
    try:
        ensure_replaceable(path)
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    """:func:`write_bytes_atomic` for text, always UTF-8 with ``\\n`` line endings."""
    write_bytes_atomic(path, text.encode("utf-8"))


def create_exclusively(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file, and only if it does not exist yet.

    The temporary file is hard-linked to its final name, which fails if the name is taken, so an
    existing file is never replaced even by a race; where links are not supported, an existence
    check and a rename come as close.  Raises :class:`FileExistsError`.
    """
    temporary = _temporary_beside(path, data)
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def create_new(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data`` if nothing is there: True; False, and nothing written,
    if something is (a link included, never followed).  Three system calls where a temporary
    file and a rename take fourteen (strace): for files Redraft regenerates, where no reader
    can see them half-written (a folder the writer found empty) or a reader checks them whole
    (the render cache's entries carry their sizes and a checksum); everything else goes through
    :func:`write_bytes_atomic`, which the caller falls back to when this returns False.  The
    permissions are ``open``'s, as :func:`write_bytes_atomic` gives a new file.  A write that
    fails (a full disk, an interrupt) removes what it created before the error goes on.

    Not :func:`create_exclusively`, which is for what an editor cannot regenerate: it writes and
    syncs a temporary file and links it into place."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o666)
    except FileExistsError:
        return False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return True


def remove_file(path: Path) -> None:
    """Remove the regular file ``path`` (an editing command's deletion), and make it last."""
    ensure_replaceable(path)
    path.unlink()
    _sync_folder(path.parent)


# -- folders ------------------------------------------------------------------------------------


def staging_folder(final: Path) -> Path:
    """A new empty folder beside ``final`` to build its next content in (same file system).

    Its name carries this process's id, so that staging folders of a process that died can be
    told from those of one still at work: only the first are removed here (another build's
    half-written site is not ours to delete).  It gets the permissions the user's umask gives a
    new folder (``mkdtemp`` alone gives 0700, which a web server running as another user cannot
    read once the folder is swapped into place).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    for stale in final.parent.glob(f".{final.name}.*{TEMPORARY_SUFFIX}"):
        if stale.is_dir() and not stale.is_symlink() and _owner_is_gone(stale.name, final.name):
            shutil.rmtree(stale, ignore_errors=True)
    staging = Path(
        tempfile.mkdtemp(
            dir=final.parent, prefix=f".{final.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX
        )
    )
    os.chmod(staging, 0o777 & ~_umask())
    return staging


def _owner_is_gone(name: str, final_name: str) -> bool:
    """Is the process that made staging folder ``name`` provably no longer running?"""
    middle = name[len(final_name) + 2 : -len(TEMPORARY_SUFFIX)]
    pid_text, _, _ = middle.partition(".")
    if not pid_text.isdigit():
        return False  # not named by this code: not provably stale, left alone
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # our own, from an earlier build in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def replace_folder(staging: Path, final: Path, *, remove_later: bool = False) -> None:
    """Put the complete folder ``staging`` in ``final``'s place and remove the old ``final``.

    ``remove_later`` hands the old content to :func:`discard_folder` instead of removing it
    before returning: removing a site of thousands of folders is slower than building its
    changed pages on some disks, and nobody needs to wait for it.

    On Linux the two are exchanged in one step, so ``final`` is never missing or partial.
    Elsewhere the old folder is renamed aside first and the new one renamed in: between the
    two renames (microseconds) ``final`` does not exist, but it is never partial, and the old
    content is still whole beside it until the new one is in place.  If the second rename fails
    (``final`` is a mount point, the disk refuses), the old folder is put back and the error
    raised: the caller removes ``staging``.
    """
    if not final.exists():
        os.rename(staging, final)
    elif final.is_dir() and not final.is_symlink() and _exchange(staging, final):
        # ``staging`` now holds the old content.
        if remove_later:
            discard_folder(staging, final)
        else:
            shutil.rmtree(staging)
    else:
        aside = Path(
            tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=TEMPORARY_SUFFIX)
        )
        try:
            os.rename(final, aside / final.name)
        except OSError:
            aside.rmdir()
            raise
        try:
            os.rename(staging, final)
        except OSError:
            os.rename(aside / final.name, final)
            aside.rmdir()
            raise
        if remove_later:
            discard_folder(aside, final)
        else:
            shutil.rmtree(aside)
    _sync_folder(final.parent)


def discard_folder(old: Path, final: Path) -> None:
    """Remove ``old``, the former content of ``final``, in a process of its own.

    On a disk mounted with ``discard`` (common on virtual machines) each removed folder costs
    milliseconds: the old site of a 9,000-page build took 25 s to remove, half of what a
    one-word edit's rebuild waited for.  The folder is renamed to a hidden name beside
    ``final`` (``.site.<pid>.<random>.discarded``, which no build, loader or MkDocs reads) and
    a detached ``rmtree`` removes it, with any such folder an earlier one left (a removal
    killed midway is finished by the next).  Two removals of one folder may overlap; each
    ignores what the other already removed.  Where no process can be started, it is removed
    here."""
    trash = Path(
        tempfile.mkdtemp(
            dir=final.parent, prefix=f".{final.name}.{os.getpid()}.", suffix=DISCARDED_SUFFIX
        )
    )
    os.rename(old, trash / final.name)
    leftovers = sorted(str(p) for p in final.parent.glob(f".{final.name}.*{DISCARDED_SUFFIX}"))
    try:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVER, *leftovers],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C after we return
            close_fds=True,
        )
    except OSError:
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)


_REMOVER = (
    "import os, shutil, sys\n"
    "os.nice(10)\n"
    "for path in sys.argv[1:]:\n"
    "    shutil.rmtree(path, ignore_errors=True)\n"
)


def link_folder(source: Path, target: Path, *, leave_out: frozenset[str] = frozenset()) -> int:
    """Fill the new folder ``target`` with ``source``'s files as hard links (a copy where the
    file system refuses links); top-level names in ``leave_out`` are skipped.  How many files.

    A link costs no data: a site kept from the last build is in place in milliseconds.  Sharing
    the inode is safe because nothing Redraft writes changes a file in place: every write is a
    new file renamed over the old name (:func:`write_bytes_atomic`), and MkDocs writes into a
    fresh staging folder."""
    count = 0
    target.mkdir(parents=True, exist_ok=True)
    for folder, folders, files in os.walk(source):
        here = Path(folder)
        relative = here.relative_to(source)
        if relative == Path("."):
            folders[:] = [name for name in folders if name not in leave_out]
            files = [name for name in files if name not in leave_out]
        destination = target / relative
        destination.mkdir(exist_ok=True)
        for name in files:
            try:
                os.link(here / name, destination / name, follow_symlinks=False)
            except OSError:
                shutil.copy2(here / name, destination / name, follow_symlinks=False)
            count += 1
    return count
