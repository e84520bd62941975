#!/bin/sh
# The README's main command: the pin server on real Xen in QEMU, as on the
# board. Builds samples/pin_server for the QEMU board and the erika-xen dom0
# module, boots Xen 4.17 + a Debian Linux dom0, runs `xl create erika.cfg`
# with the generated config, loads the module, drives the pin through
# /proc/sys/erika-xen/pin_state and reads the PL061 register from QEMU.
#   scripts/demo.sh           the pin server (Linux dom0 + xl, ~1 min)
#   scripts/demo.sh hello     the hello sample, dom0less (a few seconds)
set -eu
base=$(cd "$(dirname "$0")/.." && pwd)
out=$base/build/demo

"$base/scripts/install_deps.sh"
"$base/scripts/xenrun/fetch_xen.sh"

if [ "${1:-}" = "hello" ]; then
	cmake -GNinja -S "$base/samples/hello" -B "$out/hello" -DBOARD=qemu_virt_xen
	ninja -C "$out/hello" run
	exit 0
fi

echo "== Building the pin server (samples/pin_server) for qemu_virt_xen"
cmake -GNinja -S "$base/samples/pin_server" -B "$out/pin_server" -DBOARD=qemu_virt_xen
ninja -C "$out/pin_server"
echo "== Building the erika-xen dom0 module against the dom0 kernel's headers"
rm -rf "$out/payload"
mkdir -p "$out/payload"
"$base/scripts/xenrun/build_dom0_module.sh" "$base/samples/pin_server/dom0" "$out/payload"
cp "$base/samples/pin_server/demo/running.sh" "$out/payload/"
echo "== Booting Xen + Linux dom0 in QEMU; dom0 runs xl create erika.cfg"
/usr/bin/python3 "$base/scripts/xenrun/xenrun.py" dom0 --quiet --test \
	--image "$out/pin_server/erika.bin" --cfg "$out/pin_server/erika.cfg" \
	--payload-extra "$out/payload" --log "$out/console.log" --timeout 240 \
	--expect "pin-server: ready" | grep -E "^demo:|ERIKA-TEST|pin-server|passed|xenrun: (PASS|FAIL)"
echo "== Whole console: $out/console.log"
