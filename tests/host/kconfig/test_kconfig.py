"""Tests of scripts/kconfig/kconfig.py on the project's real Kconfig tree, and of
scripts/kconfig/dotconfig.py, the one .config reader of the host tools.

The devicetree step is replaced by a hand-written Kconfig.dts, so each test
states exactly which compatibles the "devicetree" has.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

BASE = os.environ.get("ERIKA_BASE", os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                                 "..", "..", "..")))
KCONFIG_PY = os.path.join(BASE, "scripts", "kconfig", "kconfig.py")
PYTHON = "/usr/bin/python3"
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(BASE, "scripts", "kconfig"))

import dotconfig  # noqa: E402  pylint: disable=wrong-import-position

DTS_WITH_UART = """
config DT_HAS_XEN_XEN_ENABLED
\tdef_bool y
config DT_HAS_ARM_SBSA_UART_ENABLED
\tdef_bool y
"""
DTS_WITHOUT_UART = """
config DT_HAS_XEN_XEN_ENABLED
\tdef_bool y
config DT_HAS_ARM_SBSA_UART_ENABLED
\tdef_bool n
"""


class KconfigMerge(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.dotconfig = os.path.join(self.dir, ".config")
        self.autoconf = os.path.join(self.dir, "autoconf.h")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_kconfig(self, board, fragments, dts=DTS_WITH_UART):
        self.write("Kconfig.dts", dts)
        env = dict(os.environ, ERIKA_BASE=BASE, BOARD=board,
                   BOARD_DIR=os.path.join(BASE, "boards", board), KCONFIG_BINARY_DIR=self.dir)
        defconfig = os.path.join(BASE, "boards", board, f"{board}_defconfig")
        return subprocess.run([PYTHON, KCONFIG_PY, os.path.join(BASE, "Kconfig"),
                               self.dotconfig, self.autoconf, defconfig, *fragments],
                              env=env, capture_output=True, text=True, check=False)

    def config(self):
        with open(self.dotconfig, encoding="utf-8") as f:
            return f.read()

    def test_board_defaults(self):
        result = self.run_kconfig("cubieboard2_xen", [], dts=DTS_WITHOUT_UART)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('CONFIG_XEN_IMAGE_NAME="A20.bin"', self.config())
        self.assertIn('CONFIG_XEN_DOMAIN_NAME="ERIKA_Enterprise"', self.config())
        self.assertIn('CONFIG_XEN_ON_CRASH="destroy"', self.config())
        self.assertIn('CONFIG_CPU="cortex-a7"', self.config())
        with open(self.autoconf, encoding="utf-8") as f:
            self.assertIn('#define CONFIG_XEN_IMAGE_NAME "A20.bin"', f.read())

    def test_later_fragment_wins(self):
        prj = self.write("prj.conf", 'CONFIG_XEN_DOMAIN_NAME="first"\n')
        cmdline = self.write("cmdline.conf", 'CONFIG_XEN_DOMAIN_NAME="rtos2"\n')
        result = self.run_kconfig("qemu_virt_xen", [prj, cmdline])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('CONFIG_XEN_DOMAIN_NAME="rtos2"', self.config())

    def test_unknown_symbol_is_refused(self):
        prj = self.write("prj.conf", "CONFIG_NO_SUCH_OPTION=y\n")
        result = self.run_kconfig("qemu_virt_xen", [prj])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("prj.conf: CONFIG_NO_SUCH_OPTION is not a known option", result.stderr)

    def test_unmet_dependency_is_refused(self):
        # The vpl011 console needs the devicetree node; cubieboard2 has none.
        prj = self.write("prj.conf", "CONFIG_XEN_CONSOLE_VPL011=y\n")
        result = self.run_kconfig("cubieboard2_xen", [prj], dts=DTS_WITHOUT_UART)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("CONFIG_XEN_CONSOLE_VPL011 was set to 'y' but is 'n'", result.stderr)
        self.assertIn("DT_HAS_ARM_SBSA_UART_ENABLED", result.stderr)

    def test_menuconfig_choices_survive_when_inputs_are_unchanged(self):
        prj = self.write("prj.conf", "CONFIG_PRINTK=y\n")
        self.assertEqual(self.run_kconfig("qemu_virt_xen", [prj]).returncode, 0)
        # What menuconfig does: rewrite .config with another choice.
        edited = self.config().replace('CONFIG_XEN_DOMAIN_NAME="ERIKA_Enterprise"',
                                       'CONFIG_XEN_DOMAIN_NAME="chosen_in_menuconfig"')
        self.write(".config", edited)
        self.assertEqual(self.run_kconfig("qemu_virt_xen", [prj]).returncode, 0)
        self.assertIn('CONFIG_XEN_DOMAIN_NAME="chosen_in_menuconfig"', self.config())
        # A changed fragment starts again from the fragments.
        self.write("prj.conf", "CONFIG_PRINTK=y\n# changed\n")
        self.assertEqual(self.run_kconfig("qemu_virt_xen", [prj]).returncode, 0)
        self.assertIn('CONFIG_XEN_DOMAIN_NAME="ERIKA_Enterprise"', self.config())

    def test_failure_leaves_no_output(self):
        prj = self.write("prj.conf", "CONFIG_NO_SUCH_OPTION=y\n")
        self.run_kconfig("qemu_virt_xen", [prj])
        self.assertFalse(os.path.exists(self.dotconfig))
        self.assertFalse(os.path.exists(self.autoconf))


if __name__ == "__main__":
    unittest.main()


class DotConfigReader(unittest.TestCase):
    """dotconfig.read() gives back what Kconfiglib wrote: the value of every symbol, as
    Kconfiglib itself loads the same file."""

    setUp = KconfigMerge.setUp
    tearDown = KconfigMerge.tearDown
    write = KconfigMerge.write
    run_kconfig = KconfigMerge.run_kconfig

    def test_round_trip_with_kconfiglib(self):
        result = self.run_kconfig("qemu_virt_xen", [])
        self.assertEqual(result.returncode, 0, result.stderr)
        # Kconfiglib loads the .config, sets a string that needs escaping, writes the file
        # again and says what every written symbol's value is.
        check = (
            "import json, sys, kconfiglib\n"
            "k = kconfiglib.Kconfig(sys.argv[1], warn=False)\n"
            "k.load_config(sys.argv[2])\n"
            "k.syms['XEN_DOMAIN_NAME'].set_value('a\\\\b\"c')\n"
            "k.write_config(sys.argv[2], header='')\n"
            "print(json.dumps({'CONFIG_' + s.name: s.str_value for s in k.unique_defined_syms"
            " if s.config_string}))\n")
        env = dict(os.environ, ERIKA_BASE=BASE, BOARD="qemu_virt_xen",
                   BOARD_DIR=os.path.join(BASE, "boards", "qemu_virt_xen"),
                   KCONFIG_BINARY_DIR=self.dir)
        loaded = subprocess.run([PYTHON, "-c", check, os.path.join(BASE, "Kconfig"),
                                 self.dotconfig], env=env, capture_output=True, text=True,
                                check=True)
        expected = json.loads(loaded.stdout)
        read = dotconfig.read(self.dotconfig)
        self.assertEqual(read["CONFIG_XEN_DOMAIN_NAME"], 'a\\b"c')
        self.assertEqual(read, expected)

    def test_refuses_a_line_kconfig_does_not_write(self):
        path = self.write(".config", "CONFIG_A=y\n# a comment\n\nXEN_ON_CRASH=destroy\n")
        with self.assertRaises(dotconfig.DotConfigError) as caught:
            dotconfig.read(path)
        self.assertEqual(caught.exception.line, 4)
        self.assertTrue(str(caught.exception).startswith(f"{path}:4: not a Kconfig line"))

    def test_not_set_is_n_and_missing_file_is_an_error(self):
        path = self.write(".config", "# CONFIG_A is not set\nCONFIG_B=0x10\n")
        self.assertEqual(dotconfig.read(path), {"CONFIG_A": "n", "CONFIG_B": "0x10"})
        with self.assertRaises(dotconfig.DotConfigError) as caught:
            dotconfig.read(os.path.join(self.dir, "none"))
        self.assertIsNone(caught.exception.line)

    def test_located_values_name_their_line(self):
        """The line of each value, for the tools' `file:line: error` about a value."""
        path = self.write(".config", "#\n# Menu\n#\nCONFIG_A=\"x y\"\n\n# CONFIG_B is not set\n")
        self.assertEqual(dotconfig.read_located(path),
                         {"CONFIG_A": ("x y", 4), "CONFIG_B": ("n", 6)})
