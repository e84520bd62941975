# shellcheck shell=sh
# Helpers of the erika-xen dom0 checks (sourced by the xenrun hooks; busybox
# sh, cwd = the payload's extra/ directory, which also holds erika-xen.ko).
F=/proc/sys/erika-xen/pin_state
STATS=/proc/sys/erika-xen/stats
MARK=/run/erika-xen-dmesg-lines    # dmesg length before insmod (pre.sh)

pass() { echo "ERIKA-TEST PASS dom0.$1"; }
fail() { n=$1; shift; echo "ERIKA-TEST FAIL dom0.$n $*"; }

# expect_write NAME WANT ECHO_ARGS...: `echo ECHO_ARGS > pin_state` must fail
# with the error message WANT. (busybox's echo reports a failed write with
# its errno text; its printf says nothing.)
expect_write() {
	name=$1 want=$2
	shift 2
	if out=$( (echo "$@" >"$F") 2>&1); then
		fail "$name" "the write succeeded"
	else
		case "$out" in
		*"$want"*) pass "$name" ;;
		*) fail "$name" "expected '$want', got '$out'" ;;
		esac
	fi
}

# expect_read NAME WANT: reading pin_state must fail with WANT.
expect_read() {
	if out=$(cat "$F" 2>&1); then
		fail "$1" "the read succeeded: '$out'"
	else
		case "$out" in
		*"$2"*) pass "$1" ;;
		*) fail "$1" "expected '$2', got '$out'" ;;
		esac
	fi
}

# counter NAME: one counter of the stats file.
counter() {
	sed -n "s/^$1 //p" "$STATS"
}

# expect_stat CHECK COUNTER VALUE: a stats counter has that value.
expect_stat() {
	v=$(counter "$2")
	if [ "$v" = "$3" ]; then pass "$1"; else fail "$1" "$2 is '$v', expected '$3'"; fi
}

# new_dmesg: the kernel messages since insmod.
new_dmesg() {
	dmesg | tail -n +"$(($(cat "$MARK") + 1))"
}

# wait_dmesg REGEX: up to 5 s for the module to log a matching line.
wait_dmesg() {
	i=0
	until new_dmesg | grep -qE "$1"; do
		i=$((i + 1))
		[ $i -gt 50 ] && return 1
		sleep 0.1
	done
}

# wait_counter COUNTER VALUE: up to 5 s for a stats counter to get there.
wait_counter() {
	i=0
	while [ "$(counter "$1")" != "$2" ]; do
		i=$((i + 1))
		[ $i -gt 50 ] && return 1
		sleep 0.1
	done
}

# advertise DOMID: pin-server keys in that domain's home describing a
# "server" made of the domain's real resources: grant reference 0 (the
# toolstack grants the guest's PV console page to dom0; where the ring's
# indices and first slots land, its input buffer is unused) and a port that
# ./alloc_unbound allocates in the guest for dom0. Nothing in the guest
# answers, so requests time out, but mapping, binding and tearing down are
# the real thing.
advertise() {
	port=$(./alloc_unbound "$1") || return 1
	d=/local/domain/$1/data/pin-server
	xenstore-write "$d/state" 1 "$d/protocol-version" 1 "$d/ring-ref" 0 \
		"$d/event-channel" "$port" "$d/pins" 1 "$d/state" 4
}

# domain_listed DOMID: does xl still list it (a dying domain whose page is
# still mapped by dom0 stays listed)?
domain_listed() {
	xl list | awk -v id="$1" 'NR > 1 && $2 == id { found = 1 } END { exit !found }'
}
