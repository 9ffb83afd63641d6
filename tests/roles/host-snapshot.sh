#!/bin/sh
# State of THIS machine that the role tests must not change (volatile counters filtered out).
OUT=${1:?output dir}
mkdir -p "$OUT"
sysctl -a 2>/dev/null | grep -vE '^(fs\.quota\.|fs\.(dentry-state|inode-nr|inode-state|file-nr|aio-nr)|kernel\.(random\.|ns_last_pid|pty\.nr|sched_domain)|net\.netfilter\.nf_conntrack_count|vm\.(stat_refresh|nr_))' | sort > "$OUT/sysctl"
# lsmod and systemctl may not work here (monolithic kernel, no systemd as PID 1): record what they say.
{ lsmod 2>&1 || cat /proc/modules 2>&1; } | awk '{print $1}' | sort > "$OUT/lsmod"
systemctl list-units --state=running --no-legend --plain 2>&1 | awk '{print $1}' | sort > "$OUT/running"
# Long-running processes, as a stand-in for running units (transient test processes filtered out).
ps -eo comm= | grep -vE '^(ps|sort|grep|awk|sed|sh|bash|sleep|cat|chroot|python3?|ansible.*|timeout|diff|tr|uniq|chrt|ls|find|cp|rm|mkdir|date|bc|wc|tee|head|tail|kworker/.*|host-snapshot.sh|run.sh|run-all.sh)$' | sort -u > "$OUT/processes"
ls -1 /etc/sysctl.d /etc/udev/rules.d /etc/modprobe.d /etc/security/limits.d /etc/default 2>/dev/null > "$OUT/etc-dropins"
for t in /proc/[0-9]*; do c=$(cat $t/comm 2>/dev/null); case "$c" in irq/*) echo "$c $(chrt -p ${t#/proc/} 2>/dev/null | tr '\n' ' ')";; esac; done | sed 's/pid [0-9]*//g' | sort > "$OUT/irq-prio"
cat /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor 2>/dev/null | sort | uniq -c > "$OUT/governor"
