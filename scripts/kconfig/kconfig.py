#!/usr/bin/python3
"""Merge Kconfig fragments into .config and write autoconf.h.

Run by the build at configure time (cmake/kconfig.cmake). The fragments are,
in order: the board's defconfig, the application's prj.conf, EXTRA_CONF_FILE
and (--cmdline) the -DCONFIG_...= values of the cmake line. A later fragment
wins. Values from the cmake line need no quotes: a string symbol's value is
quoted here, since only Kconfig knows the symbol's type.

When the fragments are unchanged since the last run and a .config exists,
that .config is the starting point instead: what the user chose in
menuconfig survives the next build, as in Zephyr.
"""

import argparse
import hashlib
import os
import sys

import kconfiglib


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kconfig_root", help="the root Kconfig file")
    parser.add_argument("dotconfig", help=".config to write")
    parser.add_argument("autoconf", help="autoconf.h to write")
    parser.add_argument("fragments", nargs="+", help="configuration fragments, in order")
    parser.add_argument("--cmdline", help="CONFIG_X=value lines from the cmake line, applied last")
    return parser.parse_args()


def quote_cmdline(kconf, src, dst):
    """Copy the cmake-line assignments, quoting the values of string symbols."""
    with open(src, encoding="utf-8") as inp, open(dst, "w", encoding="utf-8") as out:
        for line in inp:
            name, sep, value = line.strip().partition("=")
            sym = kconf.syms.get(name[len("CONFIG_"):]) if sep else None
            if sym is not None and sym.type == kconfiglib.STRING and not value.startswith('"'):
                value = '"' + kconfiglib.escape(value) + '"'
            out.write(f"{name}={value}\n" if sep else line)


def fragments_digest(paths):
    """A digest of the fragments' names and contents: did any input change?"""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode() + b"\0")
        with open(path, "rb") as fragment:
            digest.update(fragment.read())
    return digest.hexdigest()


def assignments(path):
    """The (symbol name, value) pairs a fragment assigns, for the check after merging."""
    pairs = []
    with open(path, encoding="utf-8") as fragment:
        for line in fragment:
            line = line.strip()
            if line.startswith("CONFIG_") and "=" in line:
                name, value = line[len("CONFIG_"):].split("=", 1)
                pairs.append((name, value.strip('"')))
            elif line.startswith("# CONFIG_") and line.endswith(" is not set"):
                pairs.append((line[len("# CONFIG_"):-len(" is not set")], "n"))
    return pairs


def check_assignments(kconf, paths):
    """Refuse assignments that did not take effect (unmet dependency, typo).

    Only the last assignment of a symbol counts: a later fragment may override.
    """
    last = {}
    for path in paths:
        for name, wanted in assignments(path):
            last[name] = (path, wanted)
    errors = []
    for name, (path, wanted) in last.items():
        sym = kconf.syms.get(name)
        if sym is None or not sym.nodes:
            errors.append(f"{path}: CONFIG_{name} is not a known option")
        elif sym.str_value != wanted:
            deps = kconfiglib.expr_str(sym.direct_dep)
            errors.append(f"{path}: CONFIG_{name} was set to '{wanted}' but is "
                          f"'{sym.str_value}' (depends on: {deps})")
    return errors


def write_text(path, text):
    with open(path, "w", encoding="utf-8") as out:
        out.write(text + "\n")


def write_atomically(path, write):
    """Write through a temporary file so a failed run leaves no half-written output."""
    tmp = path + ".tmp"
    write(tmp)
    os.replace(tmp, path)


def main():
    args = parse_args()
    try:
        kconf = kconfiglib.Kconfig(args.kconfig_root, warn_to_stderr=False)
    except kconfiglib.KconfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    # A later fragment overriding an earlier one is the point of fragments.
    kconf.warn_assign_override = False
    kconf.warn_assign_redun = False
    fragments = list(args.fragments)
    if args.cmdline:
        quoted = args.dotconfig + ".cmdline"
        quote_cmdline(kconf, args.cmdline, quoted)
        fragments.append(quoted)
    digest_path = args.dotconfig + ".inputs"
    digest = fragments_digest(fragments)
    previous = None
    if os.path.exists(digest_path) and os.path.exists(args.dotconfig):
        with open(digest_path, encoding="utf-8") as old:
            previous = old.read().strip()

    if previous == digest:
        print(f"-- Kconfig: keeping {args.dotconfig} (inputs unchanged)")
        kconf.load_config(args.dotconfig)
    else:
        for i, fragment in enumerate(fragments):
            print(f"-- Kconfig: merging {fragment}")
            kconf.load_config(fragment, replace=(i == 0))
        errors = check_assignments(kconf, fragments)
        if errors:
            for error in errors:
                print(f"error: {error}", file=sys.stderr)
            return 1

    for warning in kconf.warnings:
        print(f"error: Kconfig: {warning}", file=sys.stderr)
    if kconf.warnings:
        return 1

    write_atomically(args.dotconfig, lambda tmp: kconf.write_config(tmp, save_old=False))
    write_atomically(args.autoconf, kconf.write_autoconf)
    write_atomically(digest_path, lambda tmp: write_text(tmp, digest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
