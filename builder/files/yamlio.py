"""YAML in and out, fast: the safe loader in C, and a direct writer for records.

Reading uses libyaml's safe loader when PyYAML has it (pure-Python parsing is
ten times slower). For writing, PyYAML builds a node object for every value
before emitting it, which cost about 2 ms a record (minutes for a
10,000-article archive). Records are plain
data — dicts with string keys, lists, strings, numbers, booleans, None — so
this writer emits them directly, in the layout PyYAML's safe dumper uses with
sorted keys: plain scalars where YAML reads them back as the same string,
single quotes otherwise, double quotes (JSON escapes) for characters YAML
would not keep, and literal blocks (`|`) for multi-line text. tests/test_yamlio.py
checks that `yaml.safe_load` gives back exactly what went in, for generated
strings of every kind.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

import yaml

from builder.errors import InputError

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextDatesLoader(SAFE_LOADER):
    """The safe loader, but `2025-01-28` stays the string it is. For files people write (front
    matter, the curation file): PyYAML turns such a value into a date, and an impossible one
    (2025-02-30) into a traceback; as text, `dates.calendar_date` checks it and the error can
    name the line."""


def yaml_error(exc: yaml.YAMLError, path, text: str, first_line: int = 1, what: str = "invalid YAML") -> InputError:
    """A YAML error in `text` (which starts on line `first_line` of the file `path`) as one
    `path:line: invalid YAML: …` error (`what` says what was invalid). An unclosed bracket or quote is reported by PyYAML where
    it gave up, often lines later: the line that opened it is the one to fix. A character YAML
    does not allow (a control character) has a position instead of a line."""
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "context_mark", None) if ("flow" in context or "quoted" in context) else None
    mark = mark or getattr(exc, "problem_mark", None)
    line = mark.line if mark else text.count("\n", 0, getattr(exc, "position", 0) or 0)
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    return InputError(path, first_line + line, f"{what}: {problem}")


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()}
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Characters YAML does not keep as they are in a scalar: C0/C1 controls (except tab and
# newline), line and paragraph separators, the byte-order mark, surrogates, non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# A plain scalar in block context must not start with an indicator, contain ": " or " #",
# end in ":", or hold a tab; leading or trailing spaces would be lost.
_NOT_PLAIN = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |\s#|:$|\s$|\t|^$")


def _needs_quotes(text: str) -> bool:
    return ("\n" in text or bool(_UNPRINTABLE.search(text)) or bool(_NOT_PLAIN.search(text))
            or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR)


def _quoted(text: str) -> str:
    if "\n" in text or "\t" in text or _UNPRINTABLE.search(text):
        escaped = json.dumps(text, ensure_ascii=False)
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return "'" + text.replace("'", "''") + "'"


def _literal_ok(text: str) -> bool:
    """A literal block keeps the text exactly when no line is only spaces before the first
    content line, the first content line does not start with a space (that would set the
    indentation), and every character is printable."""
    first = text.lstrip("\n")
    return bool(first) and not first[0].isspace() and "\r" not in text and not _UNPRINTABLE.search(text)


@lru_cache(maxsize=1 << 16)  # keys, ids, names and types repeat in every record
def _string(text: str) -> str:
    return _quoted(text) if _needs_quotes(text) else text


def _scalar(value) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"cannot write {type(value).__name__} as a record value")


def _block(text: str, indent: str) -> str:
    """`|`, `|-` or `|+` and the lines, indented; empty lines stay empty."""
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = "".join(f"{indent}{line}\n" if line else "\n" for line in body.split("\n"))
    return f"|{chomp}\n{lines}" + "\n" * max(0, trailing - 1)


def _value(value, indent: str, out: list[str]) -> None:
    """After `key:` or `- `: a scalar on the same line, or a nested block on the next lines."""
    if isinstance(value, dict) and value:
        out.append("\n")
        _mapping(value, indent + "  ", out)
    elif isinstance(value, list) and value:
        out.append("\n")
        _sequence(value, indent, out)
    elif isinstance(value, dict):
        out.append(" {}\n")
    elif isinstance(value, list):
        out.append(" []\n")
    elif isinstance(value, str) and "\n" in value and _literal_ok(value):
        out.append(" " + _block(value, indent + "  "))
    else:
        out.append(f" {_scalar(value)}\n")


def _mapping(data: dict, indent: str, out: list[str], first_prefix: str | None = None) -> None:
    for n, key in enumerate(sorted(data)):
        if not isinstance(key, str):
            raise TypeError(f"record keys must be strings, not {type(key).__name__}")
        out.append(f"{first_prefix if n == 0 and first_prefix is not None else indent}{_string(key)}:")
        _value(data[key], indent, out)


def _sequence(items: list, indent: str, out: list[str], first_prefix: str | None = None) -> None:
    for n, item in enumerate(items):
        prefix = f"{first_prefix if n == 0 and first_prefix is not None else indent}-"
        if isinstance(item, dict) and item:
            _mapping(item, indent + "  ", out, first_prefix=prefix + " ")
        elif isinstance(item, list) and item:
            _sequence(item, indent + "  ", out, first_prefix=prefix + " ")
        else:
            out.append(prefix)
            _value(item, indent, out)


def dump(record: dict) -> str:
    """One record (a dict) as YAML text."""
    out: list[str] = []
    _mapping(record, "", out)
    return "".join(out) or "{}\n"
