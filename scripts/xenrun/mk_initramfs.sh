#!/bin/bash
# mk_initramfs.sh OUT.cpio.gz PAYLOAD_DIR
# mk_initramfs.sh --base OUT.cpio.gz
#
# Builds the initramfs of a Debian armhf Linux dom0 that brings up the Xen
# tool stack (xenstored, xen-init-dom0, xenconsoled), then runs
# /payload/run.sh (PAYLOAD_DIR's contents, copied to /payload) with a time
# limit, and powers the machine off so that QEMU (-no-reboot) exits.
#
# The common part (busybox, Xen tools, libraries, modules, /init) is built
# once and cached in the cache directory as dom0-base.cpio.gz; each call only
# packs PAYLOAD_DIR and appends it: Linux unpacks concatenated compressed cpio
# archives in order, so the payload is simply a second archive.
#
# --base writes the common part alone: the SD card's dom0 root
# (scripts/sdcard/mk_card_root.sh) is that plus its own archive, whose /init
# replaces this one (the kernel overwrites a file a later archive repeats) and
# runs the same /sbin/xen-dom0-up.
#
# Environment: XENRUN_PAYLOAD_TIMEOUT (seconds, default 600) bounds run.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"

# Programs of the dom0 (paths inside the extracted Debian root).
XEN_BIN=usr/lib/xen-4.17/bin
DOM0_PROGRAMS=(
    "$XEN_BIN/xl" "$XEN_BIN/xenstored" "$XEN_BIN/xenconsoled" "$XEN_BIN/xen-init-dom0"
    "$XEN_BIN/xenconsole" "$XEN_BIN/libxl-save-helper" "$XEN_BIN/xenstore-control"
    usr/bin/xenstore
)
XENSTORE_LINKS=(xenstore-chmod xenstore-exists xenstore-list xenstore-ls xenstore-read
                xenstore-rm xenstore-watch xenstore-write)
# Load order matters: xenfs needs privcmd.
XEN_MODULES=(xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs)

usage() {
    echo "usage: $(basename "$0") OUT.cpio.gz PAYLOAD_DIR | --base OUT.cpio.gz" >&2
    echo "  PAYLOAD_DIR must contain run.sh; it is copied to /payload in dom0." >&2
    echo "  --base: only the common part (busybox, Xen tools, /sbin/xen-dom0-up)." >&2
    exit 2
}

# base_key: what the cached base depends on (this script, the package cache).
base_key() {
    cat "$0" "$XEN_CACHE/.stamp" "$XEN_CACHE/kernel.env" | sha256sum | cut -c1-16
}

# write_dom0_up FILE: /sbin/xen-dom0-up, the bring-up of a Xen dom0 that both
# this /init and the SD card's (scripts/sdcard/mk_card_root.sh) run: the
# pseudo file systems, the Xen modules, xenfs and the daemons. Prints
# "XENRUN-DOM0 FAIL <what>" and exits 1 when a step fails.
write_dom0_up() {
    cat >"$1" <<'EOF'
#!/bin/busybox sh
# Written by mk_initramfs.sh: bring up the Xen tool stack of dom0.
fail() { echo "XENRUN-DOM0 FAIL $*"; exit 1; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mkdir -p /run/xen /run/xenstored /var/log/xen/console /var/lib/xen /var/lib/xenstored /tmp
for m in @MODULES@; do
    insmod "/lib/modules/xen/$m.ko" || fail "insmod $m"
done
mount -t xenfs xenfs /proc/xen || fail "mount xenfs"
xenstored --pid-file=/run/xenstored.pid || fail "xenstored"
xen-init-dom0 >/run/xen-init-dom0.log 2>&1 || { cat /run/xen-init-dom0.log; fail "xen-init-dom0"; }
xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/run/xenconsoled.pid || fail "xenconsoled"
EOF
}

# write_init FILE: the dom0's /init (busybox ash).
write_init() {
    cat >"$1" <<'EOF'
#!/bin/busybox sh
# dom0 /init written by mk_initramfs.sh: bring up the Xen tool stack, run
# /payload/run.sh with a time limit, power off.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
echo "XENRUN-DOM0 INIT"
/sbin/xen-dom0-up
up=$?
# If the kernel could not open /dev/console before devtmpfs existed, our
# standard streams are closed: reopen them now.
exec </dev/console >/dev/console 2>&1
[ $up -eq 0 ] || { echo "XENRUN-DOM0 FAIL bring-up"; poweroff -f; sleep 10; }
# Keep kernel chatter off the console from here on: the payload's output is
# what the host parses.
echo 1 >/proc/sys/kernel/printk
echo "XENRUN-DOM0 READY"

if [ -f /payload/run.sh ]; then
    cd /payload || { echo "XENRUN-DOM0 FAIL cd /payload"; poweroff -f; }
    timeout "${XENRUN_PAYLOAD_TIMEOUT:-@TIMEOUT@}" sh /payload/run.sh
    rc=$?
    cd /
else
    echo "XENRUN-DOM0 no /payload/run.sh"
    rc=127
fi
echo "XENRUN-PAYLOAD EXIT $rc"
sync
poweroff -f
sleep 10
EOF
}

# stage_base DIR: lay out the common part of the initramfs in DIR.
stage_base() {
    local dir="$1" root="$XEN_CACHE/root" f l m release
    # shellcheck source=/dev/null
    . "$XEN_CACHE/kernel.env"
    release="$KERNEL_RELEASE"
    mkdir -p "$dir"/{bin,sbin,dev,proc,sys,run,tmp,etc/xen,var/lib,var/log,usr/bin,usr/sbin,lib/modules/xen,payload,root}
    cp "$root/bin/busybox" "$dir/bin/busybox"
    # The Xen tools keep their Debian paths (libxl looks for its helpers there).
    mkdir -p "$dir/$XEN_BIN"
    for f in "${DOM0_PROGRAMS[@]}"; do
        mkdir -p "$dir/$(dirname "$f")"
        cp "$root/$f" "$dir/$f"
    done
    for l in "${XENSTORE_LINKS[@]}"; do ln -s xenstore "$dir/usr/bin/$l"; done
    # Shared libraries: the closure of DT_NEEDED, plus libgcc_s.so.1, which
    # glibc dlopen()s (pthread_cancel/unwinding at xl's exit), not NEEDED.
    for f in $(/usr/bin/python3 "$HERE/elfdeps.py" "$root" "${DOM0_PROGRAMS[@]}") \
             lib/arm-linux-gnueabihf/libgcc_s.so.1; do
        mkdir -p "$dir/$(dirname "$f")"
        cp -L "$root/$f" "$dir/$f"
    done
    for m in "${XEN_MODULES[@]}"; do
        cp "$(find "$root/lib/modules/$release" -name "$m.ko" | head -1)" "$dir/lib/modules/xen/"
    done
    # xl keeps its lock under /var/run: it must be /run (xl destroy fails
    # otherwise). An empty xl.conf silences a warning.
    ln -s /run "$dir/var/run"
    : >"$dir/etc/xen/xl.conf"
    echo "root:x:0:0:root:/root:/bin/sh" >"$dir/etc/passwd"
    echo "root:x:0:" >"$dir/etc/group"
    write_init "$dir/init"
    write_dom0_up "$dir/sbin/xen-dom0-up"
    sed -i "s/@TIMEOUT@/600/" "$dir/init"
    sed -i "s/@MODULES@/${XEN_MODULES[*]}/" "$dir/sbin/xen-dom0-up"
    chmod 755 "$dir/init" "$dir/sbin/xen-dom0-up"
    # The kernel opens /dev/console before /init runs; only root can mknod
    # (/init copes without it, see above).
    if [ "$(id -u)" -eq 0 ]; then mknod -m 600 "$dir/dev/console" c 5 1; fi
}

# pack DIR OUT: a newc cpio of DIR, owned by root, gzip-compressed.
pack() {
    (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -6 -n >"$2"
}

# ensure_base: build dom0-base.cpio.gz unless the cached one is current.
ensure_base() {
    local base="$XEN_CACHE/dom0-base.cpio.gz" key tmp
    key="$(base_key)"
    if [ -f "$base" ] && [ "$(cat "$base.key" 2>/dev/null)" = "$key" ]; then
        return 0
    fi
    log "building the dom0 base initramfs"
    tmp="$(mktemp -d)"
    stage_base "$tmp/root"
    pack "$tmp/root" "$base.tmp"
    mv "$base.tmp" "$base"
    echo "$key" >"$base.key"
    rm -rf "$tmp"
    log "dom0 base initramfs: $(du -h "$base" | cut -f1)"
}

# copy_base OUT: the current common part, copied while no other run can
# replace it.
copy_base() {
    ensure_host_pkgs cpio gzip python3
    "$HERE/fetch_xen.sh"
    exec 9>"$XEN_CACHE/.initramfs.lock"
    flock 9
    ensure_base
    cp "$XEN_CACHE/dom0-base.cpio.gz" "$1"
    flock -u 9
}

main() {
    [ $# -eq 2 ] || usage
    if [ "$1" = --base ]; then
        copy_base "$2"
        return 0
    fi
    local out="$1" payload="$2"
    [ -f "$payload/run.sh" ] || die "$payload/run.sh does not exist"
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
    copy_base "$WORK/base.cpio.gz"
    # Per-run part: the payload directory at /payload.
    mkdir -p "$WORK/root/payload"
    cp -a "$payload/." "$WORK/root/payload/"
    chmod 755 "$WORK/root/payload/run.sh"
    pack "$WORK/root" "$WORK/payload.cpio.gz"
    cat "$WORK/base.cpio.gz" "$WORK/payload.cpio.gz" >"$out"
}

main "$@"
