#!/bin/sh
# Runs every fuzz target of tests/fuzz for a while and reports, per target,
# the executions, the coverage reached and whether anything failed.
#   scripts/fuzz.sh [--seed N] [SECONDS]      (default 60 seconds per target)
# The libFuzzer targets (ASan + UBSan, Debian's clang) report edges covered
# ("cov") and features ("ft"); the Python mutation loop reports lines of the
# tool covered. Each target keeps its growing corpus in
# <build>/fuzz/work/<target> (seeded from tests/fuzz/corpus) between runs; a
# failing input is saved in <build>/fuzz/artifacts. Exit status 1 if any
# target failed. <build> is $ERIKA_TEST_BUILD or build/tests, as for test.sh.
set -eu
base=$(cd "$(dirname "$0")/.." && pwd)
build=${ERIKA_TEST_BUILD:-$base/build/tests}
seconds=60
seed=1

usage() {
	sed -n '2,11s/^# \{0,1\}//p' "$0"
}

while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help)
		usage
		exit 0
		;;
	--seed)
		[ $# -ge 2 ] || { usage >&2; exit 2; }
		seed=$2
		shift 2
		;;
	*[!0-9]* | "")
		echo "fuzz.sh: not a number of seconds: $1" >&2
		usage >&2
		exit 2
		;;
	*)
		seconds=$1
		shift
		;;
	esac
done

"$base/scripts/install_deps.sh"
cmake -GNinja -S "$base/tests" -B "$build" >/dev/null
ninja -C "$build" fuzz_targets

fuzz_dir=$build/fuzz
corpus=$base/tests/fuzz/corpus
mkdir -p "$fuzz_dir/artifacts"
failed=0
summary=""

for target in xs_codec xenstore console_ring pin_ring; do
	work=$fuzz_dir/work/$target
	log=$fuzz_dir/$target.log
	mkdir -p "$work"
	echo "fuzz.sh: $target for $seconds s"
	status=0
	"$fuzz_dir/fuzz_$target" -max_total_time="$seconds" -seed="$seed" -close_fd_mask=3 \
		-print_final_stats=1 -artifact_prefix="$fuzz_dir/artifacts/$target-" \
		"$work" "$corpus/$target" >"$log" 2>&1 || status=$?
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	if [ "$status" -eq 0 ]; then
		result=ok
	else
		result="FAILED (status $status, see $log)"
		failed=1
	fi
	summary="$summary$(printf '%-12s %10s execs  cov %5s edges  ft %6s  corpus %5s  %s' \
		"$target" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")
"
done

for target in oil domcfg dts; do
	log=$fuzz_dir/py_$target.log
	echo "fuzz.sh: py_mutate $target for $seconds s"
	status=0
	/usr/bin/python3 "$base/tests/fuzz/py_mutate.py" "$target" --seconds "$seconds" \
		--seed "$seed" --artifacts "$fuzz_dir/artifacts" >"$log" 2>&1 || status=$?
	line=$(tail -n 1 "$log")
	execs=$(echo "$line" | sed -n 's/.*: \([0-9]*\) execs.*/\1/p')
	lines=$(echo "$line" | sed -n 's/.* \([0-9]*\) lines covered.*/\1/p')
	corp=$(echo "$line" | sed -n 's/.* \([0-9]*\) corpus.*/\1/p')
	if [ "$status" -eq 0 ]; then
		result=ok
	else
		result="FAILED (status $status, see $log)"
		failed=1
	fi
	summary="$summary$(printf '%-12s %10s execs  cov %5s lines                corpus %5s  %s' \
		"py_$target" "${execs:-?}" "${lines:-?}" "${corp:-?}" "$result")
"
done

echo "fuzz.sh: $seconds s per target, seed $seed"
printf '%s' "$summary"
exit $failed
