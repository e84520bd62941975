"""Tests of scripts/gen_domcfg/gen_domcfg.py, run as the build runs it (a subprocess).

Run with: /usr/bin/python3 -m unittest -v test_gen_domcfg   (from this directory)
Needs dtc and cpp; ERIKA_BASE, DTC and CPP may be set in the environment.

Every error test plants a stale erika.cfg first and checks that it is gone afterwards, that
no temporary file is left, and that the message names the file, the node or CONFIG_ symbol
and the property or value.
"""

import contextlib
import glob
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ERIKA_BASE = Path(os.environ.get("ERIKA_BASE") or Path(__file__).resolve().parents[3])
TOOL = ERIKA_BASE / "scripts" / "gen_domcfg" / "gen_domcfg.py"
GOLDEN = Path(__file__).resolve().parent / "golden"
DTC = os.environ.get("DTC", "dtc")
CPP = os.environ.get("CPP", "cpp")

# A valid Xen guest on top of the real Xen guest description (the one copy of Xen's guest
# memory map); each test adds or changes nodes after it (dtc merges later blocks).
GUEST_DTS = """/dts-v1/;
/include/ "xen-guest-arm32.dtsi"

/ {
	#address-cells = <1>;
	#size-cells = <1>;
	interrupt-parent = <&gic>;

	ram: memory@40000000 {
		device_type = "memory";
		reg = <0x40000000 0x01000000>;
	};

	cpus: cpus {
		#address-cells = <1>;
		#size-cells = <0>;

		cpu0: cpu@0 {
			device_type = "cpu";
			reg = <0>;
		};
	};

	gic: interrupt-controller@3001000 {
		compatible = "arm,cortex-a15-gic";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0x03001000 0x1000>, <0x03002000 0x2000>;
	};

	hypervisor: hypervisor@38000000 {
		compatible = "xen,xen-4.17", "xen,xen";
		reg = <0x38000000 0x01000000>;
		interrupts = <1 15 0xf08>;
	};
};
"""

GOOD_CONFIG = {
    "CONFIG_XEN_DOMAIN_NAME": '"ERIKA_Enterprise"',
    "CONFIG_XEN_IMAGE_NAME": '"A20.bin"',
    "CONFIG_XEN_VCPU_PINNING": '""',
    "CONFIG_XEN_ON_CRASH": '"destroy"',
}

XL_ON_CRASH = ("destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
               "coredump-restart", "soft-reset")


def device(name, reg, extra=""):
    """A passthrough device node at the root."""
    return f"/ {{ {name} {{ reg = <{reg}>; erika,passthrough; {extra} }}; }};\n"


class DomcfgTest(unittest.TestCase):
    """Runs gen_domcfg on devicetrees and configs made in a temporary directory."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.out = self.dir / "erika.cfg"

    def tearDown(self):
        self.tmp.cleanup()

    def dtb(self, extra=""):
        dts = self.dir / "guest.dts"
        dtb = self.dir / "guest.dtb"
        dts.write_text(GUEST_DTS + extra)
        subprocess.run([DTC, "-q", "-@", "-i", ERIKA_BASE / "dts", "-I", "dts", "-O", "dtb",
                        "-o", dtb, dts], check=True)
        return dtb

    def config(self, **changes):
        """The good .config with symbols changed (a value) or dropped (None)."""
        symbols = dict(GOOD_CONFIG)
        symbols.update(changes)
        path = self.dir / ".config"
        path.write_text("".join(f"{k}={v}\n" for k, v in symbols.items() if v is not None))
        return path

    def run_tool(self, dtb, config):
        return subprocess.run([sys.executable, TOOL, "--dtb", dtb, "--config", config,
                               "--output", self.out], capture_output=True, text=True,
                              check=False)

    def generate(self, extra="", **changes):
        """Runs on the guest + extra with a changed config; returns (cfg text, stderr)."""
        result = self.run_tool(self.dtb(extra), self.config(**changes))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.temp_files(), [])
        return self.out.read_text(), result.stderr

    def temp_files(self):
        return [p for p in glob.glob(str(self.dir / "*")) if ".tmp" in p]

    def assert_fails(self, dtb, config, file, where, what, text):
        """Exit 1, `gen_domcfg: <file>: <where>: <what>: ...text...`, no output at all."""
        self.out.write_text("stale output of an earlier build\n")
        result = self.run_tool(dtb, config)
        self.assertEqual(result.returncode, 1, result.stderr)
        message = result.stderr.strip().splitlines()[-1]
        self.assertTrue(message.startswith(f"gen_domcfg: {file}: {where}: {what}: "), message)
        self.assertIn(text, message)
        self.assertNotIn("Traceback", result.stderr)
        self.assertFalse(self.out.exists(), "the stale output must be removed")
        self.assertEqual(self.temp_files(), [])

    def assert_dtb_error(self, extra, where, what, text):
        dtb = self.dtb(extra)
        self.assert_fails(dtb, self.config(), dtb, where, what, text)

    def assert_config_error(self, where, what, text, **changes):
        config = self.config(**changes)
        self.assert_fails(self.dtb(), config, config, where, what, text)


class TestMemory(DomcfgTest):
    def test_size_in_mib(self):
        text, _ = self.generate("&ram { reg = <0x40000000 0x02000000>; };")
        self.assertIn("\nmemory = 32\n", text)

    def test_missing_node(self):
        self.assert_dtb_error("/delete-node/ &ram;", "/", "device_type", "no memory node")

    def test_base_not_guest_ram0(self):
        self.assert_dtb_error("&ram { reg = <0x80000000 0x01000000>; };",
                              "/memory@40000000", "reg", "base 0x80000000 is not Xen's "
                              "GUEST_RAM0_BASE 0x40000000")

    def test_size_not_whole_mib(self):
        self.assert_dtb_error("&ram { reg = <0x40000000 0x01080000>; };",
                              "/memory@40000000", "reg", "not a whole, non-zero number of MiB")

    def test_size_zero(self):
        self.assert_dtb_error("&ram { reg = <0x40000000 0>; };",
                              "/memory@40000000", "reg", "not a whole, non-zero number of MiB")

    def test_size_above_guest_ram0(self):
        self.assert_dtb_error("/ { #size-cells = <2>; };\n"
                              "&ram { reg = <0x40000000 0x0 0xc0100000>; };\n"
                              "&hypervisor { reg = <0x38000000 0x0 0x01000000>; };",
                              "/memory@40000000", "reg", "above Xen's GUEST_RAM0_SIZE")

    def test_two_regions(self):
        self.assert_dtb_error("&ram { reg = <0x40000000 0x100000>, <0x50000000 0x100000>; };",
                              "/memory@40000000", "reg", "2 regions")

    def test_malformed_reg(self):
        self.assert_dtb_error("&ram { reg = <0x40000000 0x100000 0x1>; };",
                              "/memory@40000000", "reg", "is not a non-zero multiple of 8 bytes")


class TestCpus(DomcfgTest):
    def test_no_cpu_nodes(self):
        self.assert_dtb_error("/delete-node/ &cpu0;", "/cpus", "device_type", "no cpu nodes")

    def test_counts_okay_cpu_nodes(self):
        text, _ = self.generate(
            '&cpus { cpu@1 { device_type = "cpu"; reg = <1>; };\n'
            '        cpu@2 { device_type = "cpu"; reg = <2>; status = "disabled"; }; };')
        self.assertIn("\nvcpus = 2\n", text)


class TestPinning(DomcfgTest):
    TWO_CPUS = '&cpus { cpu@1 { device_type = "cpu"; reg = <1>; }; };'

    def test_empty_gives_no_cpus_line(self):
        text, _ = self.generate()
        self.assertNotIn("\ncpus =", text)

    def test_absent_gives_no_cpus_line(self):
        text, _ = self.generate(CONFIG_XEN_VCPU_PINNING=None)
        self.assertNotIn("\ncpus =", text)

    def test_one_number_for_all_vcpus(self):
        text, _ = self.generate(self.TWO_CPUS, CONFIG_XEN_VCPU_PINNING='"1"')
        self.assertIn('\ncpus = "1"\n', text)

    def test_one_range_for_all_vcpus(self):
        text, _ = self.generate(CONFIG_XEN_VCPU_PINNING='"2-3"')
        self.assertIn('\ncpus = "2-3"\n', text)

    def test_one_per_vcpu(self):
        text, _ = self.generate(self.TWO_CPUS, CONFIG_XEN_VCPU_PINNING='"1  2-3"')
        self.assertIn('\nvcpus = 2\ncpus = ["1", "2-3"]\n', text)

    def test_more_entries_than_vcpus(self):
        self.assert_config_error("CONFIG_XEN_VCPU_PINNING", 'value "1 2"',
                                 "2 entries for 1 vCPU(s)", CONFIG_XEN_VCPU_PINNING='"1 2"')

    def test_not_a_cpu_number(self):
        self.assert_config_error("CONFIG_XEN_VCPU_PINNING", 'value "x1"',
                                 "neither a CPU number nor a range",
                                 CONFIG_XEN_VCPU_PINNING='"x1"')

    def test_reversed_range(self):
        self.assert_config_error("CONFIG_XEN_VCPU_PINNING", 'value "3-2"',
                                 '"3-2" is neither a CPU number nor a range a-b with a <= b',
                                 CONFIG_XEN_VCPU_PINNING='"3-2"')


class TestOnCrash(DomcfgTest):
    def test_every_xl_action(self):
        for action in XL_ON_CRASH:
            with self.subTest(action=action):
                text, _ = self.generate(CONFIG_XEN_ON_CRASH=f'"{action}"')
                self.assertTrue(text.endswith(f'\non_crash = "{action}"\n'))

    def test_unknown_action(self):
        self.assert_config_error("CONFIG_XEN_ON_CRASH", 'value "reboot"',
                                 "not an xl on_crash action", CONFIG_XEN_ON_CRASH='"reboot"')


class TestMaxEventChannels(DomcfgTest):
    def test_default_leaves_xl_default(self):
        text, _ = self.generate(CONFIG_XEN_MAX_EVENT_CHANNELS="0")
        self.assertNotIn("max_event_channels", text)

    def test_value_is_written(self):
        text, _ = self.generate(CONFIG_XEN_MAX_EVENT_CHANNELS="2048")
        self.assertIn("\nmax_event_channels = 2048\n", text)

    def test_more_than_the_2_level_abi(self):
        self.assert_config_error("CONFIG_XEN_MAX_EVENT_CHANNELS", 'value "5000"',
                                 "up to 4096", CONFIG_XEN_MAX_EVENT_CHANNELS="5000")


class TestDomainName(DomcfgTest):
    def test_empty(self):
        self.assert_config_error("CONFIG_XEN_DOMAIN_NAME", 'value ""', "non-empty",
                                 CONFIG_XEN_DOMAIN_NAME='""')

    def test_whitespace(self):
        self.assert_config_error("CONFIG_XEN_DOMAIN_NAME", 'value "ERIKA Enterprise"',
                                 "without quotes", CONFIG_XEN_DOMAIN_NAME='"ERIKA Enterprise"')

    def test_quote(self):
        self.assert_config_error("CONFIG_XEN_DOMAIN_NAME", 'value "ERIKA"x"',
                                 "without quotes", CONFIG_XEN_DOMAIN_NAME='"ERIKA\\"x"')


class TestImageName(DomcfgTest):
    def test_path(self):
        self.assert_config_error("CONFIG_XEN_IMAGE_NAME", 'value "boot/A20.bin"',
                                 "plain file name", CONFIG_XEN_IMAGE_NAME='"boot/A20.bin"')

    def test_empty(self):
        self.assert_config_error("CONFIG_XEN_IMAGE_NAME", 'value ""', "plain file name",
                                 CONFIG_XEN_IMAGE_NAME='""')


class TestRequiredSymbols(DomcfgTest):
    def test_each_missing_symbol(self):
        for name in ("CONFIG_XEN_DOMAIN_NAME", "CONFIG_XEN_IMAGE_NAME", "CONFIG_XEN_ON_CRASH"):
            with self.subTest(symbol=name):
                self.assert_config_error(name, "missing", "the symbol is not set",
                                         **{name: None})

    def test_not_set(self):
        config = self.config(CONFIG_XEN_ON_CRASH=None)
        with open(config, "a", encoding="ascii") as f:
            f.write("# CONFIG_XEN_ON_CRASH is not set\n")
        self.assert_fails(self.dtb(), config, config, "CONFIG_XEN_ON_CRASH", "missing",
                          "the symbol is not set")


class TestPassthrough(DomcfgTest):
    def test_no_passthrough_no_iomem(self):
        text, _ = self.generate()
        self.assertNotIn("iomem", text)

    def test_page_aligned_device(self):
        text, err = self.generate(device("gpio@9030000", "0x09030000 0x1000"))
        self.assertIn('\niomem = [ "9030,1" ]\n', text)
        self.assertEqual(err, "")

    def test_rounding_is_noted(self):
        text, err = self.generate(device("pinctrl@1c20800", "0x01c20800 0x400"))
        self.assertIn('\niomem = [ "1c20,1" ]\n', text)
        self.assertIn("/pinctrl@1c20800: reg: note:", err)
        self.assertIn("pages 0x01c20000-0x01c20fff", err)

    def test_region_over_a_page_boundary(self):
        text, _ = self.generate(device("dev@10fff00", "0x010fff00 0x200"))
        self.assertIn('\niomem = [ "10ff,2" ]\n', text)

    def test_adjacent_regions_of_one_device_merge(self):
        text, _ = self.generate(device("dev@1000000", "0x01001000 0x1000 0x01000000 0x1000"))
        self.assertIn('\niomem = [ "1000,2" ]\n', text)

    def test_adjacent_devices_stay_apart(self):
        text, _ = self.generate(device("dev@1000000", "0x01000000 0x1000") +
                                device("dev@1001000", "0x01001000 0x1000"))
        self.assertIn('\niomem = [ "1000,1", "1001,1" ]\n', text)

    def test_shared_page_is_granted_once(self):
        text, _ = self.generate(device("dev@1000000", "0x01000000 0x100") +
                                device("dev@1000800", "0x01000800 0x100"))
        self.assertIn('\niomem = [ "1000,1" ]\n', text)

    def test_sorted_by_address(self):
        text, _ = self.generate(device("gpio@9030000", "0x09030000 0x1000") +
                                device("pinctrl@1c20800", "0x01c20800 0x400"))
        self.assertIn('\niomem = [ "1c20,1", "9030,1" ]\n', text)

    def test_disabled_device_is_not_given(self):
        text, _ = self.generate(device("gpio@9030000", "0x09030000 0x1000",
                                       'status = "disabled";'))
        self.assertNotIn("iomem", text)

    def test_no_reg(self):
        self.assert_dtb_error("/ { dev { erika,passthrough; }; };", "/dev", "reg",
                              "a passthrough device needs reg")

    def test_zero_size(self):
        self.assert_dtb_error(device("dev@1000000", "0x01000000 0"), "/dev@1000000", "reg",
                              "has size 0")

    def test_overlaps_guest_ram(self):
        self.assert_dtb_error(device("dev@40800000", "0x40800000 0x1000"), "/dev@40800000",
                              "reg", "overlap guest RAM (GUEST_RAM0)")

    def test_overlaps_vgic(self):
        self.assert_dtb_error(device("dev@3003800", "0x03003800 0x100"), "/dev@3003800",
                              "reg", "overlap the vGIC")

    def test_overlaps_grant_table_of_xen_node(self):
        # The window is read from the xen,xen node, wherever the board puts it.
        self.assert_dtb_error("&hypervisor { reg = <0x30000000 0x01000000>; };" +
                              device("dev@30ff0000", "0x30ff0000 0x1000"), "/dev@30ff0000",
                              "reg", "overlap the grant-table window")

    def test_overlaps_vpl011_page(self):
        self.assert_dtb_error(device("dev@22000400", "0x22000400 0x100"), "/dev@22000400",
                              "reg", "overlap the vpl011 page")


class TestVuart(DomcfgTest):
    VPL011 = '/ { serial@22000000 { compatible = "arm,sbsa-uart"; reg = <0x22000000 0x1000>; ' \
             'interrupts = <0 0 4>; }; };'

    def test_vpl011_gives_vuart(self):
        text, _ = self.generate(self.VPL011)
        self.assertIn('\nvuart = "sbsa_uart"\n', text)

    def test_no_vpl011_no_vuart(self):
        text, _ = self.generate()
        self.assertNotIn("vuart", text)

    def test_disabled_vpl011_no_vuart(self):
        text, _ = self.generate(
            '/ { serial@22000000 { compatible = "arm,sbsa-uart"; reg = <0x22000000 0x1000>; '
            'status = "disabled"; }; };')
        self.assertNotIn("vuart", text)

    def test_vpl011_elsewhere(self):
        self.assert_dtb_error('/ { serial@9000000 { compatible = "arm,sbsa-uart"; '
                              'reg = <0x09000000 0x1000>; }; };', "/serial@9000000", "reg",
                              "Xen's vpl011 is at GUEST_PL011_BASE 0x22000000")


class TestInputs(DomcfgTest):
    def broken_dtb(self, mangle):
        good = self.dtb().read_bytes()
        path = self.dir / "broken.dtb"
        path.write_bytes(mangle(good))
        return path

    def test_bad_magic(self):
        dtb = self.broken_dtb(lambda b: b"\0\0\0\0" + b[4:])
        self.assert_fails(dtb, self.config(), dtb, "/", "-", "not a valid DTB (bad magic")

    def test_truncated(self):
        dtb = self.broken_dtb(lambda b: b[:len(b) // 2])
        self.assert_fails(dtb, self.config(), dtb, "/", "-", "not a valid DTB")

    def test_every_truncation_is_a_clean_error(self):
        good = self.dtb().read_bytes()
        for size in range(0, len(good), 16):
            with self.subTest(size=size):
                dtb = self.broken_dtb(lambda b, n=size: b[:n])
                self.assert_fails(dtb, self.config(), dtb, "/", "-", "not a valid DTB")

    def test_every_inverted_word_is_handled(self):
        # In-process for speed: a GenError becomes exit 1, any other exception fails here.
        spec = importlib.util.spec_from_file_location("gen_domcfg", TOOL)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        good = self.dtb(device("pinctrl@1c20800", "0x01c20800 0x400")).read_bytes()
        config = self.config()
        for offset in range(0, len(good) - 3, 4):
            with self.subTest(offset=offset):
                word = bytes(b ^ 0xFF for b in good[offset:offset + 4])
                dtb = self.broken_dtb(lambda b, o=offset, w=word: b[:o] + w + b[o + 4:])
                with contextlib.redirect_stderr(io.StringIO()) as err:
                    status = module.main(["--dtb", str(dtb), "--config", str(config),
                                          "--output", str(self.out)])
                self.assertIn(status, (0, 1))
                if status:
                    self.assertTrue(err.getvalue().startswith(f"gen_domcfg: {dtb}: "),
                                    err.getvalue())
                    self.assertFalse(self.out.exists())

    def test_missing_dtb(self):
        dtb = self.dir / "none.dtb"
        self.assert_fails(dtb, self.config(), dtb, "-", "-", "cannot read")

    def test_malformed_config_line(self):
        config = self.config()
        with open(config, "a", encoding="ascii") as f:
            f.write("XEN_ON_CRASH=destroy\n")
        self.assert_fails(self.dtb(), config, config, "line 5", "-", "not a Kconfig line")

    def test_help(self):
        result = subprocess.run([sys.executable, TOOL, "--help"], capture_output=True,
                                text=True, check=False)
        self.assertEqual(result.returncode, 0)
        self.assertIn("--dtb", result.stdout)
        self.assertIn("--output", result.stdout)


class TestAtomicOutput(DomcfgTest):
    def test_replaces_old_output(self):
        self.out.write_text("old\n")
        text, _ = self.generate()
        self.assertTrue(text.startswith("# Generated by scripts/gen_domcfg from guest.dtb "
                                        "and .config: do not edit"))

    def test_usual_permissions(self):
        old = os.umask(0o022)
        try:
            self.generate()
        finally:
            os.umask(old)
        self.assertEqual(self.out.stat().st_mode & 0o777, 0o644)

    def test_no_output_without_a_directory(self):
        self.out = self.dir / "missing" / "erika.cfg"
        result = self.run_tool(self.dtb(), self.config())
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith(f"gen_domcfg: {self.out}: "), result.stderr)
        self.assertNotIn("Traceback", result.stderr)


class TestGolden(DomcfgTest):
    """The exact erika.cfg of each real board, from its dts and its deployment settings."""

    def board_dtb(self, board):
        board_dir = ERIKA_BASE / "boards" / board
        pre = self.dir / f"{board}.pre.dts"
        dtb = self.dir / f"{board}.dtb"
        subprocess.run([CPP, "-nostdinc", "-I", ERIKA_BASE / "dts", "-I",
                        ERIKA_BASE / "include", "-undef", "-x", "assembler-with-cpp",
                        board_dir / f"{board}.dts", "-o", pre], check=True)
        subprocess.run([DTC, "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb, pre], check=True)
        return dtb

    def check_board(self, board):
        config = self.dir / ".config"
        shutil.copy(GOLDEN / f"{board}.config", config)
        result = self.run_tool(self.board_dtb(board), config)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.out.read_text(), (GOLDEN / f"{board}.cfg").read_text())
        return result.stderr

    def test_cubieboard2_xen(self):
        err = self.check_board("cubieboard2_xen")
        # The PIO shares its page with the CCU and the timers: the user is told.
        self.assertIn("/pinctrl@1c20800: reg: note:", err)

    def test_qemu_virt_xen(self):
        err = self.check_board("qemu_virt_xen")
        self.assertEqual(err, "")


class TestXenGuestMap(DomcfgTest):
    """dts/xen-guest-arm32.dtsi is the tree's one copy of Xen's guest memory map; it must be
    the one of Xen's own header (xen/include/public/arch-arm.h, Debian's libxen-dev)."""

    HEADER = Path("/usr/include/xen/arch-arm.h")
    board_dtb = TestGolden.board_dtb

    def xen_value(self, name):
        match = re.search(rf"^#define {name}\s+xen_mk_ullong\((0x[0-9a-fA-F]+)\)",
                          self.HEADER.read_text(encoding="utf-8"), re.MULTILINE)
        self.assertIsNotNone(match, f"{name} not in {self.HEADER}")
        return int(match.group(1), 16)

    def test_dtsi_is_xens_map(self):
        sys.path.insert(0, str(ERIKA_BASE / "scripts" / "dts"))
        from dtmodel import Model, decode, load, xen  # pylint: disable=import-outside-toplevel
        for board in ("qemu_virt_xen", "cubieboard2_xen"):
            with self.subTest(board=board):
                model = Model(load(str(self.board_dtb(board))))
                guest = xen.guest_map(model)
                x = self.xen_value
                self.assertEqual(guest.ram_banks, [(x("GUEST_RAM0_BASE"), x("GUEST_RAM0_SIZE")),
                                                   (x("GUEST_RAM1_BASE"), x("GUEST_RAM1_SIZE"))])
                self.assertEqual(guest.vpl011, (x("GUEST_PL011_BASE"), x("GUEST_PL011_SIZE")))
                self.assertEqual(guest.magic, (x("GUEST_MAGIC_BASE"), x("GUEST_MAGIC_SIZE")))
                self.assertEqual(guest.gnttab, (x("GUEST_GNTTAB_BASE"), x("GUEST_GNTTAB_SIZE")))
                self.assertEqual(decode.regs(model.tree, guest.gic),
                                 [(x("GUEST_GICD_BASE"), x("GUEST_GICD_SIZE")),
                                  (x("GUEST_GICC_BASE"), x("GUEST_GICC_SIZE"))])
                self.assertEqual(model.ram()[0], x("GUEST_RAM0_BASE"))


if __name__ == "__main__":
    unittest.main()
