#!/bin/bash
# Every role alone, then all nine together, against fresh Debian 12 chroots,
# with a check that this machine is unchanged.
cd "$(dirname "$0")"
export LOGDIR=/var/tmp/syncopated-test/logs
./host-snapshot.sh /var/tmp/syncopated-test/host-before
rc=0
for r in ${ROLES:-rt_kernel rtirq cpu_isolation cpu_power realtime_limits audio_sysctl pipewire usb_audio latency_probe} all; do
  ./run.sh "$r" || rc=1
done
./host-snapshot.sh /var/tmp/syncopated-test/host-after
B=/var/tmp/syncopated-test/host-before A=/var/tmp/syncopated-test/host-after
# processes is informative only: other work runs on this machine at the same time.
diff "$B/processes" "$A/processes" > /var/tmp/syncopated-test/host-processes.diff
if diff -r -x processes "$B" "$A"; then
  echo "host unchanged: sysctl -a, lsmod, running units, drop-in dirs, IRQ-thread priorities, governors"
else
  echo "HOST CHANGED"; rc=1
fi
exit $rc
