#!/bin/sh
# The whole test suite (the README's test command, and what CI runs):
# installs the host packages and Debian's armhf Xen + dom0 pieces, then builds
# and runs every tier with ctest: host unit tests, builds for both boards,
# guests booted on real Xen 4.17 in QEMU (dom0less and `xl create` from a
# Linux dom0), and the style checks.
#   scripts/test.sh [ctest arguments, e.g. -L host or -R boot.hello]
set -eu
base=$(cd "$(dirname "$0")/.." && pwd)
build=${ERIKA_TEST_BUILD:-$base/build/tests}

"$base/scripts/install_deps.sh"
"$base/scripts/xenrun/fetch_xen.sh"

cmake -GNinja -S "$base/tests" -B "$build" >/dev/null
ninja -C "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
