# shellcheck shell=sh
# Helpers of the dom0 tests of the erika-xen module and the pin server
# (hostile_guest/, restart/, tests/pinning, and tests/dom0 through its
# hooks' checks.sh), sourced by their xenrun hooks: busybox sh, cwd = the
# payload's extra/ directory, which holds erika-xen.ko and pin_io (not for
# tests/dom0, which drives pin_state with the shell, nor for tests/pinning,
# which uses only pass, fail, check and wait_for). The sourcing script sets
# PREFIX (the test names' prefix, e.g. "pin_hostile"). sh has no local
# variables: the helpers' own start with an underscore, so they never clobber
# the caller's.
# shellcheck disable=SC2034 # F and PARAMS are for the sourcing scripts
F=/proc/sys/erika-xen/pin_state
STATS=/proc/sys/erika-xen/stats
PARAMS=/sys/module/erika_xen/parameters
MARK=/run/pin-test-dmesg-lines # dmesg length before the first insmod

pass() { echo "ERIKA-TEST PASS $PREFIX.$1"; }
fail() {
	_n=$1
	shift
	echo "ERIKA-TEST FAIL $PREFIX.$_n $*"
}
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }

# counter NAME: one line of the stats file.
counter() { sed -n "s/^$1 //p" "$STATS"; }

# wait_for SECONDS COMMAND...: poll every 0.1 s until COMMAND succeeds.
wait_for() {
	_limit=$(($1 * 10))
	shift
	_i=0
	until "$@"; do
		_i=$((_i + 1))
		[ $_i -gt $_limit ] && return 1
		sleep 0.1
	done
}

is_connected_to() { [ "$(counter connected)" = 1 ] && [ "$(counter domid)" = "$1" ]; }
is_disconnected() { [ "$(counter connected)" = 0 ]; }
has_waiting() { [ "$(counter waiting)" -ge 1 ]; }

# wait_connected DOMID: up to 60 s (a domain just created boots first).
wait_connected() { wait_for 60 is_connected_to "$1"; }

# expect_io NAME WANT ARGS...: pin_io ARGS must give the result WANT ("ok",
# "EPROTO", ...); the whole line stays in $IO ("ok MS [LEVEL]" or "ENAME MS").
expect_io() {
	_name=$1 _want=$2
	shift 2
	IO=$(./pin_io "$@")
	if [ "${IO%% *}" = "$_want" ]; then
		pass "$_name"
	else
		fail "$_name" "pin_io $*: '$IO', expected $_want"
	fi
}

# expect_level NAME LEVEL: a read must succeed with that level.
expect_level() {
	IO=$(./pin_io read)
	case "$IO" in
	"ok "*" $2") pass "$1" ;;
	*) fail "$1" "pin_io read: '$IO', expected ok with level $2" ;;
	esac
}

# start_io FILE ARGS...: pin_io in the background, its line into FILE; $! is its pid.
start_io() {
	_out=$1
	shift
	./pin_io "$@" >"$_out" &
}

# result FILE: the result word a background pin_io wrote.
result() { cut -d' ' -f1 "$1"; }

# uptime_ms: dom0's clock, for the figures (busybox date has no %N).
uptime_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# mark_dmesg: remember where the kernel log stands (before the first insmod).
mark_dmesg() { dmesg | wc -l >"$MARK"; }

# check_dmesg NAME: nothing since mark_dmesg looks like a crash or a warning.
check_dmesg() {
	_bad=$(dmesg | tail -n +"$(($(cat "$MARK") + 1))" |
		grep -E 'Oops|BUG|WARNING|Call trace|Unable to handle|erika_xen: .*leaked')
	if [ -z "$_bad" ]; then
		pass "$1"
	else
		fail "$1" "$(echo "$_bad" | head -3 | tr '\n' '|')"
	fi
}
