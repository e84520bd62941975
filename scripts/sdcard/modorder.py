#!/usr/bin/python3
"""Print the insmod order of kernel modules: each after the modules it needs.

Usage: modorder.py MODULE_TREE NAME...

MODULE_TREE is an extracted /lib/modules/<release>/kernel (or its parent);
NAMEs are module names (with - or _). A module's needs are the `depends=`
field of its .modinfo section (what modpost recorded); Debian's package has
no modules.dep, and busybox's insmod does not resolve anything itself.
Exits 1 naming a module that is not in the tree.
"""
import os
import sys


def norm(name):
    return name.replace("-", "_")


def index(tree):
    """Module name (normalised) -> path of its .ko."""
    found = {}
    for root, _, files in os.walk(tree):
        for f in files:
            if f.endswith(".ko"):
                found.setdefault(norm(f[:-3]), os.path.join(root, f))
    return found


def depends(path):
    with open(path, "rb") as f:
        data = f.read()
    for field in data.split(b"\0"):
        if field.startswith(b"depends="):
            return [d for d in field[len(b"depends="):].decode().split(",") if d]
    return []


def order(tree, names):
    modules = index(tree)
    result, seen = [], set()

    def visit(name, chain):
        key = norm(name)
        if key in seen:
            return
        if key not in modules:
            raise LookupError(f"module {name} not found in {tree}" +
                              (f" (needed by {chain[-1]})" if chain else ""))
        if key in chain:
            raise LookupError(f"dependency loop through {name}")
        for dep in depends(modules[key]):
            visit(dep, chain + [key])
        seen.add(key)
        result.append(os.path.basename(modules[key])[:-3])

    for name in names:
        visit(name, [])
    return result


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        for name in order(argv[1], argv[2:]):
            print(name)
    except (LookupError, OSError) as e:
        print(f"modorder: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
