"""Tests of scripts/sdcard/gen_bootcmd.py: the boot.cmd it writes (U-Boot's
ext4load/fdt/bootz commands, Xen's command line as xen-command-line.pandoc
names the options) and the settings it refuses, each with the message a user
sees (`.config:<line>: error: CONFIG_X=<value>: ...`) and no boot.cmd left.
"""

import os
import subprocess
import tempfile
import unittest

BASE = os.environ.get("ERIKA_BASE", os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                                 "..", "..", "..")))
GEN = os.path.join(BASE, "scripts", "sdcard", "gen_bootcmd.py")
PYTHON = "/usr/bin/python3"
MIB = 1 << 20

# The RTOS domain's view: 16 MiB of RAM at Xen's GUEST_RAM0_BASE, on top of the Xen guest
# description (which holds Xen's guest memory map, checked by gen_domcfg).
DTS = """/dts-v1/;
/include/ "xen-guest-arm32.dtsi"
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x1000000>;
	};
};
"""

QEMU = {
    "CONFIG_SDCARD_UBOOT": '"qemu_arm"',
    "CONFIG_SDCARD_DOM0_DTB": '""',
    "CONFIG_SDCARD_RAM_BASE": "0x40000000",
    "CONFIG_SDCARD_RAM_MIB": "512",
    "CONFIG_SDCARD_UBOOT_TOP_MIB": "48",
    "CONFIG_SDCARD_XEN_DTUART": '"/pl011@9000000"',
    "CONFIG_SDCARD_FDT_ADDR": "0x47000000",
    "CONFIG_SDCARD_FDT_ROOM_MIB": "16",
    "CONFIG_SDCARD_XEN_ADDR": "0x48000000",
    "CONFIG_SDCARD_XEN_ROOM_MIB": "32",
    "CONFIG_SDCARD_DOM0_ADDR": "0x4a000000",
    "CONFIG_SDCARD_DOM0_ROOM_MIB": "64",
    "CONFIG_SDCARD_INITRD_ADDR": "0x4e000000",
    "CONFIG_SDCARD_INITRD_ROOM_MIB": "32",
    "CONFIG_SDCARD_DOM0_MEM_MIB": "128",
    "CONFIG_SDCARD_DOM0_MAX_VCPUS": "1",
    "CONFIG_SDCARD_DOM0_VCPUS_PIN": "y",
    "CONFIG_SDCARD_XEN_EXTRA_BOOTARGS": '""',
    "CONFIG_SDCARD_DOM0_BOOTARGS": '"console=hvc0 earlycon=xenboot quiet"',
}
PART = "${devtype} ${devnum}:${distro_bootpart}"


class GenBootCmd(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        dts = self.path("dom.dts")
        with open(dts, "w", encoding="utf-8") as f:
            f.write(DTS)
        self.dtb = self.path("dom.dtb")
        subprocess.run(["dtc", "-q", "-i", os.path.join(BASE, "dts"), "-I", "dts", "-O", "dtb",
                        "-o", self.dtb, dts], check=True)
        self.out = self.path("boot.cmd")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def file_of(self, name, size):
        path = self.path(name)
        with open(path, "wb") as f:
            f.truncate(size)
        return path

    def run_gen(self, changes=None, files=(), unset=()):
        symbols = dict(QEMU, **(changes or {}))
        config = self.path(".config")
        with open(config, "w", encoding="utf-8") as f:
            f.write("# comment line\n")
            for name, value in symbols.items():
                if name in unset:
                    f.write(f"# {name} is not set\n")
                else:
                    f.write(f"{name}={value}\n")
        args = [PYTHON, GEN, "--config", config, "--dtb", self.dtb, "--output", self.out]
        for key, path in files:
            args += ["--file", f"{key}={path}"]
        return subprocess.run(args, capture_output=True, text=True, check=False)

    def assert_refused(self, proc, symbol, message):
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertRegex(proc.stderr, r"\.config:\d+: error: " + symbol + "=")
        self.assertIn(message, proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        self.assertFalse(os.path.exists(self.out), "a refused run left boot.cmd")

    def lines(self):
        with open(self.out, encoding="ascii") as f:
            return f.read().splitlines()

    def test_qemu_moves_uboot_fdt_and_boots_xen(self):
        proc = self.run_gen()
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = self.lines()
        order = [f"ext4load {PART} 0x48000000 /xen",
                 f"ext4load {PART} 0x4a000000 /vmlinuz",
                 "setenv dom0_size ${filesize}",
                 f"ext4load {PART} 0x4e000000 /initrd.gz",
                 "setenv initrd_size ${filesize}",
                 "fdt addr ${fdtcontroladdr}",
                 "fdt move ${fdtcontroladdr} 0x47000000 0x1000000",
                 "fdt resize 8192",
                 'fdt set /chosen xen,xen-bootargs "console=dtuart dtuart=/pl011@9000000 '
                 'dom0_mem=128M dom0_max_vcpus=1 dom0_vcpus_pin"',
                 "fdt mknode /chosen module@0",
                 'fdt set /chosen/module@0 compatible "xen,linux-zimage" "xen,multiboot-module"',
                 "fdt set /chosen/module@0 reg <0x4a000000 0x${dom0_size}>",
                 'fdt set /chosen/module@0 bootargs "console=hvc0 earlycon=xenboot quiet"',
                 "fdt mknode /chosen module@1",
                 'fdt set /chosen/module@1 compatible "xen,linux-initrd" "xen,multiboot-module"',
                 "fdt set /chosen/module@1 reg <0x4e000000 0x${initrd_size}>",
                 "bootz 0x48000000 - 0x47000000"]
        positions = [lines.index(line) for line in order]
        self.assertEqual(positions, sorted(positions), "boot.cmd's commands out of order")

    def test_board_dtb_loaded_from_card(self):
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_DTB": '"sun7i-a20-cubieboard2.dtb"',
                             "CONFIG_SDCARD_XEN_EXTRA_BOOTARGS": '"loglvl=all"',
                             "CONFIG_SDCARD_DOM0_VCPUS_PIN": "n"})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = self.lines()
        self.assertIn(f"ext4load {PART} 0x47000000 /sun7i-a20-cubieboard2.dtb", lines)
        self.assertIn("fdt addr 0x47000000", lines)
        self.assertNotIn("fdt addr ${fdtcontroladdr}", lines)
        self.assertIn('fdt set /chosen xen,xen-bootargs "console=dtuart dtuart=/pl011@9000000 '
                      'dom0_mem=128M dom0_max_vcpus=1 loglvl=all"', lines)

    def test_refuses_dom0_mem_beyond_ram(self):
        # 500 MiB + the domain's 16 MiB > 512 MiB.
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_MEM_MIB": "500"})
        self.assert_refused(proc, "CONFIG_SDCARD_DOM0_MEM_MIB",
                            "dom0_mem 500 MiB + the RTOS domain's 16 MiB")

    def test_fits_exactly(self):
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_MEM_MIB": "496"})
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_refuses_overlap(self):
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_ADDR": "0x49000000"})
        self.assert_refused(proc, "CONFIG_SDCARD_DOM0_ADDR",
                            "overlaps Xen's 0x48000000-0x4a000000 (CONFIG_SDCARD_XEN_ADDR")

    def test_refuses_address_outside_ram(self):
        proc = self.run_gen({"CONFIG_SDCARD_INITRD_ADDR": "0x5f000000"})
        self.assert_refused(proc, "CONFIG_SDCARD_INITRD_ADDR", "is not inside the board's RAM")
        proc = self.run_gen({"CONFIG_SDCARD_FDT_ADDR": "0x3f000000"})
        self.assert_refused(proc, "CONFIG_SDCARD_FDT_ADDR", "is not inside the board's RAM")

    def test_refuses_area_in_uboots_top(self):
        # 0x5c000000 + 32 MiB reaches past 0x5d000000, the start of U-Boot's 48 MiB.
        proc = self.run_gen({"CONFIG_SDCARD_INITRD_ADDR": "0x5c000000"})
        self.assert_refused(proc, "CONFIG_SDCARD_INITRD_ADDR",
                            "reaches into 0x5d000000-0x60000000, which U-Boot keeps for itself")
        proc = self.run_gen({"CONFIG_SDCARD_INITRD_ADDR": "0x5b000000"})
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_refuses_unaligned_address(self):
        proc = self.run_gen({"CONFIG_SDCARD_XEN_ADDR": "0x48000100"})
        self.assert_refused(proc, "CONFIG_SDCARD_XEN_ADDR", "4 KiB aligned")

    def test_refuses_quote_in_bootargs(self):
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_BOOTARGS": '"console=hvc0\\" ; reset"'})
        self.assert_refused(proc, "CONFIG_SDCARD_DOM0_BOOTARGS", "between double quotes")

    def test_refuses_unset_address(self):
        proc = self.run_gen(unset=("CONFIG_SDCARD_XEN_ADDR",))
        self.assert_refused(proc, "CONFIG_SDCARD_XEN_ADDR", "must be set")

    def test_refuses_file_larger_than_its_room(self):
        big = self.file_of("vmlinuz", 64 * MIB + 1)
        proc = self.run_gen(files=[("dom0", big)])
        self.assert_refused(proc, "CONFIG_SDCARD_DOM0_ROOM_MIB", "does not fit its room of 64 MiB")
        fits = self.file_of("vmlinuz2", 64 * MIB)
        proc = self.run_gen(files=[("dom0", fits)])
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_refuses_dtb_name(self):
        proc = self.run_gen({"CONFIG_SDCARD_DOM0_DTB": '"../x.dtb"'})
        self.assert_refused(proc, "CONFIG_SDCARD_DOM0_DTB", "a file name ending in .dtb")


if __name__ == "__main__":
    unittest.main()
