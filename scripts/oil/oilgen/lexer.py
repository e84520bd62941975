"""Tokens of OIL: names, numbers, strings, punctuation; comments skipped.

`#include "file"` (or <file>) is expanded in place, relative to the
including file; every token keeps the file and line it came from.
"""
import os
import re

from . import Loc, OilError

TOKEN_RE = re.compile(r"""
    (?P<space>[ \t\r]+)
  | (?P<newline>\n)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<include>\#include[ \t]*(?:"[^"\n]*"|<[^>\n]*>))
  | (?P<string>"[^"\n]*")
  | (?P<number>0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}=;:,\[\]])
""", re.VERBOSE | re.DOTALL)

MAX_INCLUDE_DEPTH = 16


# Python refuses to convert longer digit strings (sys.get_int_max_str_digits()).
MAX_NUMBER_DIGITS = 64


def number(text, loc):
    """The value of a number token: OIL 2.5 numbers are decimal or 0x hex, no octal."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise OilError(loc, f"number '{text[:16]}...' has more than {MAX_NUMBER_DIGITS} digits")
    if "." in text:
        return float(text)
    if len(text) > 1 and text[0] == "0" and text[1] not in "xX":
        # C would read 010 as octal 8, Python refuses it: neither guess is safe.
        raise OilError(loc, f"number '{text}' has a leading zero (OIL numbers are decimal "
                            "or 0x hexadecimal)")
    return int(text, 0)


class Token:
    __slots__ = ("kind", "value", "loc")

    def __init__(self, kind, value, loc):
        self.kind = kind      # name, number, string, punct, eof
        self.value = value
        self.loc = loc

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r}, {self.loc})"


def tokenize(path, files_read=None, depth=0, text=None):
    """The tokens of path (an eof token last); files_read collects every file opened."""
    if depth > MAX_INCLUDE_DEPTH:
        raise OilError(Loc(path, 1), "#include nested too deeply")
    if text is None:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise OilError(None, f"cannot read {path}: {e.strerror}") from None
        except UnicodeDecodeError:
            raise OilError(Loc(path, 1), "not a UTF-8 text file") from None
    if files_read is not None:
        files_read.append(path)
    tokens = []
    pos, line = 0, 1
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if m is None:
            if text.startswith("/*", pos):
                raise OilError(Loc(path, line), "comment not closed")
            raise OilError(Loc(path, line), f"unexpected character {text[pos]!r}")
        kind = m.lastgroup
        value = m.group(kind)
        loc = Loc(path, line)
        if kind == "include":
            name = value[value.index(value[-1] if value[-1] == '"' else "<") + 1:-1]
            inc = os.path.join(os.path.dirname(path), name)
            if not os.path.isfile(inc):
                raise OilError(loc, f"#include: cannot read {inc}")
            tokens.extend(tokenize(inc, files_read, depth + 1)[:-1])
        elif kind == "string":
            tokens.append(Token("string", value[1:-1], loc))
        elif kind == "number":
            tokens.append(Token("number", number(value, loc), loc))
        elif kind in ("name", "punct"):
            tokens.append(Token(kind, value, loc))
        line += value.count("\n")
        pos = m.end()
    tokens.append(Token("eof", None, Loc(path, line)))
    return tokens
