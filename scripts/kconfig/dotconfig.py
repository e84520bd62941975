"""The one reader of a .config for the host tools (scripts/oil/oil_gen.py,
scripts/gen_domcfg): `CONFIG_X=value` lines and `# CONFIG_X is not set` (value "n").

Kconfiglib writes the file (scripts/kconfig/kconfig.py); this reads it back without the
Kconfig tree, which the tools do not have: a string's quotes and escapes are undone
(kconfiglib.escape() in reverse), other values are kept as written. Any other line that is
not a comment is refused, since the file is generated: it names the file and the line.
"""

import re

_UNSET = re.compile(r"# (CONFIG_\w+) is not set")
_ASSIGN = re.compile(r"(CONFIG_\w+)=(.*)")


class DotConfigError(Exception):
    """A .config that cannot be read (line is None) or has a line that is not Kconfig's."""

    def __init__(self, path, line, message):
        self.path = str(path)
        self.line = line
        self.message = message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")


def unquote(value):
    """A Kconfig string value: "..." with \\ and \" escaped; anything else as it is."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return re.sub(r'\\(.)', r'\1', value[1:-1])
    return value


def read_located(path):
    """{"CONFIG_X": (value, line)} of a .config file, the line for messages about a value;
    raises DotConfigError."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise DotConfigError(path, None, f"cannot read: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise DotConfigError(path, None, f"cannot read: not UTF-8 ({e.reason})") from e
    symbols = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        unset = _UNSET.fullmatch(line)
        assign = _ASSIGN.fullmatch(line)
        if unset:
            symbols[unset.group(1)] = ("n", number)
        elif assign:
            symbols[assign.group(1)] = (unquote(assign.group(2)), number)
        elif line and not line.startswith("#"):
            raise DotConfigError(path, number,
                                 f"not a Kconfig line: {line!r}; regenerate .config")
    return symbols


def read(path):
    """{"CONFIG_X": value} of a .config file; raises DotConfigError."""
    return {name: value for name, (value, _) in read_located(path).items()}
