#!/usr/bin/python3
# Managed by syncopated: read-only findings of the rtirq role. Prints JSON.
import json
import os
import re
import sys

conf, offline = sys.argv[1], sys.argv[2] == "True"
out = {"config_file": conf, "configured": {}, "offline": offline}
try:
    with open(conf) as f:
        for line in f:
            m = re.match(r'^\s*(RTIRQ_[A-Z_]+)=("?)(.*?)\2\s*$', line)
            if m:
                out["configured"][m.group(1)] = m.group(3)
    out["managed_by_syncopated"] = "Managed by syncopated" in open(conf).read()
except OSError:
    out["config_file"] = None
live = os.path.exists("/proc/self/stat") and not offline
out["live_available"] = live
threads = []
if live:
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            comm = open("/proc/%s/comm" % pid).read().strip()
        except OSError:
            continue
        if comm.startswith("irq/"):
            try:
                pol = os.sched_getscheduler(int(pid))
                prio = os.sched_getparam(int(pid)).sched_priority
            except OSError:
                pol, prio = None, None
            threads.append({"thread": comm, "pid": int(pid), "policy": {os.SCHED_FIFO: "fifo", os.SCHED_RR: "rr", os.SCHED_OTHER: "other"}.get(pol, str(pol)), "prio": prio})
    threads.sort(key=lambda t: (-(t["prio"] or 0), t["thread"]))
    try:
        cmdline = open("/proc/cmdline").read().split()
    except OSError:
        cmdline = []
    try:
        rt = "PREEMPT_RT" in os.uname().version
    except OSError:
        rt = False
    out["threadirqs"] = "threadirqs" in cmdline or rt
    out["irq_threads"] = len(threads)
    out["raised"] = [t for t in threads if t["prio"] and t["prio"] != 50]
    out["default_prio"] = len([t for t in threads if t["prio"] == 50])
    if not threads:
        out["warning"] = "No irq/* threads: boot with threadirqs (role rt_kernel) or a PREEMPT_RT kernel, else rtirq changes nothing."
print(json.dumps(out))
