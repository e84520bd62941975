#!/bin/sh
# The test suite with the host's cores busy: no check may depend on how fast
# the host runs the guests (under TCG without -icount a guest's clock is the
# host's). Keeps every core busy with `stress-ng --cpu N` while
# scripts/test.sh runs, then stops it; the suite's exit status is this one's.
#   scripts/load_check.sh [ctest arguments, e.g. -R boot.kernel]
set -eu
case "${1:-}" in
-h | --help)
	sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
esac
base=$(cd "$(dirname "$0")/.." && pwd)
"$base/scripts/install_deps.sh"
cores=$(nproc)
echo "load_check: stress-ng --cpu $cores runs during the whole suite"
stress-ng --cpu "$cores" --quiet &
load=$!
trap 'kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM HUP
sleep 1
"$base/scripts/test.sh" "$@"
