#!/bin/sh
# The README's main command: build the sample for the QEMU board, then boot
# Xen 4.17 + a Debian Linux dom0 in QEMU and start the guest with
# `xl create erika.cfg`, as a user does on the board.
#   scripts/demo.sh [dom0less]   dom0less: boot the guest without Linux (faster)
set -eu
base=$(cd "$(dirname "$0")/.." && pwd)
sample=${SAMPLE:-hello}
build=$base/build/demo-$sample

"$base/scripts/install_deps.sh"
"$base/scripts/xenrun/fetch_xen.sh"

cmake -GNinja -S "$base/samples/$sample" -B "$build" -DBOARD=qemu_virt_xen
ninja -C "$build"
if [ "${1:-}" = "dom0less" ]; then
	ninja -C "$build" run
else
	ninja -C "$build" run_xl
fi
