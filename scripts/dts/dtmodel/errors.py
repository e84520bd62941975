"""The errors of the devicetree model: what to fix, in which file, node and property."""


class DtError(Exception):
    """A problem of the inputs. str() is "<file>: <node path>: <property>: <message>", or
    "<file>: <message>" for a problem of a whole file (node is None)."""

    def __init__(self, file, node, prop, message):
        self.file = str(file)
        self.node = node
        self.prop = prop
        self.message = message
        if node is None:
            text = f"{self.file}: {message}"
        else:
            text = f"{self.file}: {node}: {prop}: {message}"
        super().__init__(text)


class DtbError(DtError):
    """The DTB itself is broken (not a devicetree problem a user would fix in a node)."""

    def __init__(self, file, reason):
        self.reason = reason
        super().__init__(file, None, None, f"not a valid DTB: {reason}")


class DtFileError(DtError):
    """A file cannot be read at all (strerror says why)."""

    def __init__(self, file, strerror):
        self.strerror = strerror
        super().__init__(file, None, None, f"cannot open: {strerror}")
