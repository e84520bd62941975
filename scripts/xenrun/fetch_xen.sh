#!/bin/bash
# fetch_xen.sh — download Debian 12's armhf Xen 4.17, the armmp-lpae Linux
# kernel (dom0), busybox and the Xen user-space tools with their shared
# libraries, and extract them into the cache:
#
#   $ERIKA_XEN_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/erika-xen)
#     debs/            the downloaded .deb files (kept: the main suite keeps
#                      only the current point release, a later task needs the
#                      exact kernel version's headers)
#     root/            all packages extracted on top of each other (a sysroot)
#     xen-4.17-armhf   -> root/boot/xen-4.17-armhf (the hypervisor image)
#     vmlinuz          -> root/boot/vmlinuz-<release> (dom0 kernel)
#     xen-modules/     -> the kernel's drivers/xen module directory
#     kernel.env       KEY=VALUE facts: kernel ABI, release, Debian version,
#                      vermagic, Xen version (shell-sourceable)
#     .stamp           written last; a second run with the stamp is instant
#
# Nothing is installed for armhf: the packages are only downloaded and
# unpacked (apt-get download + dpkg-deb -x). Idempotent; safe to run in
# parallel (a lock serialises runs).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/lib.sh"

# Bump when the set of packages or the cache layout changes.
STAMP_VERSION="erika-xen-cache v1"

# Packages whose files we use directly. Their shared libraries are added by
# following the lib* dependencies (see resolve_library_packages).
ROOT_PKGS=(xen-hypervisor-4.17-armhf xen-utils-4.17 xen-utils-common xenstore-utils busybox-static)
KERNEL_META=linux-image-armmp-lpae
KERNEL_FLAVOUR=armmp-lpae
XEN_MODULES=(xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs)

DEBS="$XEN_CACHE/debs"
ROOT="$XEN_CACHE/root"
APT_UPDATED=0

usage() {
    cat <<EOF
usage: $(basename "$0") [--force] [--print-cache]
  Downloads and extracts Debian 12 armhf Xen 4.17 + dom0 pieces into
  $XEN_CACHE (override with ERIKA_XEN_CACHE).
  --force        re-extract even if the stamp is present (debs are reused)
  --print-cache  print the cache directory and exit
EOF
}

# is_fresh: the stamp matches and the files the other tools open are there.
is_fresh() {
    [ -f "$XEN_CACHE/.stamp" ] && [ "$(cat "$XEN_CACHE/.stamp")" = "$STAMP_VERSION" ] &&
        [ -f "$XEN_CACHE/xen-4.17-armhf" ] && [ -f "$XEN_CACHE/vmlinuz" ] &&
        [ -f "$XEN_CACHE/kernel.env" ] && [ -x "$ROOT/bin/busybox" ]
}

# apt_update: refresh the package lists, tolerating a broken index. Seen:
# the security suite's armhf index failing with "unexpected size ... Mirror
# sync in progress" while the main suite is fine. apt then ignores that index
# and offers the main suite's version, which is what we fall back to.
apt_update() {
    local try
    for try in 1 2 3; do
        log "apt-get update (try $try)"
        if $SUDO apt-get update -q >"$XEN_CACHE/apt-update.log" 2>&1; then
            APT_UPDATED=1; return 0
        fi
        grep -E '^(E|W):' "$XEN_CACHE/apt-update.log" | head -3 >&2 || true
        if armhf_index_usable; then
            APT_UPDATED=1
            log "an index failed to download; continuing with the indexes that worked"
            return 0
        fi
        sleep $((try * 2))
    done
    die "apt-get update failed and no armhf index is usable (see $XEN_CACHE/apt-update.log)"
}

armhf_index_usable() {
    # (Capture first: `cmd | grep -q` fails under pipefail when grep exits early.)
    local policy
    policy="$(apt-cache policy xen-hypervisor-4.17-armhf:armhf 2>/dev/null)"
    [[ "$policy" == *"Candidate: "[0-9]* ]]
}

# ensure_armhf: make apt know the armhf architecture and its package lists.
ensure_armhf() {
    if [[ " $(dpkg --print-foreign-architectures | tr '\n' ' ') " != *" armhf "* ]]; then
        log "adding the armhf architecture to dpkg"
        $SUDO dpkg --add-architecture armhf
    fi
    armhf_index_usable || apt_update
}

# have_deb NAME: is a .deb of package NAME already in the cache?
have_deb() {
    compgen -G "$DEBS/${1}_*.deb" >/dev/null
}

deb_of() {
    compgen -G "$DEBS/${1}_*.deb" | head -1
}

# apt_download SPEC...: one `apt-get download` into the debs directory.
# (Sandbox user root: _apt cannot write into an arbitrary cache directory.)
apt_download() {
    (cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null 2>"$XEN_CACHE/download.err")
}

# download_pkgs NAME...: fetch the armhf .debs of the packages not yet cached,
# in one apt-get call (each call re-reads the lists: ~1.5 s). If that fails,
# go one by one: refresh the lists once, then try every version apt knows of
# (a stale list, or a security-suite version whose file is gone, must not
# stop us).
download_pkgs() {
    local todo=() name
    for name in "$@"; do have_deb "$name" || todo+=("$name"); done
    [ ${#todo[@]} -eq 0 ] && return 0
    log "downloading ${todo[*]}"
    apt_download "${todo[@]/%/:armhf}" && return 0
    for name in "${todo[@]}"; do download_one "$name"; done
}

download_one() {
    local name="$1" ver
    have_deb "$name" && return 0
    apt_download "$name:armhf" && return 0
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt_update
        apt_download "$name:armhf" && return 0
    fi
    for ver in $(apt-cache madison "$name:armhf" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}'); do
        log "retrying $name:armhf=$ver"
        apt_download "$name:armhf=$ver" && return 0
    done
    cat "$XEN_CACHE/download.err" >&2
    die "cannot download $name:armhf"
}

# deb_depends DEB: the package names of its Depends/Pre-Depends (first
# alternative of each, without versions or :any qualifiers).
deb_depends() {
    dpkg-deb -f "$1" Pre-Depends Depends |
        sed -E 's/^[A-Za-z-]+: //' | tr ',' '\n' |
        sed -E 's/\|.*//; s/\(.*\)//; s/:[a-z0-9]+//; s/[[:space:]]//g' |
        grep -v '^$' || true
}

# Debian puts shared libraries in section "libs" (zlib1g is one without a
# lib* name). SECTION caches what apt says; one apt-cache call per batch,
# since each call re-reads the lists (~2.5 s).
declare -A SECTION=()
learn_sections() {
    local todo=() name pkg sec
    for name in "$@"; do [ -n "${SECTION[$name]:-}" ] || todo+=("$name"); done
    [ ${#todo[@]} -eq 0 ] && return 0
    for name in "${todo[@]}"; do SECTION[$name]=unknown; done
    while read -r pkg sec; do
        SECTION[$pkg]=$sec
    done < <(apt-cache show --no-all-versions "${todo[@]/%/:armhf}" 2>/dev/null |
                 awk '/^Package: /{p=$2} /^Section: /{print p, $2}')
}

is_library_package() {
    case "$1" in lib*) return 0 ;; esac
    [ "${SECTION[$1]:-}" = libs ]
}

# resolve_library_packages: download the closure of library dependencies of
# everything downloaded so far. Debian's shlibs system puts every shared
# library a program needs into its Depends, so this closure holds every
# DT_NEEDED library; verify_libraries checks that afterwards. Non-library
# dependencies (python3, udev, ...) are deliberately not followed.
resolve_library_packages() {
    local deb dep deps wanted
    while :; do
        deps=()
        for deb in "$DEBS"/*.deb; do
            case "$(basename "$deb")" in linux-image-*) continue ;; esac
            for dep in $(deb_depends "$deb"); do
                have_deb "$dep" || deps+=("$dep")
            done
        done
        mapfile -t deps < <(printf '%s\n' "${deps[@]}" | grep -v -e '^lib' -e '^$' | sort -u)
        learn_sections "${deps[@]}"
        wanted=()
        for deb in "$DEBS"/*.deb; do
            case "$(basename "$deb")" in linux-image-*) continue ;; esac
            for dep in $(deb_depends "$deb"); do
                have_deb "$dep" || ! is_library_package "$dep" || wanted+=("$dep")
            done
        done
        [ ${#wanted[@]} -eq 0 ] && return 0
        mapfile -t wanted < <(printf '%s\n' "${wanted[@]}" | sort -u)
        download_pkgs "${wanted[@]}"
    done
}

# resolve_kernel: the metapackage's Depends names the current ABI's image
# package (it changes with Debian point releases, so never hard-code it).
resolve_kernel() {
    download_pkgs "$KERNEL_META"
    KERNEL_PKG="$(deb_depends "$(deb_of "$KERNEL_META")" | grep -E "^linux-image-.*-$KERNEL_FLAVOUR\$" | head -1)"
    [ -n "$KERNEL_PKG" ] || die "cannot resolve the kernel package from $KERNEL_META"
    download_pkgs "$KERNEL_PKG"
}

# extract_all: unpack every .deb into a fresh root (built aside, then moved
# into place, so an interrupted run never leaves a half-populated root).
# The kernel package is 43 MB of modules: take only /boot and drivers/xen.
extract_all() {
    local tmp="$XEN_CACHE/root.tmp" deb
    rm -rf "$tmp"; mkdir -p "$tmp"
    for deb in "$DEBS"/*.deb; do
        case "$(basename "$deb")" in
            linux-image-armmp-lpae_*) ;;                           # metapackage: empty
            linux-image-*)
                log "extracting $(basename "$deb") (boot/ and drivers/xen only)"
                dpkg-deb --fsys-tarfile "$deb" |
                    tar -x -C "$tmp" --wildcards './boot/*' './lib/modules/*/kernel/drivers/xen/*' ;;
            *)
                log "extracting $(basename "$deb")"
                dpkg-deb -x "$deb" "$tmp" ;;
        esac
    done
    rm -rf "$ROOT"; mv "$tmp" "$ROOT"
}

# verify_libraries: every ELF program of the Xen tools must find its shared
# libraries in the root; libgcc_s.so.1 is dlopen()ed by glibc (not NEEDED).
verify_libraries() {
    local progs=() f
    for f in "$ROOT"/usr/lib/xen-4.17/bin/* "$ROOT"/usr/bin/xenstore; do
        [ -f "$f" ] && [ "$(head -c4 "$f")" = $'\x7fELF' ] && progs+=("${f#"$ROOT"/}")
    done
    log "checking the shared libraries of ${#progs[@]} programs"
    /usr/bin/python3 "$HERE/elfdeps.py" "$ROOT" "${progs[@]}" >/dev/null ||
        die "a shared library is missing: add its package to ROOT_PKGS"
    [ -e "$ROOT/lib/arm-linux-gnueabihf/libgcc_s.so.1" ] ||
        [ -e "$ROOT/usr/lib/arm-linux-gnueabihf/libgcc_s.so.1" ] ||
        die "libgcc_s.so.1 missing (package libgcc-s1)"
}

# write_facts: kernel.env (the dom0 module task needs the exact ABI and the
# Debian version to fetch matching headers) and the convenience links.
write_facts() {
    local kdeb release abi kver vermagic xver m
    kdeb="$(deb_of "$KERNEL_PKG")"
    release="${KERNEL_PKG#linux-image-}"
    abi="${release%-"$KERNEL_FLAVOUR"}"
    kver="$(dpkg-deb -f "$kdeb" Version)"
    xver="$(dpkg-deb -f "$(deb_of xen-hypervisor-4.17-armhf)" Version)"
    for m in "${XEN_MODULES[@]}"; do
        [ -n "$(find "$ROOT/lib/modules/$release" -name "$m.ko")" ] || die "module $m.ko not in $KERNEL_PKG"
    done
    vermagic="$(tr '\0' '\n' < "$(find "$ROOT/lib/modules/$release" -name xenfs.ko)" | sed -n 's/^vermagic=//p' | head -1)"
    cat >"$XEN_CACHE/kernel.env" <<EOF
# Written by fetch_xen.sh: the dom0 kernel in this cache.
KERNEL_ABI=$abi
KERNEL_FLAVOUR=$KERNEL_FLAVOUR
KERNEL_RELEASE=$release
KERNEL_PACKAGE=$KERNEL_PKG
KERNEL_VERSION=$kver
KERNEL_DEB=$kdeb
KERNEL_VERMAGIC="$vermagic"
XEN_VERSION=$xver
EOF
    ln -sfn "root/boot/xen-4.17-armhf" "$XEN_CACHE/xen-4.17-armhf"
    ln -sfn "root/boot/vmlinuz-$release" "$XEN_CACHE/vmlinuz"
    ln -sfn "root/lib/modules/$release/kernel/drivers/xen" "$XEN_CACHE/xen-modules"
    log "kernel $release (Debian $kver), Xen $xver"
}

main() {
    local force=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --force) force=1 ;;
            --print-cache) echo "$XEN_CACHE"; exit 0 ;;
            -h|--help) usage; exit 0 ;;
            *) usage >&2; exit 2 ;;
        esac
        shift
    done
    mkdir -p "$DEBS"
    exec 9>"$XEN_CACHE/.lock"
    flock 9
    if [ $force -eq 0 ] && is_fresh; then
        log "cache up to date: $XEN_CACHE"
        exit 0
    fi
    local t0=$SECONDS
    rm -f "$XEN_CACHE/.stamp"
    ensure_host_pkgs python3
    ensure_armhf
    download_pkgs "${ROOT_PKGS[@]}"
    resolve_kernel
    resolve_library_packages
    extract_all
    verify_libraries
    write_facts
    echo "$STAMP_VERSION" >"$XEN_CACHE/.stamp"
    log "done in $((SECONDS - t0)) s: $XEN_CACHE ($(du -sh "$XEN_CACHE" | cut -f1))"
}

main "$@"
