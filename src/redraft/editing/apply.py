"""Check a changeset as a whole, then write it: an edit never leaves a problem it did not find.

The knowledge base is loaded and checked twice, as it is and as the changeset would leave it (an
overlay of the files on disk, nothing written).  A problem of the second that the first did not
have (compared by severity, file and message: line numbers move when lines are inserted) refuses
the edit.  Only then is each file written atomically; a problem the editor already had stays
theirs to fix and never blocks an unrelated act.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from redraft.checks.rules import beyond_the_model, check_loaded
from redraft.editing.changeset import Changeset, FileChange
from redraft.kb.atomic import remove_file, write_text_atomic
from redraft.kb.load import load, load_from
from redraft.kb.problems import Problem


@dataclass(frozen=True)
class Outcome:
    """What :func:`apply` did: the files it changed (or would change), and the problems the
    change would have introduced (then nothing was written)."""

    changes: list[FileChange]
    new_problems: list[Problem]
    written: bool
    consequences: list[Problem] = field(default_factory=list)
    """New problems in files the changeset does not write, which the caller chose to let
    through (see :func:`apply`): written, and left for the editor to resolve."""

    @property
    def refused(self) -> bool:
        return any(problem.severity == "error" for problem in self.new_problems)


def _key(problem: Problem) -> tuple[str, str, str]:
    return (problem.severity, problem.path, problem.message)


def new_problems(changeset: Changeset) -> list[Problem]:
    """The problems the knowledge base would have after ``changeset`` and has not now."""
    root = changeset.root
    now = load(root)
    before = Counter(_key(p) for p in check_loaded(now, beyond_the_model(root, now)))
    after_result = load_from(changeset.overlay())
    after = check_loaded(after_result, beyond_the_model(root, after_result))
    introduced = []
    for problem in after:
        key = _key(problem)
        if before[key] > 0:
            before[key] -= 1
        else:
            introduced.append(problem)
    return introduced


def apply(
    changeset: Changeset,
    *,
    dry_run: bool = False,
    consequence: Callable[[Problem], bool] | None = None,
) -> Outcome:
    """Write ``changeset`` unless it would introduce an error (warnings are reported, not
    refused) or ``dry_run`` is set.  Parent folders of new files are created.

    ``consequence`` names new problems that do not refuse the edit: an edit whose purpose makes
    other files wrong (a new original text that its translations no longer follow) lets those
    through, but never a problem in a file it writes itself."""
    changes = changeset.changes()
    problems = new_problems(changeset) if changes else []
    written = {change.path for change in changes}
    let_through = [
        p for p in problems if consequence is not None and p.path not in written and consequence(p)
    ]
    problems = [p for p in problems if p not in let_through]
    outcome = Outcome(changes, problems, written=False, consequences=let_through)
    if dry_run or outcome.refused or not changes:
        return outcome
    for change in changes:
        path = changeset.root / change.path
        if change.after is None:
            remove_file(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, change.after)
    return Outcome(changes, problems, written=True, consequences=let_through)
