#!/usr/bin/python3
# Managed by syncopated: read-only findings of the cpu_isolation role. Prints JSON.
import json
import os
import subprocess
import sys

offline = sys.argv[1] == "True"
out = {"offline": offline, "live_available": not offline and os.path.exists("/proc/cmdline")}


def read(p):
    try:
        with open(p) as f:
            return f.read().strip()
    except OSError:
        return None


frag = read("/etc/syncopated/cmdline.d/cpu_isolation.conf") or ""
out["configured_args"] = [t for l in frag.splitlines() if l.strip() and not l.startswith("#") for t in l.split()]
if out["live_available"]:
    cmdline = (read("/proc/cmdline") or "").split()
    out["active_args"] = [t for t in cmdline if t.split("=")[0] in ("isolcpus", "nohz_full", "rcu_nocbs", "irqaffinity")]
    out["args_pending"] = [a for a in out["configured_args"] if a not in cmdline]
    out["isolated"] = read("/sys/devices/system/cpu/isolated")
    out["nohz_full"] = read("/sys/devices/system/cpu/nohz_full")
    out["default_irq_affinity"] = read("/proc/irq/default_smp_affinity")
    try:
        r = subprocess.run(["systemctl", "is-active", "irqbalance"], capture_output=True, text=True, timeout=10)
        out["irqbalance_active"] = r.stdout.strip() == "active"
    except (OSError, subprocess.SubprocessError):
        out["irqbalance_active"] = None
    if out["irqbalance_active"] and out["configured_args"]:
        out["warning"] = ("irqbalance is running while IRQs are pinned by irqaffinity: it honours isolcpus/nohz_full in "
                          "recent versions, but check /proc/interrupts or stop irqbalance.")
else:
    out["note"] = "Offline target: the running command line and isolated CPUs are not available; this reports the files."
print(json.dumps(out))
