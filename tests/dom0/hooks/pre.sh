#!/bin/sh
# Before `xl create`: no pin server anywhere. Load erika-xen and check its
# files and its answers: bad input is refused (-EINVAL) before anything is
# sent; good input reaches the connection check and gets -ENODEV.
. ./checks.sh

mark_dmesg
if insmod ./erika-xen.ko timeout_ms=500; then
	pass insmod
else
	fail insmod "insmod failed"
	exit 1
fi

if [ -f "$F" ] && [ -f "$STATS" ]; then pass sysctl_files; else fail sysctl_files "missing"; fi
mode=$(ls -l "$F" | cut -c1-10)
[ "$mode" = "-rw-------" ] && pass pin_state_mode || fail pin_state_mode "$mode"
[ "$(cat "$PARAMS/domain_name")" = "ERIKA_Enterprise" ] &&
	[ "$(cat "$PARAMS/timeout_ms")" = "500" ] &&
	pass parameters || fail parameters "domain_name/timeout_ms not as loaded"

expect_write write1_enodev "No such device" 1
expect_write write0_enodev "No such device" 0
expect_write write1_no_newline_enodev "No such device" -n 1
expect_write write7_einval "Invalid argument" 7
expect_write writefoo_einval "Invalid argument" foo
expect_write write_newline_einval "Invalid argument"
expect_write write11_einval "Invalid argument" 11
expect_write write1_two_newlines_einval "Invalid argument" -e '1\n'
expect_read read_enodev "No such device"
expect_stat not_connected connected 0
expect_stat nothing_sent requests 0
if wait_dmesg 'erika_xen: looking for domain "ERIKA_Enterprise"'; then
	pass load_message
else
	fail load_message "no 'looking for domain' line in dmesg"
fi
