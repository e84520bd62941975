"""Shared by the unit tests of scripts/oil/oil_gen.py (test_*.py here):
OIL text in a temporary directory, generated with a given .config.

    /usr/bin/python3 -m unittest discover -s tests/kernel/oil -v
"""
import os
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts", "oil"))

import oil_gen  # noqa: E402
from oilgen import OilError  # noqa: E402

KCONFIG = {"CONFIG_ERIKA_KERNEL": "y", "CONFIG_OS_CLASS_ECC2": "y",
           "CONFIG_OS_STATUS_EXTENDED": "y", "CONFIG_OS_DEFAULT_STACK_SIZE": "1024",
           "CONFIG_OS_TICK_US": "1000"}


def kconfig(klass="ECC2", status="EXTENDED", extra=None):
    k = dict(KCONFIG, **(extra or {}))
    del k["CONFIG_OS_CLASS_ECC2"], k["CONFIG_OS_STATUS_EXTENDED"]
    k[f"CONFIG_OS_CLASS_{klass}"] = "y"
    k[f"CONFIG_OS_STATUS_{status}"] = "y"
    return k


def cpu(body):
    """An OIL file: an OS object plus body, inside CPU { }."""
    return "CPU c {\n  OS os { };\n" + textwrap.dedent(body) + "\n};\n"


class OilCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def gen(self, text, **kc):
        """(header, source) for OIL text."""
        h, c, _, _ = oil_gen.generate(self.write("app.oil", text), kconfig(**kc))
        return h, c

    def error(self, text, line, pattern, **kc):
        """Generating text fails at app.oil:line with a message matching pattern."""
        with self.assertRaises(OilError) as cm:
            self.gen(text, **kc)
        e = cm.exception
        self.assertIsNotNone(e.loc, str(e))
        self.assertEqual((os.path.basename(e.loc.path), e.loc.line), ("app.oil", line), str(e))
        self.assertRegex(e.message, pattern)
        self.assertTrue(str(e).startswith(f"{e.loc.path}:{line}: error: "))
        return e
