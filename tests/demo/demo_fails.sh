#!/bin/sh
# scripts/demo.sh must exit non-zero when a Quick Guide step fails, and say
# why. The RTOS here is the hello sample: it never publishes the pin server,
# so the module never connects and the pin steps fail.
#   demo_fails.sh BASE OUT
set -u
base=$1
out=$2
mkdir -p "$out"
rc=0
ERIKA_DEMO_BUILD=$out sh "$base/scripts/demo.sh" --sample "$base/samples/hello" \
	>"$out/demo.out" 2>&1 || rc=$?
cat "$out/demo.out"
passed=0
failed=0
expect() { # expect NAME CONDITION...
	n=$1
	shift
	if "$@"; then
		echo "PASS demo_fails.$n"
		passed=$((passed + 1))
	else
		echo "FAIL demo_fails.$n"
		failed=$((failed + 1))
	fi
}
expect exit_status_nonzero [ "$rc" -ne 0 ]
expect says_failed grep -q "^== The demo FAILED" "$out/demo.out"
expect names_the_step grep -q "ERIKA-TEST FAIL demo.connected" "$out/demo.out"
expect verdict_line grep -q "^xenrun: FAIL: .*pin-server: ready" "$out/demo.out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
