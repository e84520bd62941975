# shellcheck shell=sh
# Helpers of the erika-xen dom0 checks (sourced by the xenrun hooks; busybox
# sh, cwd = the payload's extra/ directory, which also holds erika-xen.ko).
# The generic ones (pass, fail, counter, wait_for, mark_dmesg, check_dmesg,
# F, STATS, PARAMS) are the pin server tests' tests/pin_server/tools/lib.sh,
# which payload.cmake copies next to this file; the ones here drive
# pin_state with the shell (no pin_io) and fake a server in XenStore. Like
# lib.sh's, the helpers' own variables start with an underscore.
# shellcheck disable=SC2034 # PREFIX is for lib.sh
PREFIX=dom0
. ./lib.sh

# expect_write NAME WANT ECHO_ARGS...: `echo ECHO_ARGS > pin_state` must fail
# with the error message WANT. (busybox's echo reports a failed write with
# its errno text; its printf says nothing.)
expect_write() {
	_name=$1 _want=$2
	shift 2
	if _out=$( (echo "$@" >"$F") 2>&1); then
		fail "$_name" "the write succeeded"
	else
		case "$_out" in
		*"$_want"*) pass "$_name" ;;
		*) fail "$_name" "expected '$_want', got '$_out'" ;;
		esac
	fi
}

# expect_read NAME WANT: reading pin_state must fail with WANT.
expect_read() {
	if _out=$(cat "$F" 2>&1); then
		fail "$1" "the read succeeded: '$_out'"
	else
		case "$_out" in
		*"$2"*) pass "$1" ;;
		*) fail "$1" "expected '$2', got '$_out'" ;;
		esac
	fi
}

# expect_stat CHECK COUNTER VALUE: a stats counter has that value.
expect_stat() {
	_v=$(counter "$2")
	if [ "$_v" = "$3" ]; then pass "$1"; else fail "$1" "$2 is '$_v', expected '$3'"; fi
}

# new_dmesg: the kernel messages since insmod (mark_dmesg in pre.sh).
new_dmesg() { dmesg | tail -n +"$(($(cat "$MARK") + 1))"; }

dmesg_has() { new_dmesg | grep -qE "$1"; }
counter_is() { [ "$(counter "$1")" = "$2" ]; }

# wait_dmesg REGEX: up to 5 s for the module to log a matching line.
wait_dmesg() { wait_for 5 dmesg_has "$1"; }

# wait_counter COUNTER VALUE: up to 5 s for a stats counter to get there.
wait_counter() { wait_for 5 counter_is "$1" "$2"; }

# advertise DOMID: pin-server keys in that domain's home describing a
# "server" made of the domain's real resources: grant reference 0 (the
# toolstack grants the guest's PV console page to dom0; where the ring's
# indices and first slots land, its input buffer is unused) and a port that
# ./alloc_unbound allocates in the guest for dom0. Nothing in the guest
# answers, so requests time out, but mapping, binding and tearing down are
# the real thing.
advertise() {
	_port=$(./alloc_unbound "$1") || return 1
	_d=/local/domain/$1/data/pin-server
	xenstore-write "$_d/state" 1 "$_d/protocol-version" 1 "$_d/ring-ref" 0 \
		"$_d/event-channel" "$_port" "$_d/pins" 1 "$_d/state" 4
}

# domain_listed DOMID: does xl still list it (a dying domain whose page is
# still mapped by dom0 stays listed)?
domain_listed() {
	xl list | awk -v id="$1" 'NR > 1 && $2 == id { found = 1 } END { exit !found }'
}
domain_gone() { ! domain_listed "$1"; }

# shut_down DOMID: has the domain shut down (xl list's state has an "s")?
shut_down() { xl list "$1" | awk 'NR == 2 { exit !($5 ~ /s/) }'; }
