"""Patterns compiled on first use instead of at import, and a cheap gate for long alternations.

The extractors hold some 300 module-level patterns; compiling them all was ~70 ms of
every build's start, and a small build uses about half of them. ``compile`` returns a
stand-in that compiles its pattern the first time a method is asked for, then keeps the
compiled pattern's bound methods as its own attributes: later calls cost what calls on
a compiled pattern cost. Typed as ``re.Pattern`` so callers and mypy see no difference.
"""

from __future__ import annotations

import re
from typing import cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern  # readable without compiling: patterns are built from other patterns' text
        self._flags = flags

    def __getattr__(self, name: str):  # only reached while the pattern is not compiled yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.flags, self.groups, self.groupindex = compiled.flags, compiled.groups, compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name says "re.compile, later"
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


def initials(alternation: str) -> str:
    r"""The characters an alternation's branches can start with, as a class: "ab|\bc(?:d|e)|\d+" -> "[ac\d]".

    A lookahead on them (``(?=[...])(?:...)``, under the pattern's own flags) only skips positions
    where no branch can match, so the matches are the same; but the engine then passes over most
    words at once instead of entering every branch (under re.I each one is entered in full).
    A branch must start with a letter, a digit or ``\d``, after an optional ``\b``.
    """
    firsts: set[str] = set()
    depth, at_start, escaped, in_class = 0, True, False, False
    i = 0
    while i < len(alternation):
        ch = alternation[i]
        if at_start:
            head = alternation[i + 2 : i + 4] if alternation.startswith("\\b", i) else alternation[i : i + 2]
            if head[:1].isalnum():
                firsts.add(head[0])
            elif head == "\\d":
                firsts.add(head)
            else:
                raise ValueError(f"a branch must start with a letter, digit or \\d: {alternation[i : i + 20]!r}")
            at_start = False
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class or ch == "[":
            in_class = ch != "]"
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            at_start = True
        i += 1
    return "[" + "".join(sorted(firsts)) + "]"


class CaseFolded:
    """A case-insensitive pattern written without capitals, matched faster on ASCII text.

    On ASCII text re.I only pairs each letter with its other case, so the pattern without re.I
    finds the same spans in the lower-cased text, 1.5-3x faster: the engine compares literals
    directly instead of folding each character. The matches found that way are of the
    lower-cased text, so callers read spans, group names or the lower-cased match only.
    Other text goes to the re.I pattern.
    """

    def __init__(self, pattern: str) -> None:
        i = 0
        while i < len(pattern):  # a capital (outside escapes and "(?P<name>") would be matched as lower case
            if pattern[i] == "\\":
                i += 1
            elif pattern.startswith("(?", i) and pattern[i + 2 : i + 3] not in ("P", ":", "=", "!", "<", "#"):
                raise ValueError(f"inline flags change case rules: {pattern[i : i + 8]!r}")
            elif pattern.startswith("(?P", i):
                i += 2
            elif pattern[i].isupper():
                raise ValueError(f"a capital letter in a case-folded pattern: {pattern[i : i + 20]!r}")
            i += 1
        self.pattern = pattern
        self.any_case = compile(pattern, re.I)
        self.lower = compile(pattern)

    def on(self, text: str) -> tuple[re.Pattern[str], str]:
        """The pattern to run on ``text``, and the text to run it on (same length, same positions)."""
        return (self.lower, text.lower()) if text.isascii() else (self.any_case, text)

    def __getattr__(self, name: str):
        """Otherwise it is the re.I pattern (``.search(text)`` reads the text as written, at re.I's pace)."""
        if name.startswith("__") or name in ("any_case", "lower"):
            raise AttributeError(name)
        return getattr(self.any_case, name)
