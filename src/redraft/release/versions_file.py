"""``versions.yml`` edited as text: an entry appended, a ``hash:`` line set.

The file is the editor's, with their comments and layout, so it is never re-dumped: each edit
inserts or replaces just the text it must, indented like its neighbours, and is parsed back and
compared with the intended data before anyone writes it.  An edit that would change anything else
is refused with :class:`~redraft.release.errors.ReleaseRefused`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import yaml

from redraft.kb.load import VERSIONS_FILE
from redraft.kb.yamlio import YamlError, load_yaml
from redraft.release.errors import ReleaseRefused


def listed_entries(text: str | None) -> dict[str, dict[str, Any]]:
    """The entries of ``versions.yml`` by id (check has already said the file is valid)."""
    if text is None:
        return {}
    try:
        value = load_yaml(text).value
    except YamlError as exc:
        raise ReleaseRefused(f"{VERSIONS_FILE}:{exc.line}: {exc.message}") from None
    items = value.get("versions") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return {}
    return {str(item["id"]): item for item in items if isinstance(item, dict) and "id" in item}


def yaml_scalar(value: str) -> str:
    """``value`` written as a YAML scalar: plain when it reads back as the same text, else
    double-quoted (JSON's string syntax is valid YAML)."""
    plain = value
    if plain and plain == plain.strip() and "\n" not in plain:
        try:
            parsed = load_yaml(f"k: {plain}\n").value
        except YamlError:
            parsed = None
        if isinstance(parsed, dict) and parsed.get("k") == value:
            return plain
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if _needs_escape(c) else c for c in quoted)


def _needs_escape(char: str) -> bool:
    """Characters YAML does not allow raw, or reads as line breaks inside quotes."""
    code = ord(char)
    return (
        0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF
    )


def entry_lines(fields: Sequence[tuple[str, str]], first: str, rest: str) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(fields):
        lines.append(f"{first if index == 0 else rest}{key}: {yaml_scalar(value)}\n")
    return lines


def versions_with_entry(text: str | None, fields: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """``versions.yml`` with one more entry at the end of the list, and the entry's text.

    The entry is indented like the entries already there; everything else is kept byte for byte.
    """
    if text is None or not text.strip():
        lines = entry_lines(fields, "  - ", "    ")
        new = (text or "") + "versions:\n" + "".join(lines)
        return _confirmed(text, new, fields), "".join(lines)
    node = _compose(text)
    versions = _versions_node(node)
    if versions is None:
        raise ReleaseRefused(f"{VERSIONS_FILE} has no top-level 'versions:' list")
    if isinstance(versions, yaml.SequenceNode) and versions.value and not versions.flow_style:
        first_item = versions.value[0]
        line_start = text.rfind("\n", 0, first_item.start_mark.index) + 1
        prefix = text[line_start : first_item.start_mark.index]
        if prefix.strip() != "-":
            prefix = "  - "
        rest = " " * len(prefix)
        lines = entry_lines(fields, prefix, rest)
        at = _end_of_line(text, _last_value_end(versions.value[-1]))
        new = text[:at] + ("" if at == 0 or text[at - 1] == "\n" else "\n") + "".join(lines)
        new += text[at:]
    elif (isinstance(versions, yaml.SequenceNode) and not versions.value) or (
        isinstance(versions, yaml.ScalarNode) and versions.tag.endswith(":null")
    ):
        # `versions: []` or `versions:` with nothing: the list starts here
        lines = entry_lines(fields, "  - ", "    ")
        start, end = versions.start_mark.index, versions.end_mark.index
        head = text[:start].rstrip(" ")
        tail = text[end:]
        new = head + "\n" + "".join(lines) + tail.lstrip(" ").removeprefix("\n")
    else:
        raise ReleaseRefused(
            f"{VERSIONS_FILE}: the 'versions:' list is not written one entry per block; "
            "Redraft will not rewrite it"
        )
    return _confirmed(text, new, fields), "".join(lines)


def versions_with_hash(text: str, version_id: str, new_hash: str) -> str:
    """``versions.yml`` with ``hash: <new_hash>`` set on one entry (added or replaced)."""
    node = _compose(text)
    versions = _versions_node(node)
    item = None
    if isinstance(versions, yaml.SequenceNode):
        for candidate in versions.value:
            if isinstance(candidate, yaml.MappingNode) and _mapping_value(candidate, "id") == (
                version_id
            ):
                item = candidate
    if item is None or not isinstance(item, yaml.MappingNode) or item.flow_style:
        raise ReleaseRefused(f"version '{version_id}' is not an entry of {VERSIONS_FILE}")
    existing = next((v for k, v in item.value if k.value == "hash"), None)
    if existing is not None:
        start, end = existing.start_mark.index, existing.end_mark.index
        new = text[:start] + new_hash + text[end:]
    else:
        indent = " " * item.value[0][0].start_mark.column
        at = _end_of_line(text, _last_value_end(item))
        line = f"{indent}hash: {new_hash}\n"
        new = text[:at] + ("" if text[at - 1] == "\n" else "\n") + line + text[at:]
    expected = _entries(text)
    for entry in expected:
        if entry.get("id") == version_id:
            entry["hash"] = new_hash
    if _entries(new) != expected:
        raise ReleaseRefused(f"could not set the hash in {VERSIONS_FILE} without rewriting it")
    return new


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ReleaseRefused(f"{VERSIONS_FILE}: malformed YAML ({exc})") from None
    if node is None:
        raise ReleaseRefused(f"{VERSIONS_FILE} is empty")
    return node


def _versions_node(node: yaml.Node) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for key, value in node.value if key.value == "versions"), None)


def _mapping_value(node: yaml.MappingNode, key: str) -> str | None:
    for k, v in node.value:
        if k.value == key and isinstance(v, yaml.ScalarNode):
            return str(v.value)
    return None


def _last_value_end(node: yaml.Node) -> int:
    """Where the last scalar of ``node`` ends (a trailing comment is after it)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def _end_of_line(text: str, index: int) -> int:
    """Just past the newline that ends the line ``index`` is on (a block scalar ends at a line
    start already), or the end of the text."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _entries(text: str) -> list[dict[str, Any]]:
    value = load_yaml(text).value
    items = value.get("versions") if isinstance(value, dict) else None
    return [dict(item) for item in items] if isinstance(items, list) else []


def _confirmed(before: str | None, after: str, fields: Sequence[tuple[str, str]]) -> str:
    """``after`` if it parses to the entries of ``before`` plus the new one, else refuse."""
    expected = _entries(before) if before and before.strip() else []
    expected.append({key: value for key, value in fields})
    try:
        got = _entries(after)
    except YamlError:
        got = None
    if got != expected:
        raise ReleaseRefused(
            f"could not add the entry to {VERSIONS_FILE} without rewriting it; "
            "check its layout (a plain block list under 'versions:')"
        )
    return after
