"""Tests of xenrun's Xen command line for dom0 runs (scripts/xenrun/xen_cmdline.py)
and of its machine options (--cpus): the dom0 part comes from the image's .config
(CONFIG_SDCARD_DOM0_*, the SD card's symbols; Xen's xen-command-line.pandoc
names dom0_mem, dom0_max_vcpus, dom0_vcpus_pin), and bad input is refused with
`FILE:LINE: error: ...` and exit status 2, before QEMU starts.
"""

import os
import subprocess
import tempfile
import unittest

BASE = os.environ.get("ERIKA_BASE", os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                                 "..", "..", "..")))
XENRUN = os.path.join(BASE, "scripts", "xenrun")
PYTHON = "/usr/bin/python3"
CONSOLE = "console=dtuart dtuart=/pl011@9000000 loglvl=all guest_loglvl=all"

# Prints the command line of a dom0 run: config path ("" = none), CPUs, --xen-arg...
DRIVER = """
import sys, types
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from xen_cmdline import xen_cmdline
opts = types.SimpleNamespace(config=sys.argv[2] or None, xen_arg=sys.argv[4:])
print(xen_cmdline(opts, int(sys.argv[3])))
"""

PINNED = """# comment
CONFIG_SDCARD_DOM0_MEM_MIB=128
CONFIG_SDCARD_DOM0_MAX_VCPUS=1
CONFIG_SDCARD_DOM0_VCPUS_PIN=y
"""


class XenCmdline(unittest.TestCase):
    def run_driver(self, text, cpus=2, *xen_args):
        with tempfile.TemporaryDirectory() as tmp:
            path = ""
            if text is not None:
                path = os.path.join(tmp, ".config")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            p = subprocess.run([PYTHON, "-c", DRIVER, XENRUN, path, str(cpus)] + list(xen_args),
                               capture_output=True, text=True, check=False)
            return p.returncode, p.stdout.replace(tmp + "/", "").strip(), p.stderr

    def refused(self, text, cpus, message):
        rc, out, err = self.run_driver(text, cpus)
        self.assertEqual(rc, 2, out + err)
        self.assertEqual(out, "xenrun: " + message)
        self.assertNotIn("Traceback", err)

    def test_without_config_the_old_defaults(self):
        self.assertEqual(self.run_driver(None, 2),
                         (0, f"{CONSOLE} dom0_mem=128M dom0_max_vcpus=1", ""))

    def test_pinned_dom0_from_config_then_xen_args(self):
        rc, out, _ = self.run_driver(PINNED, 3, "sched=credit")
        self.assertEqual((rc, out), (0, f"{CONSOLE} dom0_mem=128M dom0_max_vcpus=1 "
                                        "dom0_vcpus_pin sched=credit"))

    def test_unpinned_and_other_values(self):
        text = (PINNED.replace("PIN=y", "PIN=n").replace("=128", "=256")
                .replace("VCPUS=1", "VCPUS=2"))
        self.assertEqual(self.run_driver(text, 2)[:2],
                         (0, f"{CONSOLE} dom0_mem=256M dom0_max_vcpus=2"))
        text = PINNED.replace("CONFIG_SDCARD_DOM0_VCPUS_PIN=y",
                              "# CONFIG_SDCARD_DOM0_VCPUS_PIN is not set")
        self.assertEqual(self.run_driver(text, 2)[:2],
                         (0, f"{CONSOLE} dom0_mem=128M dom0_max_vcpus=1"))

    def test_more_dom0_vcpus_than_cpus_refused(self):
        self.refused(PINNED.replace("VCPUS=1", "VCPUS=3"), 2,
                     ".config:3: error: CONFIG_SDCARD_DOM0_MAX_VCPUS=3, but the machine has 2 "
                     "CPUs (--cpus): give dom0 fewer vCPUs or the machine more CPUs")

    def test_bad_values_refused(self):
        self.refused(PINNED.replace("VCPUS=1", "VCPUS=one"), 2,
                     ".config:3: error: CONFIG_SDCARD_DOM0_MAX_VCPUS=one: "
                     "must be a number from 1 to 8")
        self.refused(PINNED.replace("=128", "=16"), 2,
                     ".config:2: error: CONFIG_SDCARD_DOM0_MEM_MIB=16: "
                     "must be a number from 32 to 4096")
        self.refused(PINNED.replace("PIN=y", "PIN=m"), 2,
                     ".config:4: error: CONFIG_SDCARD_DOM0_VCPUS_PIN=m: must be y or n")

    def test_missing_symbol_and_foreign_file_refused(self):
        self.refused(PINNED.replace("CONFIG_SDCARD_DOM0_MEM_MIB=128\n", ""), 2,
                     ".config: error: no CONFIG_SDCARD_DOM0_MEM_MIB (not the .config of an ERIKA "
                     "build?)")
        self.refused(PINNED + "dom0_mem=128M\n", 2,
                     ".config:5: error: not a Kconfig line: 'dom0_mem=128M'; regenerate .config")


class MachineOptions(unittest.TestCase):
    """--cpus is checked before any download or QEMU start."""

    def xenrun(self, *args):
        with tempfile.NamedTemporaryFile() as image:
            p = subprocess.run([PYTHON, os.path.join(XENRUN, "xenrun.py"), "dom0less",
                                "--image", image.name] + list(args),
                               capture_output=True, text=True, check=False)
        return p.returncode, p.stdout + p.stderr

    def test_cpus_range(self):
        for bad in ("0", "9", "three"):
            rc, out = self.xenrun("--cpus", bad)
            self.assertEqual(rc, 2, out)
            self.assertIn(f"--cpus: {bad}: the machine has 1 to 8 CPUs", out)
            self.assertNotIn("Traceback", out)

    def test_cpus_with_icount_refused(self):
        rc, out = self.xenrun("--cpus", "3", "--icount", "4")
        self.assertEqual(rc, 2, out)
        self.assertIn("xenrun: error: --cpus and --icount exclude each other", out)


if __name__ == "__main__":
    unittest.main()
