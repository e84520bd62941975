#!/bin/sh
# Install the Debian 12 host packages the build and the tests need. Idempotent:
# when everything is installed already it does nothing (no apt-get update).
# Root runs apt-get directly; anyone else through sudo.
set -eu

PACKAGES="
cmake ninja-build gcc-arm-none-eabi device-tree-compiler libfdt-dev
python3-kconfiglib libxen-dev qemu-system-arm cpio gcc-arm-linux-gnueabihf
clang-format cppcheck gcc libc6-dev
u-boot-tools fdisk e2fsprogs
"
# u-boot-tools (mkimage, dumpimage), fdisk (sfdisk), e2fsprogs (mke2fs -d,
# debugfs): `ninja sdcard` (scripts/sdcard/) and its tests (tests/sdcard/).

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
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
