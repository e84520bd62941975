#!/bin/bash
# build_dom0_module.sh SRC_DIR OUT_DIR
#
# Cross-builds an out-of-tree Linux kernel module (a kbuild directory, e.g.
# samples/pin_server/dom0) for the armhf dom0 kernel that xenrun.py boots,
# and copies the resulting .ko files into OUT_DIR.
#
# Headers: the linux-headers packages of exactly the kernel named in the
# cache's kernel.env (written by fetch_xen.sh from the image we boot), fetched
# with `apt-get download` into $XEN_CACHE/headers/debs (kept: the main suite
# only carries the current point release) and unpacked under a private prefix
# $XEN_CACHE/headers/<release>_<version>; nothing is installed for armhf.
# The host needs the matching linux-kbuild-6.1 (the headers' scripts/ and
# tools/ are links into it) and the cross compiler; both are installed with
# apt-get when missing.
#
# Another kernel: KDIR=/path/to/prepared/headers skips all of the above and
# builds against KDIR (ARCH and CROSS_COMPILE may be overridden too).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"

ARCH="${ARCH:-arm}"
CROSS_COMPILE="${CROSS_COMPILE:-arm-linux-gnueabihf-}"
HEADERS="$XEN_CACHE/headers"

usage() {
    cat <<EOF
usage: $(basename "$0") [--no-w1] SRC_DIR OUT_DIR
  Builds the kbuild module directory SRC_DIR (a copy of it, SRC_DIR stays
  clean) with KCFLAGS=-Werror and W=1 for the dom0 kernel of the xenrun cache
  ($XEN_CACHE/kernel.env), and copies the .ko files to OUT_DIR.
  --no-w1        build without W=1 (the extra warnings of kbuild)
Environment:
  KDIR           prepared kernel headers/build tree to use instead of the
                 cache's kernel (no download, no kernel.env needed)
  ARCH, CROSS_COMPILE   default arm, arm-linux-gnueabihf-
  ERIKA_XEN_CACHE       the cache directory (see fetch_xen.sh)
EOF
}

# pkg_version NAME: the installed version of host package NAME, or nothing.
pkg_version() {
    dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null |
        sed -n 's/^install ok installed //p'
}

# kbuild_dir VERSION: the linux-kbuild-6.1 tree at exactly VERSION. Installed
# on the host when the package is absent (the usual case). When the host
# already has another version (e.g. a developer's amd64 headers depend on
# it), it is not downgraded: the exact version's .deb is unpacked under the
# private prefix instead.
kbuild_dir() {
    local ver="$1" pkg="linux-kbuild-$KBUILD_SERIES" have dir
    have="$(pkg_version "$pkg")"
    if [ -z "$have" ]; then
        log "installing host package $pkg=$ver"
        $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
            "$pkg=$ver" >"$HEADERS/apt-install.log" 2>&1 || {
            cat "$HEADERS/apt-install.log" >&2
            die "cannot install $pkg=$ver"
        }
        have="$ver"
    fi
    if [ "$have" = "$ver" ]; then
        echo "/usr/lib/$pkg"
        return 0
    fi
    dir="$HEADERS/kbuild_$ver"
    if [ ! -f "$dir/.stamp" ]; then
        log "host has $pkg $have, headers need $ver: unpacking $ver privately"
        download "$pkg" "$ver" "$(dpkg --print-architecture)"
        rm -rf "$dir"; mkdir -p "$dir"
        dpkg-deb -x "$(deb_path "$pkg" "$ver" "$(dpkg --print-architecture)")" "$dir"
        touch "$dir/.stamp"
    fi
    echo "$dir/usr/lib/$pkg"
}

# deb_path NAME VERSION ARCH: where apt-get download puts that package
# (an epoch's colon is written %3a in file names).
deb_path() {
    echo "$HEADERS/debs/${1}_${2//:/%3a}_${3}.deb"
}

# download NAME VERSION ARCH: that exact package into the cache, once. ARCH
# "all" packages are asked for without a qualifier. A failure is retried once
# after refreshing the package lists; an exact version that the mirror no
# longer carries is fatal (the kept .debs are what protect us from that).
download() {
    local spec="$1=$2"
    [ -f "$(deb_path "$1" "$2" "$3")" ] && return 0
    [ "$3" = all ] || spec="$1:$3=$2"
    log "downloading $spec"
    if ! (cd "$HEADERS/debs" && apt-get download -q -o APT::Sandbox::User=root "$spec" \
            >/dev/null 2>"$HEADERS/download.err"); then
        log "download failed; refreshing the package lists once"
        $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
        (cd "$HEADERS/debs" && apt-get download -q -o APT::Sandbox::User=root "$spec" \
            >/dev/null 2>"$HEADERS/download.err") || {
            cat "$HEADERS/download.err" >&2
            die "cannot download $spec (has the mirror dropped this point release?)"
        }
    fi
    [ -f "$(deb_path "$1" "$2" "$3")" ] || die "apt-get download did not leave $(deb_path "$1" "$2" "$3")"
}

# prepare_headers: unpack the exact headers of kernel.env under a private
# prefix and fix them up; sets KDIR.
prepare_headers() {
    [ -f "$XEN_CACHE/kernel.env" ] || "$HERE/fetch_xen.sh"
    # shellcheck source=/dev/null
    . "$XEN_CACHE/kernel.env"
    : "${KERNEL_ABI:?kernel.env has no KERNEL_ABI}" "${KERNEL_VERSION:?}" "${KERNEL_FLAVOUR:?}"
    KBUILD_SERIES="$(echo "$KERNEL_ABI" | cut -d. -f1-2)"     # 6.1.0-50 -> 6.1
    local flav="linux-headers-$KERNEL_ABI-$KERNEL_FLAVOUR" common="linux-headers-$KERNEL_ABI-common"
    local prefix="$HEADERS/${KERNEL_RELEASE}_$KERNEL_VERSION" kb tmp mk
    mkdir -p "$HEADERS/debs"
    exec 8>"$HEADERS/.lock"
    flock 8
    kb="$(kbuild_dir "$KERNEL_VERSION")"
    [ -d "$kb/scripts" ] || die "$kb/scripts missing: broken linux-kbuild-$KBUILD_SERIES"
    if [ ! -f "$prefix/.stamp" ]; then
        local t0=$SECONDS
        ensure_armhf_lists "$flav"
        download "$flav" "$KERNEL_VERSION" armhf
        download "$common" "$KERNEL_VERSION" all
        tmp="$prefix.tmp"
        rm -rf "$tmp"; mkdir -p "$tmp"
        log "extracting the headers of $KERNEL_RELEASE ($KERNEL_VERSION)"
        dpkg-deb -x "$(deb_path "$flav" "$KERNEL_VERSION" armhf)" "$tmp"
        dpkg-deb -x "$(deb_path "$common" "$KERNEL_VERSION" all)" "$tmp"
        # The flavour's Makefile includes the common tree by absolute path.
        mk="$tmp/usr/src/$flav/Makefile"
        [ -f "$mk" ] || die "$flav has no Makefile"
        sed -i "s|/usr/src/$common|$prefix/usr/src/$common|g" "$mk"
        grep -q "$prefix/usr/src/$common" "$mk" || die "unexpected $mk: cannot point it at $common"
        rm -rf "$prefix"; mv "$tmp" "$prefix"
        touch "$prefix/.stamp"
        log "headers ready in $((SECONDS - t0)) s: $prefix"
    fi
    # The headers' scripts/ and tools/ are relative links into
    # usr/lib/linux-kbuild-6.1: point that at the host's (or private) copy.
    mkdir -p "$prefix/usr/lib"
    ln -sfn "$kb" "$prefix/usr/lib/linux-kbuild-$KBUILD_SERIES"
    flock -u 8
    KDIR="$prefix/usr/src/$flav"
}

# ensure_armhf_lists PKG: apt knows the armhf architecture and PKG's index.
ensure_armhf_lists() {
    if [[ " $(dpkg --print-foreign-architectures | tr '\n' ' ') " != *" armhf "* ]]; then
        log "adding the armhf architecture to dpkg"
        $SUDO dpkg --add-architecture armhf
        $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
    fi
    local policy
    policy="$(apt-cache policy "$1:armhf" 2>/dev/null)"
    if [[ "$policy" != *"Candidate: "[0-9]* ]] && ! compgen -G "$HEADERS/debs/${1}_*" >/dev/null; then
        $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
    fi
}

main() {
    local w1=1
    while [ $# -gt 0 ]; do
        case "$1" in
            -h|--help) usage; exit 0 ;;
            --no-w1) w1=0 ;;
            -*) usage >&2; exit 2 ;;
            *) break ;;
        esac
        shift
    done
    [ $# -eq 2 ] || { usage >&2; exit 2; }
    local src out t0 kos
    [ -f "$1/Makefile" ] || die "$1: no kbuild Makefile there"
    src="$(cd "$1" && pwd)"
    mkdir -p "$2"
    out="$(cd "$2" && pwd)"

    if ! command -v "${CROSS_COMPILE}gcc" >/dev/null; then
        [ "$CROSS_COMPILE" = arm-linux-gnueabihf- ] || die "${CROSS_COMPILE}gcc not found"
        ensure_host_pkgs gcc-arm-linux-gnueabihf
    fi
    ensure_host_pkgs make
    if [ -n "${KDIR:-}" ]; then
        [ -f "$KDIR/Makefile" ] || die "KDIR=$KDIR: no kernel Makefile there"
        log "using KDIR=$KDIR"
    else
        prepare_headers
    fi

    # Build in a copy: kbuild writes its objects next to the sources.
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/dom0mod.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    cp -a "$src/." "$WORK/"
    local args=(-C "$KDIR" M="$WORK" ARCH="$ARCH" CROSS_COMPILE="$CROSS_COMPILE"
                KCFLAGS=-Werror MODULE_SRC="$src")
    [ $w1 -eq 1 ] && args+=(W=1)
    log "building $src (${args[*]:3})"
    t0=$EPOCHREALTIME
    if ! make "${args[@]}" modules >"$WORK/build.log" 2>&1; then
        cat "$WORK/build.log" >&2
        die "module build failed"
    fi
    if grep -iE '(warning|error):' "$WORK/build.log" >&2; then
        die "the build printed warnings"
    fi
    mapfile -t kos < <(find "$WORK" -maxdepth 1 -name '*.ko')
    [ ${#kos[@]} -gt 0 ] || die "no .ko built"
    cp "${kos[@]}" "$out/"
    log "built ${kos[*]##*/} in $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }") s -> $out"
    if [ -n "${KERNEL_VERMAGIC:-}" ]; then
        local vm ko
        for ko in "${kos[@]}"; do
            vm="$(tr '\0' '\n' <"$ko" | sed -n 's/^vermagic=//p' | head -1)"
            [ "$vm" = "$KERNEL_VERMAGIC" ] ||
                die "$(basename "$ko"): vermagic '$vm' differs from the dom0 kernel's '$KERNEL_VERMAGIC'"
        done
    fi
}

main "$@"
