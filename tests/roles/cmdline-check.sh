#!/bin/bash
# The shared kernel command line with all nine roles, then with subsets, on one chroot;
# plus the wall time of a no-op re-run of all nine roles.
set -u
cd "$(dirname "$0")"
ROOT=/var/tmp/syncopated-test/root
LOG=/var/tmp/syncopated-test/logs/cmdline
mkdir -p "$LOG"
./prepare-root.sh "$ROOT"
line() { # what grub-mkconfig would see: /etc/default/grub, then grub.d/*.cfg
  chroot "$ROOT" /bin/sh -c '. /etc/default/grub; for f in /etc/default/grub.d/*.cfg; do [ -e "$f" ] && . "$f"; done; echo "$GRUB_CMDLINE_LINUX_DEFAULT"'
}
run() { local n=$1; shift; ansible-playbook test_all.yml "$@" > "$LOG/$n.log" 2>&1; echo "$n: rc=$? $(grep -A1 'PLAY RECAP' "$LOG/$n.log" | tail -1 | sed 's/  */ /g')"; }
run all-present
echo "line after all nine: $(line)"
echo "drop-in:"; sed 's/^/    /' "$ROOT/etc/default/grub.d/99-syncopated.cfg"
t0=$(date +%s.%N); run all-noop; t1=$(date +%s.%N)
echo "no-op re-run of all nine: $(echo "$t1 - $t0" | bc) s wall"
t0=$(date +%s.%N); run all-check --check; t1=$(date +%s.%N)
echo "--check run of all nine: $(echo "$t1 - $t0" | bc) s wall"
run drop-isolation -e cpu_isolation_state=absent
echo "line without cpu_isolation: $(line)"
run drop-cstate -e cpu_isolation_state=absent -e '{"cpu_power_max_cstate": null}'
echo "line without cpu_isolation and max_cstate: $(line)"
run only-isolation -e rt_kernel_state=absent -e cpu_isolation_state=present -e cpu_power_state=absent
echo "line with cpu_isolation only: $(line)"
run none -e rt_kernel_state=absent -e cpu_isolation_state=absent -e cpu_power_state=absent
echo "line with none: $(line); drop-in present: $(test -e "$ROOT/etc/default/grub.d/99-syncopated.cfg" && echo yes || echo no); /etc/syncopated: $(ls -A "$ROOT/etc/syncopated/cmdline.d" 2>/dev/null | tr '\n' ' ')"
