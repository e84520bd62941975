"""OIL syntax to a generic tree of objects and attributes.

    file      := { "OIL_VERSION" "=" STRING [":" STRING] ";"
                 | "IMPLEMENTATION" NAME "{" ... "}" ";"     (skipped)
                 | "CPU" NAME "{" { object } "}" [":" STRING] ";" }
    object    := KIND NAME [ "{" { attribute } "}" ] [":" STRING] ";"
    attribute := NAME "=" value [":" STRING] ";"
    value     := (NAME | NUMBER | STRING) [ "{" { attribute } "}" ]

Descriptions (": "text"") are accepted and dropped. What the attributes mean
is the model's business (model.py).
"""
from . import OilError


class Value:
    __slots__ = ("kind", "value", "attrs", "loc")

    def __init__(self, kind, value, attrs, loc):
        self.kind = kind      # name, number, string
        self.value = value
        self.attrs = attrs    # list of Attr, or None without a { } block
        self.loc = loc


class Attr:
    __slots__ = ("name", "value", "loc")

    def __init__(self, name, value, loc):
        self.name = name
        self.value = value
        self.loc = loc


class Obj:
    __slots__ = ("kind", "name", "attrs", "loc")

    def __init__(self, kind, name, attrs, loc):
        self.kind = kind
        self.name = name
        self.attrs = attrs
        self.loc = loc


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def next(self):
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def fail(self, tok, what):
        found = "end of file" if tok.kind == "eof" else repr(str(tok.value))
        raise OilError(tok.loc, f"expected {what}, found {found}")

    def expect(self, kind, value=None, what=None):
        tok = self.next()
        if tok.kind != kind or (value is not None and tok.value != value):
            self.fail(tok, what or (repr(value) if value else kind))
        return tok

    def accept(self, value):
        tok = self.peek()
        if tok.kind == "punct" and tok.value == value:
            self.pos += 1
            return True
        return False

    def description(self):
        if self.accept(":"):
            self.expect("string", what="a description string after ':'")

    def end(self, what):
        self.description()
        tok = self.next()
        if tok.kind != "punct" or tok.value != ";":
            self.fail(tok, f"';' after {what}")

    def skip_block(self):
        """Skip a balanced { ... } (the IMPLEMENTATION part)."""
        open_tok = self.expect("punct", "{")
        depth = 1
        while depth:
            tok = self.next()
            if tok.kind == "eof":
                raise OilError(open_tok.loc, "'{' not closed")
            if tok.kind == "punct" and tok.value in "{}":
                depth += 1 if tok.value == "{" else -1

    def attributes(self):
        """{ attribute } up to and including the closing brace."""
        attrs = []
        while not self.accept("}"):
            name = self.expect("name", what="an attribute name or '}'")
            self.expect("punct", "=", what=f"'=' after {name.value}")
            attrs.append(Attr(name.value, self.value(), name.loc))
            self.end(f"attribute {name.value}")
        return attrs

    def value(self):
        tok = self.next()
        if tok.kind not in ("name", "number", "string"):
            self.fail(tok, "a value")
        attrs = self.attributes() if self.accept("{") else None
        return Value(tok.kind, tok.value, attrs, tok.loc)

    def objects(self):
        objs = []
        while not self.accept("}"):
            kind = self.expect("name", what="an object (TASK, ALARM, ...) or '}'")
            name = self.expect("name", what=f"the name of the {kind.value}")
            attrs = self.attributes() if self.accept("{") else []
            self.end(f"{kind.value} {name.value}")
            objs.append(Obj(kind.value, name.value, attrs, kind.loc))
        return objs

    def parse(self):
        objs = []
        cpus = 0
        while self.peek().kind != "eof":
            tok = self.expect("name", what="OIL_VERSION, IMPLEMENTATION or CPU")
            if tok.value == "OIL_VERSION":
                self.expect("punct", "=")
                self.expect("string", what="the OIL version string")
                self.end("OIL_VERSION")
            elif tok.value == "IMPLEMENTATION":
                self.expect("name", what="the implementation's name")
                self.skip_block()
                self.end("IMPLEMENTATION")
            elif tok.value == "CPU":
                cpus += 1
                if cpus > 1:
                    raise OilError(tok.loc, "a second CPU: one CPU object per application")
                name = self.expect("name", what="the CPU's name")
                self.expect("punct", "{")
                objs.extend(self.objects())
                if not objs:
                    # Found by fuzzing (issue 15): the error had no file:line.
                    raise OilError(tok.loc, f"CPU {name.value}: no OS object")
                self.end("CPU")
            else:
                raise OilError(tok.loc, f"expected OIL_VERSION, IMPLEMENTATION or CPU, "
                                        f"found {tok.value!r}")
        if cpus == 0:
            raise OilError(self.peek().loc, "no CPU object: the OS objects go inside CPU <name> { }")
        return objs


def parse(tokens):
    """The objects inside the CPU block of a token list."""
    return Parser(tokens).parse()
