#!/bin/bash
# mk_card_root.sh OUT.cpio.gz LABEL
#
# The SD card's dom0 root, an initramfs: the common dom0 part that the tests
# boot (scripts/xenrun/mk_initramfs.sh --base: busybox, the Xen tools and
# their libraries, the Xen modules, /sbin/xen-dom0-up) followed by a second
# archive with the card's own /init (dom0_init.sh, which replaces the base's),
# busybox init's inittab and profile, and the block and ext4 modules that
# fetch_boot.sh took from the dom0 kernel. LABEL is the card partition's
# ext4 label, which /init looks for.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../xenrun/lib.sh"

[ $# -eq 2 ] || { echo "usage: $(basename "$0") OUT.cpio.gz LABEL" >&2; exit 2; }
OUT="$1"
LABEL="$2"
[[ "$LABEL" =~ ^[A-Za-z0-9_-]{1,16}$ ]] || die "label '$LABEL': 1-16 letters, digits, _ or -"
"$HERE/fetch_boot.sh" >/dev/null

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$HERE/../xenrun/mk_initramfs.sh" --base "$WORK/base.cpio.gz"

root="$WORK/root"
mkdir -p "$root/etc" "$root/lib/modules/card" "$root/boot"
sed "s/@LABEL@/$LABEL/" "$HERE/dom0_init.sh" >"$root/init"
chmod 755 "$root/init"
# busybox init: a root shell on the console, respawned when it exits; the card
# unmounted cleanly on poweroff/reboot.
cat >"$root/etc/inittab" <<'INITTAB'
::respawn:/bin/cttyhack /bin/sh -l
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount /boot
INITTAB
cat >"$root/etc/profile" <<'PROFILE'
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
PROFILE
mods="$XEN_CACHE/sdcard/modules"
cp "$mods/load-order" "$root/lib/modules/card/"
while read -r m; do cp "$mods/$m.ko" "$root/lib/modules/card/"; done <"$mods/load-order"

(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
    gzip -6 -n >"$WORK/card.cpio.gz"
cat "$WORK/base.cpio.gz" "$WORK/card.cpio.gz" >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
log "dom0 root $(basename "$OUT"): $(du -h "$OUT" | cut -f1) (base + card init and modules)"
