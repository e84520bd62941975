#!/bin/sh
# shellcheck shell=sh
# The hostile-guest test, from dom0 (xenrun's running.sh hook): the RTOS
# domain runs this folder's application, which misbehaves on command
# (src/commands.c). For each case the erika-xen module must give the user
# the errno that samples/pin_server/dom0/README.md promises, count it, and
# dom0's kernel must log no BUG, Oops or WARNING. Then: silence (timeout,
# signal, unload and destroy during a wait) and who may use pin_state.
# shellcheck disable=SC2034 # used by lib.sh
PREFIX=pin_hostile
. ./lib.sh

dom=$(xl domid "$XENRUN_DOMAIN") || {
	fail domid "no domain $XENRUN_DOMAIN"
	exit 1
}
H=/local/domain/$dom/data/hostile

# set_case TEXT: the guest behaves so from now on (it acknowledges in ack).
set_case() {
	xenstore-write "$H/ack" pending "$H/case" "$1"
	if wait_for 10 ack_is "$1"; then
		echo "pin_hostile: case '$1'"
	else
		fail "case_$(echo "$1" | tr ' -' '_m')" "no ack (ack '$(xenstore-read "$H/ack")')"
	fi
}
ack_is() { [ "$(xenstore-read "$H/ack")" = "$1" ]; }
timeout_ms() { echo "$1" >"$PARAMS/timeout_ms"; }

mark_dmesg
insmod ./erika-xen.ko timeout_ms=5000 && pass insmod || fail insmod "insmod failed"
wait_connected "$dom" && pass connected || fail connected "$(tr '\n' ' ' <"$STATS")"
set_case normal
expect_io normal_write ok write1
expect_level normal_read 1

# Statuses the protocol does not define: -EPROTO, never passed through.
# -529 is -EIOCBQUEUED (the VFS BUG()s on it), -512 -ERESTARTSYS, -11 a
# real errno the protocol does not use, then positive and extreme values.
n=0
for st in -529 -512 -11 -4095 5 2147483647 -2147483648; do
	name=status_$(echo "$st" | tr - m)
	set_case "status $st"
	expect_io "${name}_write_eproto" EPROTO write1
	expect_io "${name}_read_eproto" EPROTO read
	n=$((n + 2))
done
check bad_status_counted "$(counter bad_status)" $n
# The shell's own path, which oopsed with -529 before.
set_case "status -529"
out=$( (echo 1 >"$F") 2>&1) && fail echo_status_m529 "the write succeeded" ||
	case "$out" in *"Protocol error"*) pass echo_status_m529 ;; *) fail echo_status_m529 "$out" ;; esac
out=$(cat "$F" 2>&1) && fail cat_status_m529 "the read succeeded" ||
	case "$out" in *"Protocol error"*) pass cat_status_m529 ;; *) fail cat_status_m529 "$out" ;; esac

# The documented statuses reach the user as they are.
for pair in -1:EPERM -5:EIO -22:EINVAL -95:EOPNOTSUPP; do
	set_case "status ${pair%%:*}"
	expect_io "status_${pair#*:}" "${pair#*:}" write1
done

# A level other than 0/1, an answer with another id, response indices
# beyond or behind the requests, more answers than requests: -EPROTO.
before=$(counter bad_status)
set_case "value 2"
expect_io value_2_eproto EPROTO read
set_case "value 255"
expect_io value_255_eproto EPROTO write0
check bad_value_counted "$(counter bad_status)" $((before + 2))
set_case id
expect_io wrong_id_eproto EPROTO write1
check bad_id_counted "$(counter bad_id)" 1
set_case "prod 100000"
expect_io prod_ahead_eproto EPROTO write1
set_case "prod -3"
expect_io prod_behind_eproto EPROTO write1
set_case "flood 16"
expect_io response_flood_eproto EPROTO write1
check bad_index_counted "$(counter bad_index)" 3

# Back to normal: the module serves again on the same connection.
set_case normal
expect_io recovered_write ok write1
expect_level recovered_read 1
check recovered_same_connection "$(counter connects)" 1

# Answers held back until a second request: the read waits, the write is
# sent meanwhile (no lock held across a wait), and both are answered.
set_case pair
before=$(counter requests)
start_io /run/pair_read read
reader=$!
wait_for 10 has_waiting || fail pair_read_waits "the read is not waiting"
expect_io pair_write_not_blocked ok write0
wait $reader
check pair_read_answered "$(result /run/pair_read)" ok
check pair_two_requests "$(counter requests)" $((before + 2))

# A notification flood: requests during it are answered.
set_case notify
bad=0
i=0
while [ $i -lt 10 ]; do
	[ "$(./pin_io write1 | cut -d' ' -f1)" = ok ] || bad=$((bad + 1))
	[ "$(./pin_io read | cut -d' ' -f1)" = ok ] || bad=$((bad + 1))
	i=$((i + 1))
done
check notify_flood_20_requests_failed $bad 0
set_case normal
expect_io after_notify_flood ok write0

# Keys rewritten while connected: the module lets go (ENODEV), and connects
# again when the true keys are back.
k=0
for kv in "ring-ref 99999999999" "ring-ref abc" "event-channel 0" "event-channel 200000" \
	"pins 0" "pins 257" "pins x" "protocol-version 2" "state 5"; do
	name=key_$(echo "$kv" | tr ' -' '__')
	set_case "key $kv"
	if wait_for 10 is_disconnected; then
		expect_io "${name}_enodev" ENODEV write1
	else
		fail "${name}_enodev" "still connected"
	fi
	set_case restore
	k=$((k + 1))
	if wait_connected "$dom"; then
		expect_io "${name}_restored" ok write1
	else
		fail "${name}_restored" "not connected again: $(tr '\n' ' ' <"$STATS")"
	fi
done
check reconnects_counted "$(counter connects)" $((k + 1))

# Silence: the timeout, a signal, the unprivileged, unloading, destroying.
set_case silent
timeout_ms 1000
expect_io silent_write_etimedout ETIMEDOUT write1
expect_io silent_read_etimedout ETIMEDOUT read
check timeouts_counted "$(counter timeouts)" 2
timeout_ms 60000
expect_io silent_signal_eintr EINTR -a 1 read
check interrupted_counted "$(counter interrupted)" 1
before=$(counter requests)
expect_io unprivileged_eacces EACCES -u 1000:1000 read
check unprivileged_nothing_sent "$(counter requests)" "$before"

# rmmod while a request waits (60 s timeout): the wait ends at once, ENODEV.
start_io /run/rmmod_read read
reader=$!
wait_for 10 has_waiting || fail rmmod_read_waits "the read is not waiting"
t0=$(uptime_ms)
rmmod erika_xen && pass rmmod_during_wait || fail rmmod_during_wait "rmmod failed"
echo "pin_hostile: rmmod with a request waiting took $(($(uptime_ms) - t0)) ms"
wait $reader
check rmmod_read_enodev "$(result /run/rmmod_read)" ENODEV

# A group may use pin_state too (module parameter group).
insmod ./erika-xen.ko timeout_ms=5000 group=1000 && pass insmod_group || fail insmod_group "failed"
mode=$(ls -l "$F" | cut -c1-10)
check group_mode "$mode" "-rw-rw-rw-"
set_case normal
wait_connected "$dom" || fail connected_group "$(tr '\n' ' ' <"$STATS")"
expect_io group_member_ok ok -u 1000:1000 write1
expect_io other_user_eacces EACCES -u 1001:1001 write1
expect_io group_root_ok ok write0

# xl destroy while a request waits (60 s timeout): ENODEV at once.
set_case silent
timeout_ms 60000
start_io /run/destroy_read read
reader=$!
wait_for 10 has_waiting || fail destroy_read_waits "the read is not waiting"
t0=$(uptime_ms)
xl destroy "$dom"
wait $reader
check destroy_read_enodev "$(result /run/destroy_read)" ENODEV
echo "pin_hostile: a request waiting on a destroyed domain ended after $(($(uptime_ms) - t0)) ms"
wait_for 10 is_disconnected && pass destroy_disconnects || fail destroy_disconnects "still connected"
sed 's/^/pin_hostile: stats: /' "$STATS"
rmmod erika_xen && pass rmmod || fail rmmod "rmmod failed"
check_dmesg dmesg_clean
echo "dom0 kernel log since insmod:"
dmesg | tail -n +"$(($(cat "$MARK") + 1))" | grep erika_xen | sed 's/^/  /'
echo "ERIKA-TEST END"
