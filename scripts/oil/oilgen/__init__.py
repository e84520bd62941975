"""OIL (OSEK Implementation Language 2.5 subset) to ERIKA kernel tables.

lexer -> parser (generic object tree) -> model (typed, checked objects)
-> layout (priority levels, ceilings, event bits, stacks) -> emit (C text).
Every error is an OilError naming the file, the line and the object.
"""


class OilError(Exception):
    """An error in the OIL input: printed as `file:line: error: message`."""

    def __init__(self, loc, message):
        super().__init__(message)
        self.loc = loc
        self.message = message

    def __str__(self):
        if self.loc is None:
            return f"error: {self.message}"
        return f"{self.loc}: error: {self.message}"


class Loc:
    """A position in an OIL file."""

    __slots__ = ("path", "line")

    def __init__(self, path, line):
        self.path = path
        self.line = line

    def __str__(self):
        return f"{self.path}:{self.line}"
