#!/usr/bin/python3
"""Generate the ERIKA OSEK kernel tables from an OIL file.

    oil_gen.py --config build/.config --output-dir build/oil [--depfile F] app.oil

writes erika_oil.h, erika_oil.c and erika_oil_isr1.txt (the category 1
ISRs, for isr1_check.py) into the output directory (each through a
temporary file and a rename, so a failed run leaves no half file; a file whose
text did not change is left alone, so nothing recompiles). Errors are printed
as `file:line: error: message` and exit with status 1.
"""
import argparse
import os
import sys
import tempfile

# Run by the build: no __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kconfig"))

import dotconfig  # noqa: E402

from oilgen import OilError  # noqa: E402
from oilgen import config, emit, layout, lexer, parser  # noqa: E402


def read_kconfig(path):
    """The .config's symbols, read by scripts/kconfig/dotconfig.py (the one reader)."""
    try:
        return dotconfig.read(path)
    except dotconfig.DotConfigError as e:
        raise OilError(None if e.line is None else f"{e.path}:{e.line}",
                       e.message if e.line is not None else f"{e.path}: {e.message}") from None


def write_atomic(path, text):
    """Write text to path through a rename; keep the file (and its time) if same."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=os.path.basename(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def generate(oil_path, kconfig):
    """(header text, source text, files read) for an OIL file and a .config dict."""
    files = []
    tokens = lexer.tokenize(oil_path, files)
    cfg = config.build(parser.parse(tokens),
                      layout.kconfig_int(kconfig, "CONFIG_OS_DEFAULT_STACK_SIZE"))
    lay = layout.Layout(cfg, kconfig)
    src = os.path.basename(oil_path)
    return emit.header(lay, src), emit.source(lay, src), files, emit.isr1_list(lay)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("oil", help="the application's OIL file")
    ap.add_argument("--config", required=True, help="the build's .config")
    ap.add_argument("--output-dir", required=True)
    ap.add_argument("--depfile", help="write the files read, for the build tool")
    opts = ap.parse_args(argv)
    try:
        kconfig = read_kconfig(opts.config)
        h, c, files, isr1 = generate(opts.oil, kconfig)
    except OilError as e:
        print(e, file=sys.stderr)
        return 1
    os.makedirs(opts.output_dir, exist_ok=True)
    out_h = os.path.join(opts.output_dir, "erika_oil.h")
    write_atomic(out_h, h)
    write_atomic(os.path.join(opts.output_dir, "erika_oil.c"), c)
    write_atomic(os.path.join(opts.output_dir, "erika_oil_isr1.txt"), isr1)
    if opts.depfile:
        deps = " ".join(os.path.abspath(f).replace(" ", "\\ ") for f in files + [opts.config])
        write_atomic(opts.depfile, f"{os.path.abspath(out_h)}: {deps}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
