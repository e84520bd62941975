#!/bin/sh
# The README's main command: the pin server on real Xen in QEMU, as on the
# board. Builds samples/pin_server for the QEMU board and the erika-xen dom0
# module, boots Xen 4.17 + a Debian Linux dom0, which runs `xl create
# erika.cfg` with the generated config; then, in dom0, the seed's Quick Guide:
# xl list, insmod, echo 1 > /proc/sys/erika-xen/pin_state, cat, the PL061
# register read from QEMU, a refused echo 7, the round-trip figures.
# Exits non-zero when any step fails.
set -eu

usage() {
	cat <<EOF
usage: scripts/demo.sh [hello | --sample DIR]
  (no argument)  the pin server under Xen + a Linux dom0 with xl (~1 min)
  hello          the hello sample, dom0less, without Linux (a few seconds)
  --sample DIR   serve the pin server demo with another application (the
                 tests use one that never connects, to see the demo fail)
Environment: ERIKA_DEMO_BUILD (default build/demo) holds the builds and the
whole console log.
EOF
}

base=$(cd "$(dirname "$0")/.." && pwd)
out=${ERIKA_DEMO_BUILD:-$base/build/demo}
sample=$base/samples/pin_server
case "${1:-}" in
"") ;;
hello) sample=hello ;;
--sample)
	[ $# -ge 2 ] || {
		usage >&2
		exit 2
	}
	sample=$(cd "$2" && pwd)
	;;
-h | --help)
	usage
	exit 0
	;;
*)
	usage >&2
	exit 2
	;;
esac

"$base/scripts/install_deps.sh"
"$base/scripts/xenrun/fetch_xen.sh"

if [ "$sample" = hello ]; then
	cmake -GNinja -S "$base/samples/hello" -B "$out/hello" -DBOARD=qemu_virt_xen
	exec ninja -C "$out/hello" run
fi

# show: the console, reduced to what tells the story (the boot milestones,
# the dom0 session, the guest's own lines, the verdict); everything is in
# $log. POSIX sh reading line by line, so it shows each line as it comes.
show() {
	pv=0
	while IFS= read -r line; do
		if [ $pv -eq 1 ]; then
			case "$line" in
			"XENRUN-LOG END"*) pv=0 ;;
			"(XEN)"*) ;;
			*) echo "   $line" ;;
			esac
			continue
		fi
		case "$line" in
		"XENRUN-LOG BEGIN pv"*)
			pv=1
			echo "== The RTOS's own console (its PV console, as xenconsoled logged it in dom0):"
			;;
		*"(XEN) Xen version"*)
			v=${line#*Xen version }
			echo "== Xen ${v%% (pkg-xen*} is up"
			;;
		*"XENRUN-DOM0 READY"*) echo "== dom0 (Debian Linux) is up; xenstored and xenconsoled run" ;;
		*"XENRUN-DOMAIN CREATED"*) echo "== xl create erika.cfg: domain ${line##* } created" ;;
		"demo:"* | *"ERIKA-TEST FAIL"* | *"XENRUN-DOM0 FAIL"*) echo "$line" ;;
		*"ERIKA-TEST PASS demo."*"_pl061"*) echo "demo:     QEMU's PL061 data register agrees" ;;
		"qemu-system-arm:"* | "xenrun: PASS"* | "xenrun: FAIL"*) echo "$line" ;;
		*" passed, "*" failed") echo "$line" ;;
		esac
	done
}

app=$out/$(basename "$sample")
echo "== Building $(basename "$sample") for qemu_virt_xen (cmake + ninja)"
cmake -GNinja -S "$sample" -B "$app" -DBOARD=qemu_virt_xen >/dev/null
ninja -C "$app"
echo "== Building the erika-xen dom0 module against the dom0 kernel's headers"
rm -rf "$out/payload"
mkdir -p "$out/payload"
"$base/scripts/xenrun/build_dom0_module.sh" "$base/samples/pin_server/dom0" "$out/payload"
cp "$base/samples/pin_server/demo/running.sh" "$out/payload/"
echo "== Booting Xen + Linux dom0 in QEMU (about 30 s under emulation)"

log=$out/console.log
fifo=$out/console.fifo
rm -f "$fifo"
mkfifo "$fifo"
show <"$fifo" &
shower=$!
# Every Quick Guide step must pass (a step that never ran fails too).
status=0
/usr/bin/python3 "$base/scripts/xenrun/xenrun.py" dom0 --test \
	--image "$app/erika.bin" --cfg "$app/erika.cfg" \
	--payload-extra "$out/payload" --log "$log" --timeout 240 \
	--expect "pin-server: ready" \
	$(for s in xl_list xenstore insmod connected write1 read1 read1_pl061 write0 read0 \
		read0_pl061 write7_einval writefoo_einval round_trips rtt rmmod destroy; do
		printf ' --expect ^ERIKA-TEST.PASS.demo\\.%s$' "$s"
	done) >"$fifo" 2>&1 || status=$?
wait "$shower" || true
rm -f "$fifo"

if [ "$status" -ne 0 ]; then
	echo "== The demo FAILED (xenrun exit status $status). The console's last lines:"
	grep -v "^XENRUN-" "$log" | tail -n 25 | sed 's/^/   | /'
	echo "== Whole console: $log"
	exit "$status"
fi
echo "== The demo passed. Whole console: $log"
