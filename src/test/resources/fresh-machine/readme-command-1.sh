#!/usr/bin/env bash
# Runs the README's set-up command 1, exactly as the README writes it, on a fresh Debian 12 machine:
# a debootstrap root that has Java and Maven and nothing else (no Ansible, no Python), entered with
# chroot, with a clean clone of the repository in /root/syncopated.
#   readme-command-1.sh REPO [JAVA_ROOT_CACHE]
# The Java root is built once (build-base-root.sh) and copied for each run, which starts from
# nothing else: Maven fetches its plugins from Maven Central, and the command installs Ansible from
# the Debian mirror. Prints the command, its output and its wall time; exits with its exit code.
# Needs root, debootstrap and git.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 REPO [JAVA_ROOT_CACHE]" >&2; exit 2; }
repo=$(realpath -- "$1")
cache=${2:-/var/cache/syncopated/bookworm-java}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

# Command 1 is the first command line after the line '# 1.' in the README's code blocks.
command=$(awk '/^# 1\./ { found = 1 } found && !/^#/ && NF { print; exit }' "$repo/README.md")
[[ -n $command ]] || { echo "readme-command-1: no '# 1.' command in $repo/README.md" >&2; exit 2; }

bash "$here/../targets/build-base-root.sh" "$cache" ca-certificates,openjdk-17-jdk-headless,maven

work=$(mktemp -d /var/tmp/syncopated-fresh.XXXXXX)
root=$work/root
cleanup() {
    for m in dev/pts dev proc sys; do
        mountpoint -q "$root/$m" && umount -l "$root/$m"
    done
    rm -rf --one-file-system -- "$work"
}
trap cleanup EXIT
cp -a --reflink=auto "$cache" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The certificate authorities this machine adds for its network (a TLS-inspecting egress proxy,
# say) belong to any machine on that network, a fresh one too: without them Maven cannot reach
# Maven Central. Debian's ca-certificates-java hook puts them into Java's trust store as well.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
chroot "$root" update-ca-certificates >/dev/null 2>&1
git clone -q --no-local "$repo" "$root/root/syncopated"

echo "readme-command-1: in a fresh Debian 12 root with $(chroot "$root" java -version 2>&1 | head -1) and $(chroot "$root" mvn -v 2>/dev/null | head -1)"
echo "readme-command-1: ansible-playbook before: $(chroot "$root" sh -c 'command -v ansible-playbook || echo none')"
echo "readme-command-1: \$ $command"
start=$(date +%s)
code=0
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/syncopated && $command" || code=$?
echo "readme-command-1: exit $code after $(( $(date +%s) - start )) s"
exit "$code"
