"""Reading the attributes of one OIL object: each read once, typed and
range-checked; an attribute nobody read is an error (finish()).
"""
from . import OilError

_MISSING = object()


class Attrs:
    """The attributes of one object or value block; each may be read once."""

    def __init__(self, what, attrs):
        self.what = what
        self.by_name = {}
        for a in attrs:
            self.by_name.setdefault(a.name, []).append(a)
        self.used = set()

    def fail(self, loc, message):
        raise OilError(loc, f"{self.what}: {message}")

    def all(self, name):
        self.used.add(name)
        return self.by_name.get(name, [])

    def one(self, name, default=_MISSING):
        found = self.all(name)
        if len(found) > 1:
            where = f"line {found[0].loc.line}"
            if found[0].loc.path != found[1].loc.path:
                where += f" of {found[0].loc.path}"
            self.fail(found[1].loc, f"{name} given twice (first at {where})")
        if found:
            return found[0]
        return None if default is _MISSING else default

    def required(self, name, loc):
        a = self.one(name, None)
        if a is None:
            self.fail(loc, f"{name} is missing")
        return a

    def integer(self, attr, lo, hi):
        v = attr.value
        if v.kind != "number" or not isinstance(v.value, int):
            self.fail(attr.loc, f"{attr.name} must be an integer")
        if not lo <= v.value <= hi:
            self.fail(attr.loc, f"{attr.name} = {v.value} is outside {lo}..{hi}")
        return v.value

    def int_or(self, name, default, lo, hi, loc=None):
        a = self.one(name, None)
        if a is None:
            if default is None:
                self.fail(loc, f"{name} is missing")
            return default
        return self.integer(a, lo, hi)

    def word(self, attr, choices):
        v = attr.value
        if v.kind != "name" or v.value not in choices:
            self.fail(attr.loc, f"{attr.name} must be one of {', '.join(choices)}")
        return v.value

    def boolean(self, name, default=False):
        a = self.one(name, None)
        if a is None:
            return default
        return self.word(a, ("TRUE", "FALSE")) == "TRUE"

    def ref(self, attr):
        v = attr.value
        if v.kind != "name" or v.attrs is not None:
            self.fail(attr.loc, f"{attr.name} must name an object")
        return v.value

    def block(self, attr, what):
        return Attrs(f"{self.what}: {what}", attr.value.attrs or [])

    def finish(self):
        for name, found in self.by_name.items():
            if name not in self.used:
                self.fail(found[0].loc, f"unknown attribute {name}")
