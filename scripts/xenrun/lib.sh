# shellcheck shell=bash disable=SC2034
# Shared helpers for the xenrun shell scripts (sourced, not run).

# The cache of downloaded/extracted Debian armhf packages and built artefacts.
# xenrun.py computes the same path; keep the two in step.
XEN_CACHE="${ERIKA_XEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/erika-xen}"

# apt/dpkg changes need root; CI runs as root, a developer may have sudo.
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

log() { echo "[$(basename "$0")] $*" >&2; }
die() { echo "[$(basename "$0")] ERROR: $*" >&2; exit 1; }

# ensure_host_pkgs PKG... : install the host (amd64) Debian packages that are
# missing, so the scripts work on a fresh Debian 12 machine (CI) and cost
# nothing when everything is already there.
ensure_host_pkgs() {
    local missing=() p
    for p in "$@"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing host packages: ${missing[*]}"
    # A failing index (e.g. a security mirror mid-sync) must not stop us: the
    # install below fails loudly if what we need is really unavailable.
    $SUDO apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}
