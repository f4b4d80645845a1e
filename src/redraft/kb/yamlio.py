"""Read YAML the way editors expect, and remember where every value came from.

PyYAML resolves plain scalars with YAML 1.1 rules, under which Norway's code ``NO`` becomes
``False`` and ``2026-13-01`` is a timestamp that fails with no line number.  We resolve with the
YAML 1.2 core schema instead (only ``true``/``false`` are booleans, dates stay text for the schema
to judge) and build Python values from the node tree ourselves, so that every mapping key and
sequence item keeps its line.  Aliases are refused: they are never needed in our files, and
refusing them removes the "billion laughs" expansion at the source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import yaml

Loc = tuple[str | int, ...]

MAX_DEPTH = 40

MAX_NODES = 50_000
"""Values in one file: ten times the largest real file (a party list, an outline of thousands of
guidelines).  A 2 MiB file of one-character list items is a million values and would take
seconds and hundreds of megabytes to compose; the count stops it early."""

try:  # the C parser is several times faster on large files; composing and resolving stay ours
    from yaml._yaml import CParser

    _PARSER: tuple[type, ...] = (CParser,)
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _PARSER = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema: no yes/no booleans, no sexagesimals, no implicit timestamps."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.composer.Composer, *_PARSER, _Resolver):  # type: ignore[misc]
    """Parser events composed into nodes by PyYAML's Python composer, which we can stop: at an
    alias (where it stands, before anything is expanded), below :data:`MAX_DEPTH` and after
    :data:`MAX_NODES` values, so a hostile file costs little time and memory."""

    # Class attribute lookup would find PyYAML's YAML 1.1 table first; install ours here.
    yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers

    def __init__(self, stream: str) -> None:
        first, *others = (cast(Any, base) for base in _PARSER)
        first.__init__(self, stream)  # CParser, or the pure-Python Reader
        for base in others:
            base.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)
        self.nodes = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        line = int(self.peek_event().start_mark.line)
        if self.check_event(yaml.AliasEvent):
            raise _Refused(line + 1, "YAML aliases (*name) are not supported")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(line + 1, f"more than {MAX_NODES} values in one file")
        if self.depth > MAX_DEPTH:
            raise _Refused(line + 1, f"nesting deeper than {MAX_DEPTH} levels")
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        return node


class YamlError(Exception):
    """A YAML text that cannot be read; ``line`` is 1-based within the text given."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class LocatedData:
    """A plain Python value read from YAML and the line of each of its parts."""

    value: Any
    lines: Mapping[Loc, int]

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest enclosing part that has one."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return 1


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def load_yaml(text: str, first_line: int = 1) -> LocatedData:
    """Parse one YAML document; lines are reported counting ``text``'s first line as ``first_line``.

    Raises :class:`YamlError` with a 1-based line for anything an editor could have written wrong.
    """
    offset = first_line - 1
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        line = text.count("\n", 0, tab.start()) + 1
        raise YamlError(line + offset, "tab character in indentation (YAML allows only spaces)")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark is not None else 1
        reason = " ".join((exc.problem or exc.context or "malformed YAML").split())
        if "maximum nesting depth" in reason:  # libyaml's own limit, met before ours in flow style
            raise YamlError(line + offset, f"nesting deeper than {MAX_DEPTH} levels") from None
        raise YamlError(line + offset, f"malformed YAML: {reason}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a control character
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlError(
            line + offset, f"character U+{ord(char):04X} is not allowed in YAML"
        ) from None
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise YamlError(first_line, f"malformed YAML: {reason}") from None
    except _Refused as exc:
        raise YamlError(exc.line + offset, exc.message) from None
    lines: dict[Loc, int] = {}
    if node is None:
        return LocatedData(None, lines)
    builder = _Builder(lines, offset)
    value = builder.build(node, ())
    return LocatedData(value, lines)


_PLAIN = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    def __init__(self, lines: dict[Loc, int], offset: int) -> None:
        self.lines = lines
        self.offset = offset
        self.seen: set[int] = set()

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:  # the composer refuses aliases; this is the last gate
            raise YamlError(self._line(node), "YAML aliases (*name) are not supported")
        self.seen.add(id(node))
        self.lines.setdefault(loc, self._line(node))
        if len(loc) > MAX_DEPTH:
            raise YamlError(self._line(node), f"nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN:
            # e.g. !!python/object/apply: never constructed here, but refused rather than
            # silently read as plain data, so the file says what Redraft reads
            raise YamlError(self._line(node), f"unsupported YAML tag {node.tag}")
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(self._line(key_node), "a mapping key must be plain text")
                key = str(key_node.value)
                if key in result:
                    raise YamlError(self._line(key_node), f"duplicate key '{key}'")
                self.lines[(*loc, key)] = self._line(key_node)
                result[key] = self.build(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines[(*loc, index)] = self._line(item)
                items.append(self.build(item, (*loc, index)))
            return items
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        tag, value = node.tag, str(node.value)
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        try:
            if tag == "tag:yaml.org,2002:int":
                return int(value, 0) if value.startswith(("0o", "0x")) else int(value)
            if tag == "tag:yaml.org,2002:float":
                lowered = value.lower()
                if "inf" in lowered or "nan" in lowered:
                    return float(lowered.replace(".", ""))
                return float(value)
        except ValueError:  # e.g. an integer of more digits than Python will convert
            raise YamlError(self._line(node), f"number out of range: {value[:20]}") from None
        raise YamlError(self._line(node), f"unsupported YAML tag {tag}")
