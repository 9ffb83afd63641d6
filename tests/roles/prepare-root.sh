#!/bin/sh
# Fresh scratch root for one experiment: a copy of the cached debootstrap base,
# with a stand-in GRUB configuration (grub is not installed, there is no /boot/grub)
# and a test user.
set -eu
BASE=/var/cache/syncopated/bookworm-base
ROOT=${1:-/var/tmp/syncopated-test/root}
[ -d "$BASE" ] || debootstrap --variant=minbase --include=python3,python3-apt,systemd,udev,kmod,procps \
    bookworm "$BASE" http://deb.debian.org/debian
rm -rf "$ROOT"
mkdir -p "$(dirname "$ROOT")"
cp -a "$BASE" "$ROOT"
mkdir -p "$ROOT/etc/default/grub.d"
printf 'GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX=""\n' > "$ROOT/etc/default/grub"
chroot "$ROOT" useradd -m -s /bin/bash alice 2>/dev/null || true
# Reuse downloaded packages between experiments (only speeds up apt; no effect on results).
mkdir -p /var/cache/syncopated/debs
cp -a /var/cache/syncopated/debs/. "$ROOT/var/cache/apt/archives/" 2>/dev/null || true
