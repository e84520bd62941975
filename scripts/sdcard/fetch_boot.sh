#!/bin/bash
# fetch_boot.sh — the SD card's pieces that the Xen cache of
# scripts/xenrun/fetch_xen.sh does not hold, from Debian 12 only, into
#
#   $XEN_CACHE/sdcard/                    ($XEN_CACHE: see scripts/xenrun/lib.sh)
#     debs/                 u-boot-sunxi (armhf), u-boot-qemu (all); kept
#     u-boot/<build>/       Debian's /usr/lib/u-boot/<build>/ of both packages
#                           (Cubieboard2/u-boot-sunxi-with-spl.bin, qemu_arm/u-boot.bin)
#     dtbs/                 the dom0 kernel's devicetrees (/usr/lib/linux-image-<release>/)
#     modules/              the dom0 kernel's block and ext4 modules that the
#                           card's dom0 needs to mount its own partition, and
#     modules/load-order    their insmod order (dependencies first)
#     uboot.env             U-Boot's Debian version
#     .stamp                written last, with the kernel release: instant afterwards
#
# The kernel is the one fetch_xen.sh cached (kernel.env): the card boots the
# same Xen and dom0 as the tests. Nothing is installed for armhf.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
XENRUN="$HERE/../xenrun"
. "$XENRUN/lib.sh"

STAMP_VERSION="erika-sdcard v1"
UBOOT_PKGS=(u-boot-sunxi:armhf u-boot-qemu)
# What the card's dom0 loads before it mounts the card: the virtio disk
# (QEMU), the A20's MMC controller, ext4. Their dependencies are added.
CARD_MODULES=(virtio_mmio virtio_blk sunxi-mmc crc32c_generic ext4)

SD="$XEN_CACHE/sdcard"
DEBS="$SD/debs"

is_fresh() {
    # shellcheck source=/dev/null
    . "$XEN_CACHE/kernel.env"
    [ -f "$SD/.stamp" ] && [ "$(cat "$SD/.stamp")" = "$STAMP_VERSION $KERNEL_RELEASE" ] &&
        [ -f "$SD/modules/load-order" ]
}

download_uboot() {
    local todo=() spec name
    for spec in "${UBOOT_PKGS[@]}"; do
        name="${spec%%:*}"
        compgen -G "$DEBS/${name}_*.deb" >/dev/null || todo+=("$spec")
    done
    [ ${#todo[@]} -eq 0 ] && return 0
    log "downloading ${todo[*]}"
    if ! (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "${todo[@]}" \
            >/dev/null 2>"$SD/download.err"); then
        log "download failed; refreshing the package lists once"
        $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
        (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "${todo[@]}" \
            >/dev/null 2>"$SD/download.err") || { cat "$SD/download.err" >&2; die "cannot download ${todo[*]}"; }
    fi
}

# extract_uboot DIR: /usr/lib/u-boot of both packages into DIR/u-boot.
extract_uboot() {
    local tmp="$1/x" deb
    mkdir -p "$tmp"
    for deb in "$DEBS"/u-boot-*.deb; do
        log "extracting $(basename "$deb")"
        dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" ./usr/lib/u-boot
    done
    mv "$tmp/usr/lib/u-boot" "$1/u-boot"
    rm -rf "$tmp"
    echo "UBOOT_VERSION=$(dpkg-deb -f "$(compgen -G "$DEBS/u-boot-qemu_*.deb" | head -1)" Version)" \
        >"$1/uboot.env"
}

# extract_kernel_parts DIR: the DTBs and the card's modules from the kernel .deb.
extract_kernel_parts() {
    local dir="$1" tmp="$1/k" m
    mkdir -p "$tmp" "$dir/modules"
    log "extracting the devicetrees and the card's modules of $KERNEL_PACKAGE"
    dpkg-deb --fsys-tarfile "$KERNEL_DEB" |
        tar -x -C "$tmp" --wildcards "./usr/lib/linux-image-$KERNEL_RELEASE/*.dtb" \
            "./lib/modules/$KERNEL_RELEASE/kernel/*.ko"
    mv "$tmp/usr/lib/linux-image-$KERNEL_RELEASE" "$dir/dtbs"
    /usr/bin/python3 "$HERE/modorder.py" "$tmp/lib/modules/$KERNEL_RELEASE" "${CARD_MODULES[@]}" \
        >"$dir/modules/load-order.tmp" || die "cannot resolve the card's modules"
    while read -r m; do
        cp "$(find "$tmp/lib/modules/$KERNEL_RELEASE" -name "$m.ko" | head -1)" "$dir/modules/"
    done <"$dir/modules/load-order.tmp"
    mv "$dir/modules/load-order.tmp" "$dir/modules/load-order"
    rm -rf "$tmp"
}

main() {
    [ $# -eq 0 ] || { echo "usage: $(basename "$0")  (no arguments)" >&2; exit 2; }
    "$XENRUN/fetch_xen.sh"
    mkdir -p "$DEBS"
    exec 9>"$SD/.lock"
    flock 9
    if is_fresh; then
        log "SD card pieces up to date: $SD"
        exit 0
    fi
    local t0=$SECONDS tmp="$SD/new.tmp"
    download_uboot
    rm -rf "$tmp"; mkdir -p "$tmp"
    extract_uboot "$tmp"
    extract_kernel_parts "$tmp"
    rm -rf "$SD/u-boot" "$SD/dtbs" "$SD/modules" "$SD/uboot.env"
    mv "$tmp/u-boot" "$tmp/dtbs" "$tmp/modules" "$tmp/uboot.env" "$SD/"
    rmdir "$tmp"
    echo "$STAMP_VERSION $KERNEL_RELEASE" >"$SD/.stamp"
    log "done in $((SECONDS - t0)) s: $SD ($(du -sh "$SD" | cut -f1))"
}

main "$@"
