"""On the example, every view of the comments tells the same story: the published site's table of
comments and dispositions, ``redraft status`` and the compilations exported per call."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from click.testing import CliRunner

from redraft.cli import main
from redraft.exports.compilation import compilation, render
from redraft.kb.model import DISPOSITIONS, KnowledgeBase
from redraft.site.config import default_base
from redraft.site.generate import generate_site
from redraft.site.urls import COMMENTS

_ROW = re.compile(
    r"^\| \[`(?P<id>[a-z0-9-]+)`\].*redraft-disposition--(?P<disposition>[a-z-]+)\"", re.M
)


def site_table(kb: KnowledgeBase) -> dict[str, str]:
    """Comment id → disposition, read from the generated Markdown of the public site."""
    site = generate_site(
        kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: f"../site/{folder}",
    )
    markdown = site.files[f"main/docs/{COMMENTS}"].decode("utf-8")
    rows = {m["id"]: m["disposition"] for m in _ROW.finditer(markdown)}
    assert rows, "the site's table of comments changed shape: update the pattern"
    return rows


def exported(kb: KnowledgeBase) -> dict[str, str]:
    """Comment id → disposition, read back from the public CSV compilation of every call."""
    found: dict[str, str] = {}
    for call in kb.calls:
        data = render(compilation(kb, call.id), "csv").decode("utf-8-sig")
        header, *rows = csv.reader(io.StringIO(data))
        observations = header.index("Observations of the secretariat")
        for row in rows:
            label = row[observations].split(".", 1)[0]
            found[row[0]] = label.lower().replace(" ", "-")
    return found


def test_site_status_and_exports_agree_on_the_example(
    example_root: Path, example_kb: KnowledgeBase
) -> None:
    public = example_kb.without_restricted()
    model = {c.id: c.disposition for c in public.comments()}
    assert model and len(model) < len(list(example_kb.comments()))  # something is restricted

    site = site_table(example_kb)
    result = CliRunner().invoke(main, ["status", "--root", str(example_root), "--format", "json"])
    assert result.exit_code == 0
    status = json.loads(result.stdout)["comments"]
    export = exported(example_kb)

    assert site == model
    assert export == model
    assert sorted(status["ids"]) == sorted(model)
    assert status["by_disposition"] == {
        d: sum(1 for v in model.values() if v == d) for d in DISPOSITIONS
    }
