#!/bin/bash
# Lifecycle test of one role (or "all"):
# present -> present (changed=0) -> --check (changed=0) -> info -> absent (files gone).
# TARGET=chroot (default): a fresh Debian 12 chroot. TARGET=local: the machine or container this
# runs in, treated as an offline target (GitHub's Arch, Fedora and Ubuntu containers use this).
set -u
cd "$(dirname "$0")"
ROLE=${1:?role name or all}
TARGET=${TARGET:-chroot}
LOG=${LOGDIR:-/var/tmp/syncopated-test/logs}/$ROLE
mkdir -p "$LOG"
if [ "$TARGET" = local ]; then
  ROOT=""
  ./prepare-local.sh
  export ANSIBLE_INVENTORY=$PWD/inventory-local.yml
else
  ROOT=/var/tmp/syncopated-test/root
  ./prepare-root.sh "$ROOT"
fi
PB=test_$ROLE.yml
fail=0
recap() { grep -A1 'PLAY RECAP' "$1" | tail -1 | sed 's/  */ /g'; }
changed() { recap "$1" | sed -n 's/.*changed=\([0-9]*\).*/\1/p'; }
failed() { recap "$1" | sed -n 's/.*failed=\([0-9]*\).*/\1/p'; }
step() { # name, expected changed ("any" or a number), extra args...
  local name=$1 want=$2; shift 2
  local t0=$(date +%s.%N)
  ANSIBLE_FORCE_COLOR=0 ansible-playbook "$PB" "$@" > "$LOG/$name.log" 2>&1
  local rc=$? t1=$(date +%s.%N)
  local c=$(changed "$LOG/$name.log") f=$(failed "$LOG/$name.log")
  local verdict=ok
  if [ "$rc" != 0 ] || [ "${f:-1}" != 0 ]; then verdict=FAIL; fail=1
  elif [ "$want" != any ] && [ "$c" != "$want" ]; then verdict=FAIL; fail=1; fi
  printf '%-16s %-9s rc=%s changed=%s failed=%s %6.1fs %s\n' "$ROLE" "$name" "$rc" "$c" "$f" "$(echo "$t1 - $t0" | bc)" "$verdict"
}
step present1 any
grep -rlIi 'managed by syncopated' "$ROOT/etc" "$ROOT/usr/local" 2>/dev/null | sed "s|^$ROOT||" > "$LOG/owned-files.txt"
step present2 0
step check 0 --check
[ "$ROLE" != all ] && step info 0 -e "${ROLE}_state=info"
[ "$ROLE" = all ] && step info 0 -e "{\"rt_kernel_state\":\"info\",\"rtirq_state\":\"info\",\"cpu_isolation_state\":\"info\",\"cpu_power_state\":\"info\",\"realtime_limits_state\":\"info\",\"audio_sysctl_state\":\"info\",\"pipewire_state\":\"info\",\"usb_audio_state\":\"info\",\"latency_probe_state\":\"info\"}"
if [ "$ROLE" = all ]; then
  ABS='{"rt_kernel_state":"absent","rtirq_state":"absent","cpu_isolation_state":"absent","cpu_power_state":"absent","realtime_limits_state":"absent","audio_sysctl_state":"absent","pipewire_state":"absent","usb_audio_state":"absent","latency_probe_state":"absent"}'
  step absent any -e "$ABS"
  step absent2 0 -e "$ABS"
else
  step absent any -e "${ROLE}_state=absent"
  step absent2 0 -e "${ROLE}_state=absent"
fi
left=$(grep -rlIi 'managed by syncopated' "$ROOT/etc" "$ROOT/usr/local" 2>/dev/null | sed "s|^$ROOT||")
[ -e "$ROOT/etc/syncopated" ] && left="$left /etc/syncopated"
if [ -n "$left" ]; then echo "$ROLE: left after absent: $left"; fail=1; else echo "$ROLE: nothing managed left after absent ($(wc -l < "$LOG/owned-files.txt") files were owned)"; fi
[ "$TARGET" = local ] || cp -an "$ROOT"/var/cache/apt/archives/*.deb /var/cache/syncopated/debs/ 2>/dev/null || true
exit $fail
