#!/usr/bin/python3
"""gen_defines: turn the board's flattened devicetree (DTB) into C macros, Kconfig symbols
and the CMake values of the build.

The devicetree is the single source of truth for addresses, interrupts and the domain's
hardware view (DESIGN.md, section 2). This tool is how that truth reaches C code
(devicetree_generated.h, read through include/erika/devicetree.h), Kconfig
(DT_HAS_<COMPAT>_ENABLED symbols) and CMake (devicetree.cmake), so nothing else has to
repeat a number. The DTB is read once into the model of scripts/dts/dtmodel, checked
against the bindings (dts/bindings/*.yaml and the application's), and every output is
generated from that model; gen_domcfg reads the same model.

All outputs are built in memory, written beside their targets and only then renamed: a
reader never sees half a file. On any error every output is removed, so files generated
from an older devicetree cannot be used by mistake.

Error messages name what to fix: "gen_defines: <dtb>: <node path>: <property>: <problem>";
problems with a whole file (unreadable, not a DTB, a bad binding) omit the node and
property.
"""

import argparse
import os
import sys
import tempfile

# The model lives beside this file. The build runs it from the source tree: leave no
# __pycache__ there.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dtmodel import Bindings, DtError, Model, load, validate  # noqa: E402
from dtmodel import cmake_dts, header, kconfig_dts  # noqa: E402

PROG = "gen_defines"
USAGE = (f"{PROG} --dtb FILE --header OUT.h --kconfig OUT.Kconfig [--cmake OUT.cmake]\n"
         "                   [--bindings DIR ...]")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, usage=USAGE,
        description="Writes devicetree_generated.h (node macros read through "
                    "include/erika/devicetree.h), a Kconfig fragment (DT_HAS_<COMPAT>_ENABLED) "
                    "and the CMake values of the build from a DTB compiled with dtc -@.",
        epilog="On error nothing is written and every output is removed; exit status 1.")
    parser.add_argument("--dtb", required=True, help="the board's compiled devicetree")
    parser.add_argument("--header", required=True, help="the C header to write")
    parser.add_argument("--kconfig", required=True, help="the Kconfig fragment to write")
    parser.add_argument("--cmake", help="the CMake file to write (DT_RAM_BASE, DT_RAM_SIZE)")
    parser.add_argument("--bindings", action="append", default=[], metavar="DIR",
                        help="a directory of bindings (<compatible>.yaml); repeat it for "
                             "the project's and the application's; a missing one is skipped")
    return parser.parse_args(argv)


def generate(dtb_name, tree, binding_dirs, note):
    """{output kind: text} for a loaded DTB; raises DtError."""
    model = Model(tree, Bindings(binding_dirs))
    base = os.path.basename(dtb_name)
    texts = {"header": header.generate(model, base, note)}
    validate(model)
    texts["kconfig"] = kconfig_dts.generate(model, base)
    texts["cmake"] = cmake_dts.generate(model, base)
    return texts


def publish(outputs):
    """All files are complete on disk before any is renamed: they appear (almost)
    together. outputs: [(path, text)]."""
    temps = []
    try:
        for path, text in outputs:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)),
                                       prefix=os.path.basename(path) + ".tmp")
            temps.append(tmp)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            # mkstemp() makes the file private; outputs get the usual umask permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        for (path, _), tmp in zip(outputs, temps):
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise OSError(e.errno, e.strerror, path) from e
    finally:
        for tmp in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def main(argv=None):
    args = parse_args(argv)
    outputs = [(args.header, "header"), (args.kconfig, "kconfig")]
    if args.cmake:
        outputs.append((args.cmake, "cmake"))

    def note(text):
        print(f"{PROG}: {text}", file=sys.stderr)

    try:
        texts = generate(args.dtb, load(args.dtb), args.bindings, note)
        publish([(path, texts[kind]) for path, kind in outputs])
        return 0
    except DtError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
    except OSError as e:
        print(f"{PROG}: {e.filename}: cannot write: {e.strerror}", file=sys.stderr)
    # Leave no output that could pass for the result of this devicetree.
    for path, _ in outputs:
        try:
            os.unlink(path)
        except OSError:
            pass  # not there, or not a file we could have written (a directory)
    return 1


if __name__ == "__main__":
    sys.exit(main())
