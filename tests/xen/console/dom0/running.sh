#!/bin/sh
# dom0 side of tests/xen/console (xenrun.py running hook). Steps on request
# of the guest, through data/console-test/state in its XenStore home:
#   want-input  type "ping" into the domain's console pty
#   want-stall  stop xenconsoled (the console ring fills up), answer "stalled"
#   flooded     let xenconsoled go on, answer "resumed"
dom=$(xl domid "$XENRUN_DOMAIN") || exit 1
state=/local/domain/$dom/data/console-test/state

wait_state() {   # up to 30 s
	i=0
	while [ "$(xenstore-read "$state" 2>/dev/null)" != "$1" ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && { echo "console hook: no '$1' from the guest"; return 1; }
		sleep 0.1
	done
}

wait_state want-input || exit 1
tty=$(xenstore-read "/local/domain/$dom/console/tty")
echo "console hook: typing into $tty"
printf 'ping\r' >"$tty"

wait_state want-stall || exit 1
pid=$(pidof xenconsoled)
kill -STOP $pid
xenstore-write "$state" stalled
wait_state flooded
kill -CONT $pid
xenstore-write "$state" resumed
