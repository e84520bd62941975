"""Macro names: node tokens (DT_N_S_...) and the mangling of names into C identifiers."""

import re

# Longest node path accepted; also bounds every generated macro name (as libfdt's
# fdt_get_path() into a fixed buffer did in the C generator this replaces).
MAX_PATH_LEN = 1024
# Each '/' of a path becomes "_S_", so a token is at most three times the path.
MAX_NAME_LEN = 3 * MAX_PATH_LEN + 256

_NOT_ALNUM = re.compile(rb"[^A-Za-z0-9]")
_C_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mangle(name):
    """Macro names may only hold [A-Za-z0-9_]: everything else becomes '_' (per byte)."""
    return _NOT_ALNUM.sub(b"_", name.encode("utf-8", "surrogateescape")).decode("ascii")


def mangle_upper(name):
    """As mangle(), and lower case becomes upper case (Kconfig symbol names)."""
    return mangle(name).upper()


def is_c_identifier(name):
    return _C_IDENTIFIER.fullmatch(name) is not None


def check_path(tree, node):
    if len(node.path.encode("utf-8", "surrogateescape")) >= MAX_PATH_LEN:
        raise tree.error("?", "name", "cannot build the path: FDT_ERR_NOSPACE (longer than "
                                      f"{MAX_PATH_LEN - 1}?)")


def node_token(tree, node):
    """"/" -> DT_N, "/cpus/cpu@0" -> DT_N_S_cpus_S_cpu_0."""
    check_path(tree, node)
    if node.parent is None:
        return "DT_N"
    return "DT_N" + "_S_".join([""] + [mangle(part) for part in node.path[1:].split("/")])


def check_name(tree, node, name):
    """A macro name that does not fit is an error, never a silent truncation."""
    if len(name) >= MAX_NAME_LEN:
        raise tree.error(node, "name", "macro name too long")
    return name


def comment_text(text):
    """Text that goes into a comment: nothing that could end the comment or the line."""
    return "".join(c if 0x20 <= ord(c) <= 0x7E and c != "*" else "?" for c in text)


def c_string(text):
    """Bytes as a C string literal; quotes, backslashes and the rest are escaped."""
    out = ['"']
    for byte in text.encode("utf-8", "surrogateescape"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= byte <= 0x7E:
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    out.append('"')
    return "".join(out)
