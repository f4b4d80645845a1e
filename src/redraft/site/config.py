"""The MkDocs configuration of each language tree, derived from the knowledge base's ``mkdocs.yml``.

``mkdocs.yml`` at the root of a knowledge base is the editor's: site name, theme palette, extra
links.  Each language tree gets a full configuration written next to its generated pages, so that
any builder that reads ``mkdocs.yml`` (MkDocs, ProperDocs, Zensical) can build a tree without
Redraft's plugin.  What Redraft's pages depend on is forced whatever the base says: the Material
theme without Google Fonts, the Markdown extensions the pages use (and the guard that removes
unsafe links), search that segments Chinese, a navigation of sections only, strict anchors.
"""

from __future__ import annotations

import copy
import html
import posixpath
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from redraft.site import urls
from redraft.site.context import TreeInfo
from redraft.site.labels import LANGUAGE_NAMES, Labels

CONFIG_NAME = "mkdocs.yml"

SEARCH_SEPARATOR = r"[\s\u200b\u3000\-/、。，．？！；]+"
"""Spaces, the zero-width space jieba's segmentation inserts (without it Chinese search finds
nothing), CJK punctuation (Material's separator for Chinese), and the slash: a document symbol
("CAC/COSP/IRG/2018/CRP.14") is then indexed as its parts, so that "CRP.14" or "2019/3" (read
as "2019" and "3") finds it."""

REQUIRED_EXTENSIONS: tuple[tuple[str, dict[str, Any] | None], ...] = (
    ("abbr", None),
    ("admonition", None),
    ("attr_list", None),
    ("def_list", None),
    ("footnotes", None),
    ("md_in_html", None),
    ("tables", None),
    ("toc", {"permalink": True}),
    ("pymdownx.details", None),
    ("pymdownx.superfences", None),
    ("pymdownx.tabbed", {"alternate_style": True}),
    ("redraft.site.markdown_guard", None),
    ("redraft.site.markdown_links", None),
    ("redraft.site.markdown_redlines", None),
)

DROPPED_KEYS = ("INHERIT", "watch", "hooks", "docs_dir", "site_dir", "nav")
"""Keys whose values only make sense beside the base file (paths) or that Redraft writes itself."""

ASSET_CSS = f"{urls.ASSETS}/redraft.css"
ASSET_JS = f"{urls.ASSETS}/redraft.js"


def default_base() -> dict[str, Any]:
    """The configuration Redraft uses for a knowledge base without its own ``mkdocs.yml``."""
    text = resources.files("redraft").joinpath("templates/mkdocs.yml").read_text("utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def _extension_name(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and len(entry) == 1:
        return str(next(iter(entry)))
    raise ValueError(f"unreadable markdown_extensions entry: {entry!r}")


def _extensions(base: Sequence[Any]) -> list[Any]:
    merged: dict[str, dict[str, Any] | None] = {}
    for entry in base:
        name = _extension_name(entry)
        merged[name] = dict(entry[name] or {}) if isinstance(entry, Mapping) else None
    for name, required in REQUIRED_EXTENSIONS:
        current = merged.get(name)
        if required is None:
            merged.setdefault(name, None)
        else:
            merged[name] = {**(current or {}), **required}
    return [name if options is None else {name: options} for name, options in merged.items()]


def _plugins(base: Sequence[Any] | Mapping[str, Any] | None) -> list[Any]:
    entries: list[Any]
    if base is None:
        entries = ["search"]
    elif isinstance(base, Mapping):
        entries = [{name: options} if options else name for name, options in base.items()]
    else:
        entries = list(base)
    out: list[Any] = []
    has_search = False
    for entry in entries:
        name = _extension_name(entry)
        if name == "redraft":
            continue  # the generator has already run; the trees must not run it again
        if name in ("search", "material/search"):
            options = dict(entry[name] or {}) if isinstance(entry, Mapping) else {}
            options["separator"] = SEARCH_SEPARATOR
            out.append({name: options})
            has_search = True
        else:
            out.append(entry)
    if not has_search:
        out.insert(0, {"search": {"separator": SEARCH_SEPARATOR}})
    return out


def site_name_markup(name: str) -> str:
    """``name`` as ``site_name``, which Material prints unescaped in the page's title, the
    header and a double-quoted ``aria-label``, and escaped again in the logo's ``title``
    (a tooltip).  ``<``, ``>``, ``&`` and ``"`` are escaped, for the unescaped places; an
    apostrophe, harmless in all of them, is kept as it is, so that a French title ("l'avis")
    does not read "l&#x27;avis" in the tooltip.  (A title with ``&``, ``<`` or a double quote
    still shows its escape there: that is Material's second escaping.)"""
    return html.escape(name, quote=False).replace('"', "&quot;")


def tree_config(
    base: Mapping[str, Any],
    *,
    tree: TreeInfo,
    trees: Sequence[TreeInfo],
    site_name: str,
    site_dir: str,
    nav: list[Any],
    internal: bool,
) -> dict[str, Any]:
    """The full configuration of one tree.  ``site_dir`` is relative to the tree's folder."""
    config: dict[str, Any] = {
        key: copy.deepcopy(value) for key, value in base.items() if key not in DROPPED_KEYS
    }
    # A language tree is named in its language when the draft's title is translated.
    name = str(base.get("site_name") or site_name) if tree.is_main else site_name
    if internal:
        name += f" ({Labels(tree.language)['internal']})"
    config["site_name"] = site_name_markup(name)
    if base.get("site_url"):
        # Each tree is served under the site's address, in its own folder.
        config["site_url"] = str(base["site_url"]).rstrip("/") + "/" + tree.prefix
    config["docs_dir"] = "docs"
    config["site_dir"] = site_dir
    config["use_directory_urls"] = True
    config["nav"] = nav

    theme = base.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["name"] = "material"
    theme["font"] = False  # no Google Fonts: the site must work offline and leak no reader
    theme["language"] = tree.language
    features = [f for f in theme.get("features") or [] if f != "navigation.instant"]
    theme["features"] = features
    config["theme"] = theme

    config["markdown_extensions"] = _extensions(base.get("markdown_extensions") or [])
    config["plugins"] = _plugins(base.get("plugins"))

    extra = dict(base.get("extra") or {})
    if len(trees) > 1:
        extra["alternate"] = [
            {
                "name": LANGUAGE_NAMES.get(other.language, other.language),
                "link": _tree_link(tree, other),
                "lang": other.language,
            }
            for other in trees
        ]
    config["extra"] = extra
    config["extra_css"] = [*(base.get("extra_css") or []), ASSET_CSS]
    config["extra_javascript"] = [*(base.get("extra_javascript") or []), ASSET_JS]

    validation = dict(base.get("validation") or {})
    links = dict(validation.get("links") or {})
    links.setdefault("anchors", "warn")
    validation["links"] = links
    config["validation"] = validation
    return config


def _tree_link(here: TreeInfo, there: TreeInfo) -> str:
    """The root of ``there`` relative to the root of ``here`` (Material resolves it per page)."""
    up = "../" * here.prefix.count("/")
    return (up + there.prefix) or "./"


def dump(config: Mapping[str, Any]) -> bytes:
    text = yaml.dump(
        dict(config), allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return (
        "# Generated by `redraft build` from mkdocs.yml; edit that file instead.\n" + text
    ).encode()


def relative_site_dir(tree_folder: str, site_folder: str) -> str:
    """``site_folder`` as seen from ``tree_folder`` (both relative to one common root)."""
    return posixpath.relpath(site_folder, tree_folder)
