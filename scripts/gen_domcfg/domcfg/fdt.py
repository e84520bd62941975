"""A reader of flattened devicetrees (DTB, version 17), enough for gen_domcfg.

The format is small and fixed, so it is parsed here and the tool needs nothing beyond the
Python standard library. Every offset is checked against the blob: a broken structure
raises DtbError.
"""

import struct

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class DtbError(Exception):
    """The DTB itself is broken: not a devicetree problem a user would fix in a node."""


class Node:
    """One devicetree node: its path, properties (raw bytes) and children."""

    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []
        if parent is None:
            self.path = "/"
        elif parent.parent is None:
            self.path = "/" + name
        else:
            self.path = parent.path + "/" + name

    def string(self, name):
        """The property as one string, or None if absent or not a string."""
        value = self.props.get(name)
        if value is None or len(value) < 1 or value[-1] != 0 or 0 in value[:-1]:
            return None
        try:
            return value[:-1].decode("ascii")
        except UnicodeDecodeError:
            return None

    def strings(self, name):
        """The property as a list of strings (compatible), empty if absent or not strings."""
        value = self.props.get(name)
        if not value or value[-1] != 0:
            return []
        try:
            return value[:-1].decode("ascii").split("\0")
        except UnicodeDecodeError:
            return []

    def okay(self):
        """No status means okay; Linux also accepts "ok"."""
        return "status" not in self.props or self.string("status") in ("okay", "ok")

    def walk(self):
        """This node and all below it, in tree order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def read_u32(blob, offset):
    if offset + 4 > len(blob):
        raise DtbError(f"truncated at offset {offset}")
    return struct.unpack_from(">I", blob, offset)[0]


def read_cstring(blob, offset, end):
    """A NUL-terminated string that must end before `end`."""
    stop = blob.find(b"\0", offset, end)
    if stop < 0:
        raise DtbError(f"unterminated string at offset {offset}")
    return blob[offset:stop]


def align4(offset):
    return (offset + 3) & ~3


def check_header(blob):
    """Returns (struct start, struct end, strings start, strings end)."""
    if len(blob) < 40:
        raise DtbError("shorter than the 40-byte header")
    (magic, totalsize, off_struct, off_strings, _off_rsvmap, version, last_comp,
     _boot_cpu, size_strings, size_struct) = struct.unpack_from(">10I", blob, 0)
    if magic != FDT_MAGIC:
        raise DtbError(f"bad magic 0x{magic:08x}")
    if version < 17 or last_comp > 17:
        raise DtbError(f"unsupported version {version} (last compatible {last_comp})")
    if totalsize > len(blob):
        raise DtbError(f"header says {totalsize} bytes, the file has {len(blob)}")
    if off_struct + size_struct > totalsize or off_strings + size_strings > totalsize:
        raise DtbError("a block lies beyond the end of the blob")
    return off_struct, off_struct + size_struct, off_strings, off_strings + size_strings


def parse_prop(blob, offset, end, strings, strings_end, node):
    """Reads one FDT_PROP body at offset; returns the offset after it."""
    length = read_u32(blob, offset)
    nameoff = read_u32(blob, offset + 4)
    data = offset + 8
    if data + length > end or strings + nameoff >= strings_end:
        raise DtbError(f"property at offset {offset} lies outside its block")
    name = read_cstring(blob, strings + nameoff, strings_end).decode("ascii", "replace")
    node.props[name] = bytes(blob[data:data + length])
    return align4(data + length)


def parse_dtb(blob):
    """Builds the node tree of a DTB; raises DtbError if the structure is broken."""
    offset, end, strings, strings_end = check_header(blob)
    root = None
    node = None
    while offset < end:
        token = read_u32(blob, offset)
        offset += 4
        if token == FDT_BEGIN_NODE:
            name = read_cstring(blob, offset, end)
            offset = align4(offset + len(name) + 1)
            if node is None and root is not None:
                raise DtbError("a second root node")
            child = Node(name.decode("ascii", "replace"), node)
            if node is None:
                root = child
            else:
                node.children.append(child)
            node = child
        elif token == FDT_END_NODE:
            if node is None:
                raise DtbError("unbalanced end of node")
            node = node.parent
        elif token == FDT_PROP:
            if node is None:
                raise DtbError("property outside any node")
            offset = parse_prop(blob, offset, end, strings, strings_end, node)
        elif token == FDT_END:
            if node is not None or root is None:
                raise DtbError("the structure ends inside a node")
            return root
        elif token != FDT_NOP:
            raise DtbError(f"unknown token 0x{token:x} at offset {offset - 4}")
    raise DtbError("no end token")
