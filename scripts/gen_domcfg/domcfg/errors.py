"""The error every problem of the inputs ends up as."""


class GenError(Exception):
    """A problem of the inputs, worded for the person who has to fix them."""

    def __init__(self, file, where, what, message):
        super().__init__(f"gen_domcfg: {file}: {where}: {what}: {message}")
