"""The host's side: QEMU and dtc installed, the Xen cache of fetch_xen.sh
filled, and the guest image checked to be an ARM zImage."""
import os
import shutil
import struct
import subprocess
from pathlib import Path

from util import HERE, die, log

ZIMAGE_MAGIC = 0x016F2818


def cache_dir():
    """The cache of fetch_xen.sh (same rule as scripts/xenrun/lib.sh)."""
    if os.environ.get("ERIKA_XEN_CACHE"):
        return Path(os.environ["ERIKA_XEN_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "erika-xen"


def ensure_host_tools():
    """Install QEMU and dtc from Debian when missing (fresh CI machine)."""
    wanted = {"qemu-system-arm": "qemu-system-arm", "dtc": "device-tree-compiler"}
    missing = [pkg for tool, pkg in wanted.items() if shutil.which(tool) is None]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    log(f"installing {' '.join(missing)}")
    # A broken index (security mirror mid-sync) must not stop us; the
    # install fails loudly if the packages really are unavailable.
    subprocess.run(sudo + ["apt-get", "update", "-q"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
                   + missing, check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def ensure_xen_cache():
    """Run fetch_xen.sh (instant when its stamp is there) and return the cache."""
    subprocess.run([str(HERE / "fetch_xen.sh")], check=True)
    return cache_dir()


def check_zimage(image):
    """Refuse files without the ARM zImage header (magic at 0x24)."""
    with open(image, "rb") as f:
        head = f.read(0x30)
    if len(head) < 0x30:
        die(f"{image}: too short for an ARM zImage")
    magic, start, end = struct.unpack_from("<III", head, 0x24)
    if magic != ZIMAGE_MAGIC:
        die(f"{image}: no ARM zImage magic at offset 0x24")
    return start, end
