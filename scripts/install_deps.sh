#!/bin/sh
# Install the Debian 12 host packages that the build, the demo and the tests
# need, on a fresh machine too (a minimal `debootstrap --variant=minbase`
# root: scripts/fresh_check.sh proves it). Idempotent: when everything is
# installed already it does nothing (no apt-get update). Root runs apt-get
# directly; anyone else through sudo.
#
# --no-install-recommends keeps the install small, so every package that a
# step needs is named here, Recommends included.
set -eu

case "${1:-}" in
-h | --help)
	echo "usage: scripts/install_deps.sh"
	echo "Installs the Debian 12 packages listed in this script (apt-get, as root or via sudo)."
	exit 0
	;;
esac

# One line per need: what uses the packages, then the packages.
PACKAGES=$(sed -n 's/^[[:space:]]*[a-z0-9 ]*:[[:space:]]*//p' <<'EOF'
build:           cmake ninja-build make
guest compiler:  gcc-arm-none-eabi
devicetree:      device-tree-compiler python3-libfdt python3-yaml
kconfig:         python3 python3-kconfiglib
xen headers:     libxen-dev
host tests:      gcc libc6-dev
dom0 module:     gcc-arm-linux-gnueabihf perl
dom0 programs:   libc6-dev-armhf-cross
initramfs:       cpio gzip
the board:       qemu-system-arm
style:           clang-format cppcheck
fuzzing:         clang-14 libclang-rt-14-dev
sd card:         u-boot-tools fdisk e2fsprogs
benchmarks:      gnuplot-nox
load check:      stress-ng
EOF
)
# What needs what, where it is not obvious:
# - make, perl: the dom0 module's kbuild; W=1 runs scripts/kernel-doc, which
#   needs Pod::Usage from Debian's perl (perl-base has no Pod modules).
# - libc6-dev-armhf-cross: the armhf libc headers for the dom0 test programs
#   (tests/dom0, tests/pin_server/system); only a Recommends of the compiler.
# - python3-libfdt, python3-yaml: the devicetree model (scripts/dts/dtmodel) that
#   gen_defines.py and gen_domcfg.py read the DTB through (libfdt) and the bindings
#   of dts/bindings/*.yaml it checks the DTB against (PyYAML with libyaml).
# - qemu-system-arm runs with -nic none: no NIC, so no ipxe-qemu ROM needed.
# - clang-14, libclang-rt-14-dev: libFuzzer and the sanitizer runtimes for
#   the fuzz targets of tests/fuzz (the short fuzz tests, scripts/fuzz.sh).
# - u-boot-tools (mkimage, dumpimage), fdisk (sfdisk), e2fsprogs (mke2fs -d,
#   debugfs): `ninja sdcard` (scripts/sdcard/) and its tests (tests/sdcard/).
# - gnuplot-nox: scripts/bench.sh's PNG plots (its pngcairo terminal).
# - stress-ng: scripts/load_check.sh keeps the host's cores busy while
#   the guest tests run, to show that none depends on host load.

missing=""
for pkg in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $pkg"
	fi
done
if [ -z "$missing" ]; then
	echo "install_deps: all host packages present"
	exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install_deps: installing$missing"
$sudo apt-get update -q || echo "install_deps: apt-get update reported errors; trying anyway"
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
	-o DPkg::Lock::Timeout=600 $missing
