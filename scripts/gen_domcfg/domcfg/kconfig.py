"""What Kconfig says about the deployment: its symbols (read by scripts/kconfig/dotconfig.py)
and the checks of their values."""

import os
import re
import sys

from .errors import GenError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "kconfig"))

import dotconfig  # noqa: E402

# The actions xl accepts for on_crash (xl.cfg(5)).
XL_ON_CRASH = ("destroy", "restart", "rename-restart", "preserve",
               "coredump-destroy", "coredump-restart", "soft-reset")

REQUIRED_SYMBOLS = ("CONFIG_XEN_DOMAIN_NAME", "CONFIG_XEN_IMAGE_NAME",
                    "CONFIG_XEN_ON_CRASH")


def parse_config(path):
    """The .config's symbols, read by scripts/kconfig/dotconfig.py (the one reader)."""
    try:
        return dotconfig.read(path)
    except dotconfig.DotConfigError as e:
        if e.line is None:
            raise GenError(path, "-", "-", e.message) from e
        raise GenError(path, f"line {e.line}", "-", e.message) from e


def required(symbols, config, name):
    if name not in symbols or symbols[name] == "n":
        raise GenError(config, name, "missing",
                       "the symbol is not set: define it in Kconfig and set it in the board "
                       "defconfig or prj.conf")
    return symbols[name]


def check_domain_name(config, value):
    if not value or re.search(r'[\s"\'\\]', value) or not value.isprintable():
        raise GenError(config, "CONFIG_XEN_DOMAIN_NAME", f'value "{value}"',
                       "must be a non-empty name without quotes, backslashes or whitespace "
                       '(e.g. "ERIKA_Enterprise")')


def check_image_name(config, value):
    if (not value or "/" in value or value in (".", "..")
            or re.search(r'[\s"\'\\]', value) or not value.isprintable()):
        raise GenError(config, "CONFIG_XEN_IMAGE_NAME", f'value "{value}"',
                       "must be a plain file name (no '/', quotes or whitespace): the image "
                       "sits next to erika.cfg")


def check_on_crash(config, value):
    if value not in XL_ON_CRASH:
        raise GenError(config, "CONFIG_XEN_ON_CRASH", f'value "{value}"',
                       "not an xl on_crash action; use one of " + ", ".join(XL_ON_CRASH))


# The 2-level event channel ABI of an ARM guest: 64-bit words, 64 of them.
MAX_EVENT_CHANNELS = 4096


def parse_max_event_channels(config, value):
    """CONFIG_XEN_MAX_EVENT_CHANNELS as xl's max_event_channels; None for xl's default."""
    if value in ("", "n", "0"):
        return None
    if not re.fullmatch(r"\d+", value) or int(value) > MAX_EVENT_CHANNELS:
        raise GenError(config, "CONFIG_XEN_MAX_EVENT_CHANNELS", f'value "{value}"',
                       f"must be 0 (xl's default) or a port count up to {MAX_EVENT_CHANNELS}")
    return int(value)


def parse_pinning(config, value, vcpus):
    """CONFIG_XEN_VCPU_PINNING as xl's cpus: None, "a" for all vCPUs, or one per vCPU."""
    tokens = value.split()
    where, what = "CONFIG_XEN_VCPU_PINNING", f'value "{value}"'
    if len(tokens) > vcpus:
        raise GenError(config, where, what,
                       f"{len(tokens)} entries for {vcpus} vCPU(s): give one for all "
                       "vCPUs or at most one per vCPU")
    for token in tokens:
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", token)
        if not match or (match.group(2) and int(match.group(1)) > int(match.group(2))):
            raise GenError(config, where, what,
                           f'"{token}" is neither a CPU number nor a range a-b with a <= b')
    if not tokens:
        return None
    if len(tokens) == 1:
        return tokens[0]
    return tokens
