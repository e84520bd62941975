"""The generated erika_oil.c against the kernel's table types
(kernel/erika/os_cfg_types.h): the guest compiler accepts it, warnings as
errors, for one core and for two (where the core fields and the per-core
idle loops and shared stacks exist only under OS_NUM_CORES > 1).
"""
import os
import shutil
import subprocess
import textwrap
import unittest

import test_cores
from oil_case import HERE, OilCase, kconfig, oil_gen

# The two-core OIL of test_cores (the module, not the class: no second run of its tests).
OIL = textwrap.dedent(test_cores.TwoCoreTables.OIL)
TWO = test_cores.TWO

BASE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GCC = "arm-none-eabi-gcc"     # scripts/install_deps.sh installs it for the guest builds
FLAGS = ["-fsyntax-only", "-std=gnu11", "-ffreestanding", "-mcpu=cortex-a15", "-marm",
         "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes",
         "-Wmissing-prototypes"]


@unittest.skipUnless(shutil.which(GCC), f"{GCC} is not installed (scripts/install_deps.sh)")
class Compiles(OilCase):
    def compile(self, oil_text, defines, **kc):
        """Generate into a directory and compile erika_oil.c with -D defines."""
        out = os.path.join(self.dir, "oil")
        os.makedirs(out, exist_ok=True)
        h, c, _, _ = oil_gen.generate(self.write("app.oil", oil_text), kconfig(**kc))
        self.write("oil/erika_oil.h", h)
        src = self.write("oil/erika_oil.c", c)
        cmd = [GCC] + FLAGS + [f"-D{d}" for d in defines] + [
            "-I", os.path.join(BASE, "kernel", "erika"), "-I", os.path.join(BASE, "include"),
            "-I", out, src]
        return subprocess.run(cmd, capture_output=True, text=True, check=False)

    BASE_DEFINES = ["CONFIG_OS_CLASS_ECC2=1", "CONFIG_OS_STATUS_EXTENDED=1",
                    "CONFIG_OS_EXTENDED_TASKS=1", "CONFIG_OS_TICK_US=1000",
                    "CONFIG_ARCH_STACK_GUARD_PAGES=1"]

    def test_two_cores(self):
        r = self.compile(OIL,
                         self.BASE_DEFINES + ["CONFIG_OS_NUM_CORES=2"], extra=TWO)
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_one_core(self):
        oil = OIL.replace("CPU_ID = 1;", "")
        r = self.compile(oil, self.BASE_DEFINES + ["CONFIG_OS_NUM_CORES=1"])
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_core_count_changed(self):
        # Generated for 2 cores, compiled with 1: erika_oil.h stops the build.
        r = self.compile(OIL,
                         self.BASE_DEFINES + ["CONFIG_OS_NUM_CORES=1"], extra=TWO)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("erika_oil.h was generated for 2 cores (CONFIG_OS_NUM_CORES): the "
                      ".config changed, build again", r.stderr)


if __name__ == "__main__":
    unittest.main()
