#!/bin/sh
# The target is the container this runs in: give it the stand-in GRUB configuration and the test
# user that prepare-root.sh gives a chroot (a container has no boot loader of its own).
set -eu
mkdir -p /etc/default/grub.d
[ -f /etc/default/grub ] || printf 'GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT="quiet"\nGRUB_CMDLINE_LINUX=""\n' > /etc/default/grub
id alice >/dev/null 2>&1 || useradd -m -s /bin/sh alice
