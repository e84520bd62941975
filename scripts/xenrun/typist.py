"""Typing into the serial console, as a user at the board does: once a line
matching AFTER has appeared and the console then shows a shell prompt, one
line of text is sent to QEMU's serial input (Xen passes it on to dom0).

One short line (under Xen's 128-byte serial input ring), sent once: QEMU's
PL011 only takes characters as its FIFO drains, so none is lost on the way.
"""
import re

# busybox ash's prompt ("/ # ", "~ # "), possibly followed by its cursor
# position query ESC [ 6 n.
RE_PROMPT = re.compile(r"# (\x1b\[6n)?$")
MAX_LINE = 120


class Typist:
    def __init__(self, after, text):
        if len(text) > MAX_LINE or "\n" in text:
            raise ValueError(f"one line of at most {MAX_LINE} characters to type")
        self.after = re.compile(after)
        self.text = text
        self.armed = False
        self.sent = False

    def poll(self, lines, partial):
        """Bytes to type now, or None: `lines` are the new complete lines,
        `partial` the console's unfinished last line (where a prompt sits)."""
        if self.sent:
            return None
        if not self.armed and any(self.after.search(line) for line in lines):
            self.armed = True
        if self.armed and RE_PROMPT.search(partial):
            self.sent = True
            return (self.text + "\n").encode()
        return None
