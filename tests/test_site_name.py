"""The site's name as Material prints it: in the page's title, the header's topic, and the
tooltip and label of the logo links (the header's and the drawer's), each read back by an HTML
parser as a browser reads it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from redraft.site.config import site_name_markup
from redraft.site.mkdocs_run import build_tree, quietly


class NamePlaces(HTMLParser):
    """The text of ``<title>`` and of the header's topic, the logo links' title and aria-label
    attributes (decoded, as a browser decodes them), and whether a ``<b>`` got in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.topic = ""
        self.logo_titles: list[str] = []
        self.logo_labels: list[str] = []
        self.bold = 0
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "b":
            self.bold += 1
        if tag == "a" and "md-logo" in (found.get("class") or ""):
            self.logo_titles.append(found.get("title") or "")
            self.logo_labels.append(found.get("aria-label") or "")
        opens = tag == "title" or (tag == "span" and "md-ellipsis" in (found.get("class") or ""))
        if opens or self._in:  # inside one, every tag is counted to find its end
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in[:1] == ["title"]:
            self.title += data
        elif self._in[:1] == ["span"] and not self.topic.strip():
            self.topic += data


def built_home(tmp_path: Path, name: str) -> NamePlaces:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("Words.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump({"site_name": site_name_markup(name), "theme": {"name": "material"}}),
        encoding="utf-8",
    )
    with quietly(0, []):
        build_tree(config, strict=True, site_dir=tmp_path / "site")
    places = NamePlaces()
    places.feed((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    return places


def test_an_apostrophe_reads_as_itself_everywhere_the_name_shows(tmp_path: Path) -> None:
    """A French title: before, the logo's tooltip read "l&#x27;avis"."""
    name = "Projet de lignes directrices sur l'avis d'un État"
    places = built_home(tmp_path, name)
    assert places.title.strip() == name
    assert places.topic.strip() == name
    assert places.logo_titles and set(places.logo_titles) == {name}
    assert set(places.logo_labels) == {name}


@pytest.mark.parametrize(
    "name", ['The "Vienna" <b>text</b> & more', 'x" onmouseover="alert(1)', "</title><b>x</b>"]
)
def test_markup_in_a_name_is_text_where_material_prints_it_unescaped(
    tmp_path: Path, name: str
) -> None:
    places = built_home(tmp_path, name)
    assert places.bold == 0  # no element made from the name
    assert places.title.strip() == name
    assert places.topic.strip() == name
    assert set(places.logo_labels) == {name}  # the attribute was not broken out of
