#!/bin/sh
# The kernel's guest tests with the host's cores busy: no check may depend on
# how fast the host runs the guest (under TCG the guest's clock is the
# host's). Runs `stress-ng --cpu N` (N: the host's cores) in the background,
# the boot.kernel.* tests of an existing test build, then stops stress-ng.
#   tests/kernel/load_check.sh [build dir, default build/tests] [ctest args]
set -eu
base=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${ERIKA_TEST_BUILD:-$base/build/tests}}
[ $# -gt 0 ] && shift
command -v stress-ng >/dev/null || { echo "load_check: stress-ng missing (scripts/install_deps.sh)" >&2; exit 1; }
stress-ng --cpu "$(nproc)" --quiet &
load=$!
trap 'kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true' EXIT INT TERM
sleep 2
ctest --test-dir "$build" --output-on-failure -R 'boot\.kernel\.' "$@"
