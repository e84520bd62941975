"""Reading a DTB with libfdt (Debian: python3-libfdt) into a tree of Node objects.

The whole blob is checked by libfdt's fdt_check_full() before anything else reads it,
after the header has been judged here: Debian's libfdt 1.6.1 reads out of bounds in
fdt_check_full() on a header claiming version 2..15 (found by fuzzing).
"""

import struct

import libfdt

from .errors import DtbError, DtError, DtFileError

# A board DTB is a few KiB; refusing huge inputs keeps a wrong --dtb argument harmless.
MAX_DTB_SIZE = 16 << 20
FDT_MAGIC = 0xD00DFEED
FDT_V17_SIZE = 40
# Version 16 is the oldest whose layout libfdt's checks handle; dtc writes 17.
MIN_DTB_VERSION = 16

# dtc -@ bookkeeping, not hardware: /__symbols__ is read for labels, the rest ignored.
OVERLAY_NODES = ("__symbols__", "__fixups__", "__local_fixups__")


def is_printable(ch):
    return 0x20 <= ch <= 0x7E


class Node:
    """One node: name, path, parent, children and its properties (name -> bytes, in the
    DTB's order)."""

    __slots__ = ("name", "path", "parent", "children", "props", "index", "offset")

    def __init__(self, name, parent, index, offset):
        self.name = name
        self.offset = offset  # in the blob, for libfdt's own lookups
        self.parent = parent
        self.children = []
        self.props = {}
        self.index = index  # tree order, to sort and compare nodes
        if parent is None:
            self.path = "/"
        elif parent.parent is None:
            self.path = "/" + name
        else:
            self.path = parent.path + "/" + name

    def is_single_string(self, prop):
        """"text" in DTS: printable, NUL-terminated, nothing after the NUL, not empty."""
        v = self.props.get(prop)
        return (v is not None and len(v) >= 2 and v[-1] == 0
                and all(is_printable(c) for c in v[:-1]))

    def string(self, prop):
        """The property as one string, or None when absent or not one string."""
        return self.props[prop][:-1].decode("ascii") if self.is_single_string(prop) else None

    def is_string_list(self, prop):
        """"a", "b" in DTS: non-empty printable strings, each NUL-terminated."""
        v = self.props.get(prop)
        if v is None or len(v) < 2 or v[0] == 0 or v[-1] != 0:
            return False
        return all(is_printable(c) for c in v[:-1].replace(b"\0", b" ")) \
            and b"\0\0" not in v

    def strings(self, prop):
        """The property as a list of strings, empty when absent or not a string list."""
        return self.props[prop][:-1].decode("ascii").split("\0") \
            if self.is_string_list(prop) else []

    def has_string(self, prop, value):
        """Whether a (possibly unchecked) string list holds value."""
        v = self.props.get(prop)
        return v is not None and value.encode() in v.split(b"\0")[:-1 if v.endswith(b"\0")
                                                                 else None]

    def prop_is(self, prop, value):
        return self.props.get(prop) == value.encode() + b"\0"

    def okay(self):
        """No status means okay; Linux also accepts "ok", so a board file written for it
        works."""
        return ("status" not in self.props or self.prop_is("status", "okay")
                or self.prop_is("status", "ok"))

    def u32(self, prop):
        """A one-cell property's value, or None."""
        v = self.props.get(prop)
        return struct.unpack(">I", v)[0] if v is not None and len(v) == 4 else None

    def walk(self):
        """This node and all below it, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Tree:
    """The nodes of one DTB: the root, every node in tree order, and phandles."""

    def __init__(self, name, fdt, nodes):
        self.name = name
        self.fdt = fdt
        self.root = nodes[0]
        self.nodes = nodes
        self.by_offset = {node.offset: node for node in nodes}
        self.by_phandle = {}
        for node in nodes:
            for prop in ("phandle", "linux,phandle"):
                value = node.u32(prop)
                # 0 and 0xffffffff are no phandles (libfdt refuses them too).
                if value not in (None, 0, 0xFFFFFFFF):
                    self.by_phandle.setdefault(value, node)

    def error(self, node, prop, message):
        """A DtError naming this DTB and the node (a Node, a path or None for "?")."""
        path = node.path if isinstance(node, Node) else (node or "?")
        return DtError(self.name, path, prop, message)

    def path_node(self, path):
        """The node at path as libfdt finds it ("name" also matches "name@unit"), or None."""
        try:
            offset = self.fdt.path_offset(path, libfdt.QUIET_ALL)
        except UnicodeError:
            return None
        return self.by_offset.get(offset)


def check_header(name, blob):
    if len(blob) < FDT_V17_SIZE or struct.unpack_from(">I", blob, 0)[0] != FDT_MAGIC:
        raise DtbError(name, "bad magic (FDT_ERR_BADMAGIC)")
    version, last_comp = struct.unpack_from(">II", blob, 20)
    if version < MIN_DTB_VERSION or last_comp > 17:
        raise DtbError(name, f"header version {version} (last compatible {last_comp}); "
                             "only versions 16 and 17 are read")
    err = libfdt.fdt_check_full(blob, len(blob))
    if err:
        raise DtbError(name, libfdt.fdt_strerror(err))


def read_property(name, blob, offset):
    """(name, value) of the property at offset in the structure block, read here with
    bounds checks: Debian's libfdt 1.6.1 lets fdt_check_full() pass a length of 0xffffffff
    and pylibfdt then crashes the interpreter on it (found by tests/host/dts/dtb_corrupt.py)."""
    off_struct, off_strings = struct.unpack_from(">II", blob, 8)
    size_strings, size_struct = struct.unpack_from(">II", blob, 32)
    start = off_struct + offset
    end = off_struct + size_struct
    if start + 12 > end:
        raise DtbError(name, f"property at offset {offset} lies outside the structure block")
    length, nameoff = struct.unpack_from(">II", blob, start + 4)
    if length > end - start - 12:
        raise DtbError(name, f"property at offset {offset}: length {length} runs past the "
                             "structure block")
    strings_end = off_strings + size_strings
    stop = blob.find(b"\0", off_strings + nameoff, strings_end) \
        if nameoff < size_strings else -1
    if stop < 0:
        raise DtbError(name, f"property at offset {offset}: name offset {nameoff} outside "
                             "the strings block")
    try:
        pname = bytes(blob[off_strings + nameoff:stop]).decode("utf-8")
    except UnicodeDecodeError as e:
        raise DtbError(name, f"property name at offset {offset} is not text") from e
    return pname, bytes(blob[start + 12:start + 12 + length])


def build_tree(name, blob):
    """The Node tree of a checked blob; the overlay bookkeeping nodes are kept (labels are
    read from /__symbols__) but marked by their names."""
    fdt = libfdt.FdtRo(blob)
    quiet = libfdt.QUIET_ALL
    nodes = []
    stack = []
    offset, depth = 0, 0
    while offset >= 0 and depth >= 0:
        parent = stack[depth - 1] if depth > 0 else None
        try:
            node = Node(fdt.get_name(offset) if depth else "", parent, len(nodes), offset)
        except UnicodeDecodeError as e:
            raise DtbError(name, f"node name at offset {offset} is not text") from e
        if parent is not None:
            parent.children.append(node)
        del stack[depth:]
        stack.append(node)
        nodes.append(node)
        prop = fdt.first_property_offset(offset, quiet)
        while prop >= 0:
            pname, value = read_property(name, blob, prop)
            node.props[pname] = value
            prop = fdt.next_property_offset(prop, quiet)
        offset, depth = fdt.next_node(offset, depth, quiet)
    if offset < 0 and offset != -libfdt.FDT_ERR_NOTFOUND:
        raise DtbError(name, libfdt.fdt_strerror(offset))
    return Tree(name, fdt, nodes)


def load(name):
    """Reads and fully checks the DTB file name; returns its Tree. Raises DtError."""
    try:
        with open(name, "rb") as f:
            blob = f.read(MAX_DTB_SIZE + 1)
    except OSError as e:
        raise DtFileError(name, e.strerror) from e
    if len(blob) > MAX_DTB_SIZE:
        raise DtError(name, None, None, f"cannot read (or larger than {MAX_DTB_SIZE} bytes)")
    return parse(name, blob)


def parse(name, blob):
    """The Tree of a DTB held in memory; name is what messages call it."""
    blob = bytearray(blob)
    check_header(name, blob)
    return build_tree(name, blob)
