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

MAX_C_COMPOSED_CHARS = 128 * 1024
"""Texts up to this length are composed by libyaml (:class:`_CLoader`), which cannot be stopped
midway; longer ones by the Python composer, which stops at :data:`MAX_NODES`.  Three times the
largest file of the synthetic L knowledge base (42 KB); a hostile text of this length holds at
most a few hundred thousand values, composed in C in a fraction of a second."""

try:  # the C parser is several times faster on large files; resolving stays ours
    from yaml._yaml import CParser

    _PARSER: tuple[type, ...] = (CParser,)
    _HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _HAS_LIBYAML = False
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


_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = _Resolver.yaml_implicit_resolvers


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


if _HAS_LIBYAML:

    class _CLoader(CParser, _Resolver):
        """libyaml composes the whole node tree in C, resolving plain scalars with our YAML 1.2
        table (it calls :meth:`resolve` for each).  It shares a node at an alias and has no
        value or depth limit of ours: :class:`_Builder` counts both and reports an alias, and
        any problem sends the text through :class:`_Loader`, whose messages are the contract.
        """

        yaml_implicit_resolvers = _Resolver.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

        # BaseResolver.resolve, without the path resolvers we never register: called for every
        # value, it was a fifth of YAML's time under the profiler.
        def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
            if kind is _SCALAR:
                if implicit[0]:
                    # keys and short values recur thousands of times ("id", "accepted"): the
                    # tag of a plain scalar depends on its text alone
                    tag = _RESOLVED.get(value)  # type: ignore[arg-type]
                    if tag is None:
                        tag = _resolve_plain(value or "")
                        if len(_RESOLVED) < _RESOLVED_MAX and len(value or "") <= 64:
                            _RESOLVED[value or ""] = tag
                    return tag
                return _STR
            return _PLAIN[1] if kind is yaml.SequenceNode else _PLAIN[0]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


_SCALAR = yaml.ScalarNode
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 100_000
"""Plain scalars whose tag is remembered (short ones only): a bounded memory of the words and
keys the knowledge base repeats."""


def _resolve_plain(value: str) -> str:
    """The tag of a plain (unquoted) scalar under :class:`_Resolver`'s YAML 1.2 table."""
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return str(tag)
    return _STR


class _Redo(Exception):
    """The fast composition met something :class:`_Loader` must judge (and word)."""


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
    if _HAS_LIBYAML and len(text) <= MAX_C_COMPOSED_CHARS:
        try:
            return _load_fast(text, offset)
        except (_Redo, yaml.YAMLError):
            pass  # the same text again, the slow way, for the exact message and line
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
    return _located(node, offset, strict=False)


def _load_fast(text: str, offset: int) -> LocatedData:
    """:func:`load_yaml` by libyaml's composer; raises :class:`_Redo` or a YAML error for
    anything not plainly fine (aliases, too many values, too deep, malformed)."""
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return _located(node, offset, strict=True)


def _located(node: yaml.Node | None, offset: int, *, strict: bool) -> LocatedData:
    lines: dict[Loc, int] = {}
    if node is None:
        return LocatedData(None, lines)
    builder = _Builder(lines, offset, strict)
    try:
        value = builder.build(node, ())
    except YamlError:
        if strict:
            raise _Redo() from None
        raise
    return LocatedData(value, lines)


_PLAIN = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_STR = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, lines: dict[Loc, int], offset: int, strict: bool = False) -> None:
        self.lines = lines
        self.offset = offset
        self.seen: set[int] = set()
        # after libyaml's composer, the limits the Python composer enforces are counted here
        self.strict = strict
        self.nodes = 0

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        # The hot loop of every load (a hundred thousand values at M): locals, no helpers on
        # the common path, the checks in the order of the Python composer's and ours.
        seen = self.seen
        if id(node) in seen:  # the composer refuses aliases; this is the last gate
            raise YamlError(self._line(node), "YAML aliases (*name) are not supported")
        seen.add(id(node))
        self.nodes += 1
        if self.strict and self.nodes > MAX_NODES:
            raise _Redo()
        lines = self.lines
        line = node.start_mark.line + 1 + self.offset
        if loc not in lines:
            lines[loc] = line
        if len(loc) > MAX_DEPTH:
            raise YamlError(line, f"nesting deeper than {MAX_DEPTH} levels")
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return str(node.value)
            return self._scalar(node)
        if node.tag not in _PLAIN:
            # e.g. !!python/object/apply: never constructed here, but refused rather than
            # silently read as plain data, so the file says what Redraft reads
            raise YamlError(line, f"unsupported YAML tag {node.tag}")
        offset = self.offset
        scalar, strict = yaml.ScalarNode, self.strict
        if kind is yaml.MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                self.nodes += 1
                if strict:  # libyaml shares a node at an alias: a key is one too
                    if self.nodes > MAX_NODES or id(key_node) in seen:
                        raise _Redo()
                    seen.add(id(key_node))
                key_line = key_node.start_mark.line + 1 + offset
                if type(key_node) is not yaml.ScalarNode:
                    raise YamlError(key_line, "a mapping key must be plain text")
                key = str(key_node.value)
                if key in result:
                    raise YamlError(key_line, f"duplicate key '{key}'")
                where = (*loc, key)
                lines[where] = key_line
                # Most values are plain text: taken here, with build's checks (which all pass
                # for them) made inline and in its order; anything else goes through build.
                if (
                    type(value_node) is scalar
                    and value_node.tag == _STR
                    and type(value_node.value) is str
                    and id(value_node) not in seen
                    and len(where) <= MAX_DEPTH
                    and not (strict and self.nodes >= MAX_NODES)
                ):
                    seen.add(id(value_node))
                    self.nodes += 1
                    result[key] = value_node.value
                else:
                    result[key] = self.build(value_node, where)
            return result
        items = []
        for index, item in enumerate(node.value):
            where = (*loc, index)
            lines[where] = item.start_mark.line + 1 + offset
            if (
                type(item) is scalar
                and item.tag == _STR
                and type(item.value) is str
                and id(item) not in seen
                and len(where) <= MAX_DEPTH
                and not (strict and self.nodes >= MAX_NODES)
            ):
                seen.add(id(item))
                self.nodes += 1
                items.append(item.value)
            else:
                items.append(self.build(item, where))
        return items

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
