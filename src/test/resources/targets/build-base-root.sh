#!/usr/bin/env bash
# Builds the cached Debian 12 root filesystem that the real-target tests copy (DESIGN.md §6):
# once, with debootstrap, into CACHE (default /var/cache/syncopated/bookworm-base).
#
# The tree is built beside the cache as CACHE.partial, a marker file is written into it last,
# and only then is it renamed into place, so CACHE either holds a complete root with its marker
# or does not exist. A CACHE without the marker (an interrupted or foreign build), or with a
# marker for a different package list, is rebuilt. A lock file serialises concurrent callers
# (.ci/run and the test JVM's DebianRoot). Needs root and debootstrap.
#
# Used by .ci/run and by dev.syncopated.testing.DebianRoot: one command, one place.
set -euo pipefail

# A second argument replaces the package list (the fresh-machine test's root holds Java and Maven).
cache=${1:-${SYNCOPATED_TEST_ROOT_CACHE:-/var/cache/syncopated/bookworm-base}}
mirror=${SYNCOPATED_DEBIAN_MIRROR:-http://deb.debian.org/debian}
include=${2:-python3,python3-apt,systemd,udev,kmod,procps,sudo,openssh-server}
marker_name=.syncopated-base-root
# The marker's content names what was built; changing the package list triggers a rebuild.
marker_text="debootstrap --variant=minbase --include=$include bookworm"

complete() { [[ -f "$cache/$marker_name" ]] && [[ "$(cat "$cache/$marker_name")" == "$marker_text" ]]; }

if complete; then
    exit 0
fi
[[ $(id -u) -eq 0 ]] || { echo "build-base-root: needs root" >&2; exit 3; }
command -v debootstrap >/dev/null || { echo "build-base-root: debootstrap is not installed" >&2; exit 3; }

mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
if complete; then   # another caller built it while we waited for the lock
    exit 0
fi

partial="$cache.partial"
rm -rf --one-file-system "$partial"
echo "build-base-root: debootstrap bookworm into $cache (a few minutes, once)" >&2
start=$(date +%s)
debootstrap --variant=minbase --include="$include" bookworm "$partial" "$mirror" >"$cache.log" 2>&1 || {
    echo "build-base-root: debootstrap failed; last lines of $cache.log:" >&2
    tail -n 30 "$cache.log" >&2
    exit 1
}
# The downloaded .debs are not needed in the root and would be copied for every test.
find "$partial/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -delete
printf '%s' "$marker_text" >"$partial/$marker_name"
if [[ -e "$cache" ]]; then
    mv "$cache" "$cache.old.$$"
    rm -rf --one-file-system "$cache.old.$$"
fi
mv "$partial" "$cache"
echo "build-base-root: built $cache in $(( $(date +%s) - start ))s" >&2
