"""Random edits, each followed by an incremental generation compared with a clean one.

    python scripts/fuzz_incremental.py ROOT WORK [--seed N] [--edits N]

copies the knowledge base at ROOT into WORK/incremental, generates its pages
(``redraft build --pages-only``), then, ``--edits`` times: makes one random edit to a guideline
file (a word inserted, a title changed, a paragraph added, a translation's word), generates
again (reusing what the last generation recorded, :mod:`redraft.site.reads`), generates a fresh
copy of the same sources with no record in WORK/clean, and compares the two pages folders byte
for byte.  An edit the knowledge base refuses (a released version is sealed, a translation's
paragraph must exist in the original) is undone and counted as refused.  Exits 1 if any
comparison differs.  A maintainer's tool for the reuse of generated pages; the test suite
pins the same property on chosen edits (tests/test_site_generation_reuse.py)."""

from __future__ import annotations

import argparse
import filecmp
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

RUN = "from redraft.cli import run; run()"
PARTS = ("redraft.yml", "guidelines", "comments", "records", "mkdocs.yml", "docs")


def pages_only(root: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN, "build", "--pages-only", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if "error" in line]
        raise RuntimeError(errors[0] if errors else done.stderr[-300:])
    return time.perf_counter() - started


def copy_sources(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).is_file():
            shutil.copy2(source / name, target / name)


def differences(first: Path, second: Path) -> list[str]:
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + n for n in compared.left_only + compared.right_only)
        found.extend(prefix + n for n in compared.diff_files)
        for name, below in compared.subdirs.items():
            walk(below, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second, ignore=[]), "")
    return found


def random_edit(root: Path, rng: random.Random) -> tuple[str, Path, str]:
    """One edit; what it was, the file, and the file's text before it."""
    kind = rng.choice(["word", "word", "word", "title", "paragraph", "translation"])
    files = sorted((root / "guidelines").rglob("*.md"))
    translated = kind == "translation"
    files = [p for p in files if (len(p.suffixes) > 1) == translated] or files
    drafts = [p for p in files if p.parent.name == "draft"]
    if drafts and rng.random() < 0.6:
        files = drafts
    path = rng.choice(files)
    before = path.read_text(encoding="utf-8")
    lines = before.split("\n")
    closing = lines.index("---", 1)
    body = [
        i
        for i in range(closing + 1, len(lines))
        if lines[i].strip() and not lines[i].startswith(("#", "[^"))
    ]
    title = next((i for i in range(1, closing) if lines[i].startswith("title:")), None)
    if kind == "title" and title is not None:
        value = lines[title].rstrip()
        quoted = value[-1] in "'\""
        lines[title] = value[:-1] + " revised" + value[-1] if quoted else value + " revised"
    elif kind == "paragraph" and body:
        lines[body[-1] + 1 : body[-1] + 1] = ["", "A paragraph added by the fuzzer."]
    elif body:
        line = rng.choice(body)
        words = lines[line].split(" ")
        words.insert(rng.randrange(1, len(words) + 1), "indeed")
        lines[line] = " ".join(words)
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"{kind} {path.relative_to(root)}", path, before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    incremental, clean = args.work / "incremental", args.work / "clean"
    copy_sources(args.root, incremental)
    print(f"first generation {pages_only(incremental):.1f} s", flush=True)
    failed = 0
    for number in range(1, args.edits + 1):
        what, path, before = random_edit(incremental, rng)
        try:
            seconds = pages_only(incremental)
        except RuntimeError as refused:
            print(f"{number}: refused {what}: {refused}", flush=True)
            path.write_text(before, encoding="utf-8")
            pages_only(incremental)
            continue
        copy_sources(incremental, clean)
        clean_seconds = pages_only(clean)
        found = differences(incremental / "build" / "pages", clean / "build" / "pages")
        failed += bool(found)
        verdict = "same" if not found else f"DIFFERENT: {found[:5]}"
        timing = f"incremental {seconds:.1f} s, clean {clean_seconds:.1f} s"
        print(f"{number}: {what}: {verdict} ({timing})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
