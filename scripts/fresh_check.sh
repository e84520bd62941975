#!/bin/sh
# The fresh-machine check: both README commands (scripts/demo.sh and
# scripts/test.sh) run in a minimal Debian 12 root, as a new user's machine
# has it, on a clean clone of this repository's committed HEAD. Whatever this
# machine has installed by hand is invisible there, so a missing install step
# fails here. Needs root (debootstrap, chroot, bind mounts).
#
# The root (debootstrap --variant=minbase bookworm, a few minutes) is cached
# as a tarball; each run unpacks a new copy, so a run never sees what an
# earlier one installed. Inside, everything else starts cold: apt indexes,
# host packages, Debian's armhf Xen and Linux pieces.
set -eu

usage() {
	cat <<EOF
usage: scripts/fresh_check.sh [--new-root] [--keep] [--only demo|tests]
  --new-root     build the minimal root again instead of using the cached one
  --keep         keep the unpacked root (its path is printed) for a look inside
  --only WHAT    run only the demo or only the tests
Environment: ERIKA_FRESH_CACHE (default ~/.cache/erika-fresh) holds the root
tarball; ERIKA_FRESH_MIRROR the Debian mirror (default: this machine's).
Prints 'fresh-root: N passed, N failed' last; exits non-zero on a failure.
EOF
}

new_root=0
keep=0
only=""
while [ $# -gt 0 ]; do
	case "$1" in
	--new-root) new_root=1 ;;
	--keep) keep=1 ;;
	--only)
		[ $# -ge 2 ] || {
			usage >&2
			exit 2
		}
		only=$2
		shift
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
	shift
done
case "$only" in "" | demo | tests) ;; *)
	usage >&2
	exit 2
	;;
esac

log() { echo "[fresh_check] $*"; }
die() {
	echo "[fresh_check] error: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and bind mounts)"
base=$(cd "$(dirname "$0")/.." && pwd)
cache=${ERIKA_FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/erika-fresh}
tarball=$cache/bookworm-minbase.tar.gz

# The Debian mirror this machine's apt uses (a user's machine has its own).
host_mirror() {
	{
		sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null
		sed -n 's/^deb[[:space:]]\{1,\}\(http[^[:space:]]*\).*/\1/p' /etc/apt/sources.list 2>/dev/null
	} | grep -v -e security -e updates | grep /debian | head -n 1
}
mirror=${ERIKA_FRESH_MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
	log "installing debootstrap (needed by this check only)"
	apt-get update -q >/dev/null 2>&1 || log "apt-get update reported errors; trying anyway"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		-o DPkg::Lock::Timeout=600 debootstrap >/dev/null
fi

work=$(mktemp -d /var/tmp/erika-fresh.XXXXXX)
root=$work/root
mounted=""
cleanup() {
	for m in $mounted; do
		umount -l "$m" 2>/dev/null || true
	done
	if [ $keep -eq 1 ]; then
		log "root kept: $root"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ $new_root -eq 1 ] || [ ! -f "$tarball" ]; then
	log "building a minimal Debian 12 root (debootstrap --variant=minbase bookworm $mirror); a few minutes, cached afterwards"
	mkdir -p "$cache"
	t0=$(date +%s)
	if ! debootstrap --variant=minbase bookworm "$work/new" "$mirror" >"$work/debootstrap.log" 2>&1; then
		tail -n 20 "$work/debootstrap.log" >&2
		die "debootstrap failed (log above)"
	fi
	tar -C "$work/new" -czf "$tarball.tmp" .
	mv "$tarball.tmp" "$tarball"
	rm -rf "$work/new"
	log "root built in $(($(date +%s) - t0)) s: $tarball"
fi

log "unpacking the minimal root into $root"
mkdir -p "$root"
tar -C "$root" -xzf "$tarball"
# The network as this machine reaches it: name resolution, and apt's own
# access settings (Acquire::*: proxies, index validity) where the host has any.
cp /etc/resolv.conf "$root/etc/resolv.conf"
for f in /etc/apt/apt.conf.d/*; do
	[ -f "$f" ] && grep -q '^[[:space:]]*Acquire::' "$f" && cp "$f" "$root/etc/apt/apt.conf.d/"
done
# The suites a Debian 12 installation has (debootstrap writes the first only).
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $mirror-security bookworm-security main
EOF

for d in proc sys dev dev/pts; do
	mount --bind "/$d" "$root/$d"
	mounted="$root/$d $mounted"
done

if [ -n "$(git -C "$base" status --porcelain --untracked-files=no)" ]; then
	log "note: the clone is of the committed HEAD; uncommitted changes are not in it"
fi
git clone -q "$base" "$root/root/erika"
log "cloned $(git -C "$root/root/erika" log -1 --format='%h %s')"

# in_root CMD: CMD in the clone, in the root, with a new user's environment.
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI="${CI:-}" \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/sh -c "cd /root/erika && $1"
}

passed=0
failed=0
summary=""
# run NAME CMD: one README command in the root; its output as it comes.
run() {
	log "== $1: $2 (in the minimal root)"
	t0=$(date +%s)
	rc=0
	in_root "$2" || rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		verdict=PASS
	else
		failed=$((failed + 1))
		verdict="FAIL (exit status $rc)"
	fi
	summary="$summary
[fresh_check]   $1: $2: $verdict in $(($(date +%s) - t0)) s"
}

[ "$only" = tests ] || run demo scripts/demo.sh
[ "$only" = demo ] || run tests scripts/test.sh
log "summary:$summary"
echo "fresh-root: $passed passed, $failed failed"
[ $failed -eq 0 ]
