# `ninja run` boots real Xen in qemu-system-arm with this image (dom0less).
set(BOARD_RUNNER xenrun)
