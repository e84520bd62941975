"""Reading guest-physical memory from outside the guest, through QEMU's monitor.

A test that drives a device from inside the guest (the pin server's GPIO) checks
the result here, where the guest cannot lie: QEMU's own view of the register.
A hook in dom0 prints

    XENRUN-MONITOR-CHECK <name> <address> <mask> <value>

and xenrun reads the 32-bit word at <address> (QEMU's `xp`) and reports
`ERIKA-TEST PASS <name>` if (word & mask) == value, else FAIL with the word.
The hook must leave the device alone for a moment after printing the line.
"""

import re
import socket
import time

RE_CHECK = re.compile(r"^XENRUN-MONITOR-CHECK (\S+) (0x[0-9a-fA-F]+) (0x[0-9a-fA-F]+) "
                      r"(0x[0-9a-fA-F]+)\s*$")
RE_XP = re.compile(r"^[0-9a-fA-F]+:\s+0x([0-9a-fA-F]+)", re.MULTILINE)


class Monitor:
    """A QEMU human monitor on a unix socket; connects on first use."""

    def __init__(self, path):
        self.path = path
        self.sock = None

    def _connect(self):
        deadline = time.monotonic() + 5
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(str(self.path))
                break
            except OSError:
                self.sock.close()
                self.sock = None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.sock.settimeout(5)
        self._read_until_prompt()     # the banner

    def _read_until_prompt(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("QEMU monitor closed")
            data += chunk
        return data.decode("utf-8", errors="replace")

    def read_word(self, address):
        """The 32-bit word at guest-physical `address` (an int)."""
        if self.sock is None:
            self._connect()
        self.sock.sendall(f"xp /1wx {address:#x}\n".encode())
        reply = self._read_until_prompt()
        m = RE_XP.search(reply)
        if not m:
            raise OSError(f"unexpected monitor reply: {reply!r}")
        return int(m.group(1), 16)

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def run_check(monitor, line):
    """The test line for a XENRUN-MONITOR-CHECK line, or None if it is not one."""
    m = RE_CHECK.match(line.strip())
    if not m:
        return None
    name = m.group(1)
    address, mask, value = (int(m.group(i), 16) for i in (2, 3, 4))
    try:
        word = monitor.read_word(address)
    except OSError as err:
        return f"ERIKA-TEST FAIL {name} monitor: {err}"
    if word & mask == value:
        return f"ERIKA-TEST PASS {name}"
    return (f"ERIKA-TEST FAIL {name} word at {address:#x} is {word:#010x}: "
            f"& {mask:#x} = {word & mask:#x}, expected {value:#x}")
