"""The tool's own messages (not console output), and where its files are."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent      # fetch_xen.sh, mk_initramfs.sh


def log(msg):
    """A message of this tool (not console output)."""
    print(f"xenrun: {msg}", flush=True)


def die(msg):
    log(f"error: {msg}")
    sys.exit(2)
