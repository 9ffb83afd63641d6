#!/usr/bin/python3
# Managed by syncopated: read-only findings of the cpu_power role. Prints JSON.
import glob
import json
import os
import subprocess
import sys

offline, unit, rivals = sys.argv[1] == "True", sys.argv[2], sys.argv[3].split(",")
out = {"offline": offline, "live_available": not offline and os.path.isdir("/sys/devices/system/cpu")}


def read(p):
    try:
        with open(p) as f:
            return f.read().strip()
    except OSError:
        return None


out["unit_installed"] = os.path.exists("/etc/systemd/system/" + unit)
out["unit_enabled"] = os.path.exists("/etc/systemd/system/multi-user.target.wants/" + unit)
frag = read("/etc/syncopated/cmdline.d/cpu_power.conf") or ""
out["configured_args"] = [t for l in frag.splitlines() if l.strip() and not l.startswith("#") for t in l.split()]
if out["live_available"]:
    govs = {}
    for f in glob.glob("/sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor"):
        govs.setdefault(read(f), []).append(int(f.split("/")[5][3:]))
    out["governors"] = {g: sorted(c) for g, c in govs.items()}
    out["governor"] = next(iter(govs)) if len(govs) == 1 else (None if not govs else "mixed")
    out["available_governors"] = (read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_available_governors") or "").split()
    out["driver"] = read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_driver")
    out["intel_idle_max_cstate"] = read("/sys/module/intel_idle/parameters/max_cstate")
    out["cpuidle_driver"] = read("/sys/devices/system/cpu/cpuidle/current_driver")
    cmdline = (read("/proc/cmdline") or "").split()
    out["cstate_args_active"] = [t for t in cmdline if "max_cstate" in t]
    active = []
    try:
        r = subprocess.run(["systemctl", "is-active"] + rivals, capture_output=True, text=True, timeout=10)
        active = [s for s, st in zip(rivals, r.stdout.split()) if st == "active"]
    except (OSError, subprocess.SubprocessError):
        pass
    out["rival_services_active"] = active
    if active:
        out["warning"] = "Also managing the governor: " + ", ".join(active)
    if not govs:
        out["note"] = "No cpufreq interface (a VM or no cpufreq driver): the governor cannot be set here."
else:
    out["note"] = "Offline target: live governors are not available; this reports the files."
print(json.dumps(out))
