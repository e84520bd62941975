"""The SD card boot: QEMU starts Debian's qemu_arm U-Boot (-bios) with the
card image (`ninja sdcard`) as a virtio disk and nothing else: U-Boot runs the
card's boot.scr, which starts Xen, whose dom0 (the card's initramfs) creates
the RTOS domain from the card's erika.cfg and leaves a shell on the console.

--script FILE: the checks of a test. FILE goes on a second small disk (ext4,
label XENRUN) and one line typed into dom0's shell, once the card's init says
it is ready, mounts that disk and runs it. --check-bootargs: the Xen command
line in the card's boot.cmd must be the one Xen reports (`xl info`'s
xen_commandline, which the script prints) and dom0 must get its dom0_mem.
"""
import re
import subprocess

from cache import cache_dir
from qemu import qemu_base_args, qemu_escape
from util import die, log

SECTOR = 512
SCRIPT_LABEL = "XENRUN"
# The card's /init (scripts/sdcard/dom0_init.sh) prints this before the shell.
CARD_READY = r"^erika-card: ready"
TYPED = (f"mkdir -p /xenrun && mount -r $(findfs LABEL={SCRIPT_LABEL}) /xenrun && "
         "sh /xenrun/run.sh")


def tool(cmd, **kwargs):
    """Run an e2fsprogs tool; a missing one is named."""
    try:
        return subprocess.run(cmd, check=False, **kwargs)
    except FileNotFoundError:
        die(f"{cmd[0]} not found: install e2fsprogs (scripts/install_deps.sh does)")
        raise   # not reached: die() exits


def uboot_bios(build):
    path = cache_dir() / "sdcard" / "u-boot" / build / "u-boot.bin"
    if not path.exists():
        die(f"{path}: missing (scripts/sdcard/fetch_boot.sh fetches Debian's U-Boot; "
            f"is '{build}' a QEMU build of U-Boot?)")
    return path


def partition1_offset(image):
    """Byte offset of MBR partition 1 of the card image."""
    with open(image, "rb") as f:
        mbr = f.read(SECTOR)
    if len(mbr) < SECTOR or mbr[510:512] != b"\x55\xaa":
        die(f"{image}: no MBR partition table (build it with `ninja sdcard`)")
    start = int.from_bytes(mbr[446 + 8:446 + 12], "little")
    if start == 0:
        die(f"{image}: partition 1 is empty")
    return start * SECTOR


def card_file(image, name):
    """A file of the card's ext4 partition 1, read with debugfs (e2fsprogs)."""
    spec = f"{image}?offset={partition1_offset(image)}"
    proc = tool(["debugfs", "-R", f"cat /{name}", spec], capture_output=True, text=True)
    if proc.returncode or not proc.stdout:
        die(f"{image}: cannot read /{name} from partition 1: {proc.stderr.strip()}")
    return proc.stdout


def bootargs_expectations(image):
    """--expect regexes: Xen runs with the card's xen,xen-bootargs, and gives
    dom0 the dom0_mem they name."""
    m = re.search(r'xen,xen-bootargs "([^"]*)"', card_file(image, "boot.cmd"))
    if not m:
        die(f"{image}: the card's boot.cmd sets no xen,xen-bootargs")
    args = m.group(1)
    log(f"the card's Xen command line: {args}")
    expects = [r"^xen_commandline\s*: " + re.escape(args) + r"\s*$"]
    mem = re.search(r"\bdom0_mem=(\d+)M\b", args)
    if mem:
        expects.append(rf"^\(XEN\) Allocating 1:1 mappings totalling {mem.group(1)}MB for dom0")
    return expects


def script_disk(script, work):
    """The test's checks as run.sh on a small ext4 disk labelled XENRUN."""
    root = work / "script"
    root.mkdir()
    (root / "run.sh").write_bytes(open(script, "rb").read())
    disk = work / "script.ext4"
    proc = tool(["mke2fs", "-q", "-F", "-t", "ext4", "-L", SCRIPT_LABEL, "-E", "root_owner=0:0",
                 "-d", str(root), str(disk), "4M"], capture_output=True, text=True)
    if proc.returncode:
        die(f"mke2fs: cannot make the script disk: {proc.stderr.strip()}")
    return disk


def machine_with_memory(args, mem_mib):
    i = args.index("-m")
    return args[:i + 1] + [str(mem_mib)] + args[i + 2:]


def cmd_sdcard(opts, work):
    """The QEMU command of a card boot (the script disk goes to `work`)."""
    if opts.xen_arg:
        die("--xen-arg: the card's boot.cmd holds Xen's command line (ninja menuconfig, "
            "menu \"SD card\")")
    if opts.check_bootargs:
        opts.expect += bootargs_expectations(opts.image)
    args = machine_with_memory(qemu_base_args(opts, work), opts.mem_mib)
    args += ["-nic", "none", "-bios", str(uboot_bios(opts.uboot))]
    # U-Boot boots from virtio 0 only, which is the virtio device created
    # last (QEMU fills virt's virtio-mmio slots from the top): the script disk
    # comes first. dom0 finds both by their labels.
    if opts.script:
        disk = script_disk(opts.script, work)
        args += ["-drive", f"if=none,file={qemu_escape(disk)},format=raw,id=xenrun,readonly=on",
                 "-device", "virtio-blk-device,drive=xenrun"]
    # snapshot: dom0 mounts the card read-write; the built image stays as built.
    args += ["-drive", f"if=none,file={qemu_escape(opts.image)},format=raw,id=card,snapshot=on",
             "-device", "virtio-blk-device,drive=card"]
    return args
