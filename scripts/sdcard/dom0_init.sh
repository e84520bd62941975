#!/bin/busybox sh
# shellcheck shell=sh
# /init of the SD card's dom0 (packed by mk_card_root.sh over the tests' dom0
# base, whose /init this replaces): bring up the Xen tool stack, mount the
# card's partition on /boot, load the dom0 modules on it, `xl create` the
# card's erika.cfg, then leave a root shell on the console (busybox init
# respawns it). Every step says on the console what it did.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
LABEL=@LABEL@
say() { echo "erika-card: $*"; }

/sbin/xen-dom0-up
up=$?
# The kernel may have found no /dev/console before devtmpfs: reopen it.
exec </dev/console >/dev/console 2>&1
if [ $up -eq 0 ]; then
	say "Xen tool stack up (xenstored, xen-init-dom0, xenconsoled)"
else
	say "the Xen tool stack did not start (the line above says where)"
fi

# The card's controller (virtio disk under QEMU, the A20's MMC) and ext4.
while read -r m; do
	insmod "/lib/modules/card/$m.ko" || say "insmod $m failed"
done </lib/modules/card/load-order
# An MMC card is probed in the background: give it up to 10 s to appear.
i=0
until dev=$(findfs "LABEL=$LABEL" 2>/dev/null) || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$dev" ] && mount -t ext4 "$dev" /boot; then
	say "card partition $dev (label $LABEL) mounted on /boot"
	for ko in /boot/*.ko; do
		[ -f "$ko" ] || continue
		if insmod "$ko"; then say "loaded ${ko#/boot/}"; else say "insmod $ko failed"; fi
	done
	# erika.cfg names the image relative to its own directory.
	if [ $up -eq 0 ] && [ -f /boot/erika.cfg ]; then
		if (cd /boot && xl create erika.cfg); then
			say "RTOS domain created: xl create /boot/erika.cfg"
		else
			say "xl create /boot/erika.cfg failed"
		fi
	fi
else
	say "no ext4 partition labelled $LABEL: the RTOS was not started"
fi
say "ready: root shell on this console (xl list; xl console <name>, Ctrl-] leaves; poweroff)"
exec /bin/busybox init
