#!/bin/bash
# mk_peer.sh OUT_DIR
#
# The Linux peer of the pin server, ready for `xl create` in dom0:
#   OUT_DIR/pin-peer           the userspace server (bench/linux_peer), static armhf
#   OUT_DIR/peer-vmlinuz       Debian's armmp-lpae kernel, the dom0's own
#   OUT_DIR/peer.cpio.gz       busybox, xen-evtchn + xen-gntalloc, pin-peer, /init
#   OUT_DIR/linux_peer.cfg     name "linux_peer", 1 vCPU, 64 MiB, the PL061 page
#
# pin-peer is cross-compiled with gcc-arm-linux-gnueabihf against Debian's
# armhf libxen-dev (headers and static libraries of the same Xen version as the
# cached Xen), downloaded and extracted into the cache's peer/ directory:
# nothing is installed for armhf.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BASE="$(cd "$HERE/../.." && pwd)"
. "$BASE/scripts/xenrun/lib.sh"

[ $# -eq 1 ] || { echo "usage: $(basename "$0") OUT_DIR" >&2; exit 2; }
OUT="$1"
PEER_CACHE="$XEN_CACHE/peer"
# The PL061 of QEMU virt: its page is passed through to the peer (iomem).
PL061_PFN=9030

"$BASE/scripts/xenrun/fetch_xen.sh" >&2
ensure_host_pkgs gcc-arm-linux-gnueabihf libc6-dev-armhf-cross cpio gzip
# shellcheck source=/dev/null
. "$XEN_CACHE/kernel.env" # XEN_VERSION

# libxen-dev:armhf at the cached Xen's exact version.
if [ ! -f "$PEER_CACHE/.stamp-$XEN_VERSION" ]; then
    log "downloading libxen-dev:armhf $XEN_VERSION"
    rm -rf "$PEER_CACHE" && mkdir -p "$PEER_CACHE/debs" "$PEER_CACHE/root"
    (cd "$PEER_CACHE/debs" &&
        apt-get download -q -o APT::Sandbox::User=root "libxen-dev:armhf=$XEN_VERSION" >&2) ||
        die "cannot download libxen-dev:armhf=$XEN_VERSION (apt-get update with armhf enabled?)"
    dpkg-deb -x "$PEER_CACHE"/debs/libxen-dev_*.deb "$PEER_CACHE/root"
    touch "$PEER_CACHE/.stamp-$XEN_VERSION"
fi

mkdir -p "$OUT"
SRC="$BASE/samples/pin_server/src"
LIB="$PEER_CACHE/root/usr/lib/arm-linux-gnueabihf"
# Linux's headers come with the cross compiler; Xen's public headers of the
# ring (xen/io/ring.h) from libxen-dev:armhf's include dir, or the host's.
arm-linux-gnueabihf-gcc -static -O2 -Wall -Wextra -Werror \
    -I"$SRC" -I"$BASE/samples/pin_server/include" -I"$BASE/include" -I"$PEER_CACHE/root/usr/include" -idirafter /usr/include \
    -D__XEN_INTERFACE_VERSION__=0x00040e00 -o "$OUT/pin-peer" \
    "$BASE"/bench/linux_peer/*.c "$SRC/pin_ring.c" "$SRC/pin_request.c" \
    -L"$LIB" -lxenstore -lxengnttab -lxenevtchn -lxentoollog -lxentoolcore -lpthread

STAGE="$OUT/peer-root"
rm -rf "$STAGE"
mkdir -p "$STAGE"/{bin,dev,proc,sys,lib/modules}
cp "$XEN_CACHE/root/bin/busybox" "$STAGE/bin/busybox"
cp "$XEN_CACHE/xen-modules/xen-evtchn.ko" "$XEN_CACHE/xen-modules/xen-gntalloc.ko" "$STAGE/lib/modules/"
cp "$OUT/pin-peer" "$STAGE/bin/pin-peer"
cat >"$STAGE/init" <<'INIT'
#!/bin/busybox sh
# The Linux peer's /init (scripts/bench/mk_peer.sh): the two Xen device
# modules libxenevtchn and libxengnttab's gntalloc need, then the server.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
insmod /lib/modules/xen-evtchn.ko
insmod /lib/modules/xen-gntalloc.ko
echo "linux-peer: up, kernel $(uname -r)"
ARGS=$(sed -n 's/.*peer_args=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
# shellcheck disable=SC2086
/bin/pin-peer $ARGS
echo "linux-peer: pin-peer exited ($?)"
exec sleep 100000
INIT
chmod +x "$STAGE/init"
(cd "$STAGE" && find . | cpio -o -H newc --quiet | gzip -9) >"$OUT/peer.cpio.gz"
rm -rf "$STAGE"
cp "$XEN_CACHE/vmlinuz" "$OUT/peer-vmlinuz"
cat >"$OUT/linux_peer.cfg" <<CFG
# The Linux peer of the pin server (scripts/bench/mk_peer.sh).
name = "linux_peer"
kernel = "peer-vmlinuz"
ramdisk = "peer.cpio.gz"
extra = "console=hvc0 quiet peer_args=${PEER_ARGS:---period-us,1000,--report-ms,2000}"
memory = 64
vcpus = 1
iomem = [ "$PL061_PFN,1" ]
CFG
log "Linux peer in $OUT"
