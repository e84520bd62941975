"""The dom0less boot: QEMU virt's own device tree plus a /chosen that makes
Xen start the guest image itself as domU1 (vpl011), and the QEMU command."""
import hashlib
import os
import subprocess

from cache import check_zimage, ensure_xen_cache
from qemu import QEMU, machine_args, qemu_base_args, qemu_escape

XEN_BOOTARGS = "console=dtuart dtuart=/pl011@9000000 loglvl=all guest_loglvl=all"
DOM0LESS_IMAGE_ADDR = 0x50000000


def virt_dts(cache, machine):
    """QEMU virt's own device tree as dts text, dumped once per QEMU version
    and machine (MACHINE_ARGS, or its one-CPU variant)."""
    version = subprocess.run([QEMU, "--version"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[0]
    key = hashlib.sha256((version + " ".join(machine)).encode()).hexdigest()[:12]
    dts = cache / f"virt-{key}.dts"
    if not dts.exists():
        dtb = cache / f"virt-{key}.{os.getpid()}.dtb"    # parallel runs: own file
        option = machine[1] + f",dumpdtb={dtb}"
        subprocess.run([QEMU, "-M", option] + machine[2:] + ["-display", "none"],
                       check=True, capture_output=True)
        text = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", str(dtb)],
                              check=True, capture_output=True, text=True).stdout
        dtb.unlink()
        tmp = dts.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text)
        tmp.replace(dts)
    return dts.read_text()


def dom0less_chosen(image_size, mem_mib, vcpus, xen_args):
    """The /chosen additions: Xen's bootargs and one domU with its kernel module.

    dtc merges this second `/ { chosen { ... } }` into the dumped tree.
    """
    bootargs = " ".join([XEN_BOOTARGS] + xen_args)
    return f"""
/ {{
	chosen {{
		#address-cells = <1>;
		#size-cells = <1>;
		xen,xen-bootargs = "{bootargs}";
		domU1 {{
			compatible = "xen,domain";
			#address-cells = <1>;
			#size-cells = <1>;
			memory = <0 {mem_mib * 1024}>;
			cpus = <{vcpus}>;
			vpl011;
			module@{DOM0LESS_IMAGE_ADDR:x} {{
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <{DOM0LESS_IMAGE_ADDR:#x} {image_size:#x}>;
			}};
		}};
	}};
}};
"""


def compile_dtb(dts_text, out):
    src = out.with_suffix(".dts")
    src.write_text(dts_text)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), str(src)],
                   check=True)
    return out


def cmd_dom0less(opts, work):
    """The QEMU command of a dom0less run (the dtb is written to `work`)."""
    cache = ensure_xen_cache()
    check_zimage(opts.image)
    size = os.path.getsize(opts.image)
    dts = (virt_dts(cache, machine_args(opts))
           + dom0less_chosen(size, opts.mem_mib, opts.vcpus, opts.xen_arg))
    dtb = compile_dtb(dts, work / "dom0less.dtb")
    return qemu_base_args(opts, work) + [
        "-dtb", str(dtb), "-kernel", str(cache / "xen-4.17-armhf"),
        "-device", f"loader,file={qemu_escape(opts.image)},addr={DOM0LESS_IMAGE_ADDR:#x},"
                   "force-raw=on"]
