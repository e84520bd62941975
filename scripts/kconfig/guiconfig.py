#!/usr/bin/python3
"""`ninja guiconfig`: Kconfiglib's graphical configurator, or a clear word on
how to get Tk when this Python has none (Debian ships tkinter separately)."""
import runpy
import sys

try:
    import tkinter  # noqa: F401  (only whether it imports)
except ImportError:
    sys.exit("guiconfig: this needs Tk for Python (tkinter), which is not installed.\n"
             "  Install it with: apt-get install python3-tk\n"
             "  or use the terminal one: ninja menuconfig")
sys.argv[0] = "guiconfig"
runpy.run_module("guiconfig", run_name="__main__")
