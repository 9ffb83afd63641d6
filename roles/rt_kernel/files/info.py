#!/usr/bin/python3
# Managed by syncopated: read-only findings of the rt_kernel role. Prints JSON.
import glob
import gzip
import json
import os
import re
import subprocess
import sys

offline = sys.argv[1] == "True"
out = {"offline": offline, "live_available": not offline and os.path.exists("/proc/cmdline")}


def read(p):
    try:
        with open(p) as f:
            return f.read()
    except OSError:
        return None


out["installed_kernels"] = sorted(os.path.basename(p)[len("vmlinuz-"):] for p in glob.glob("/boot/vmlinuz-*"))
out["installed_rt_kernels"] = [k for k in out["installed_kernels"] if re.search(r"(^|[-.])rt", k)]
frag = read("/etc/syncopated/cmdline.d/rt_kernel.conf")
out["configured_args"] = [t for l in (frag or "").splitlines() if l.strip() and not l.startswith("#") for t in l.split()]
if out["live_available"]:
    u = os.uname()
    out["release"], out["version"] = u.release, u.version
    cmdline = (read("/proc/cmdline") or "").split()
    cfg = read("/boot/config-" + u.release)
    if cfg is None:
        try:
            cfg = gzip.open("/proc/config.gz", "rt").read()
        except OSError:
            cfg = ""
    out["kernel_rt"] = "PREEMPT_RT" in u.version.split() or (read("/sys/kernel/realtime") or "").strip() == "1" \
        or "CONFIG_PREEMPT_RT=y" in cfg
    out["preempt_dynamic"] = "CONFIG_PREEMPT_DYNAMIC=y" in cfg or "PREEMPT_DYNAMIC" in u.version
    mode = None
    dbg = read("/sys/kernel/debug/sched/preempt")
    if dbg:
        m = re.search(r"\((\w+)\)", dbg)
        mode = m.group(1) if m else None
    if mode is None:
        for t in cmdline:
            if t.startswith("preempt="):
                mode = t.split("=", 1)[1]
    if mode is None:
        try:
            m = re.search(r"Dynamic Preempt: (\w+)", subprocess.run(["dmesg"], capture_output=True, text=True, timeout=10).stdout)
            mode = m.group(1) if m else None
        except (OSError, subprocess.SubprocessError):
            pass
    out["preemption"] = "rt" if out["kernel_rt"] else mode
    out["cmdline"] = " ".join(cmdline)
    out["args_active"] = [a for a in out["configured_args"] if a in cmdline]
    out["args_pending"] = [a for a in out["configured_args"] if a not in cmdline]
    threads = 0
    for pid in os.listdir("/proc"):
        if pid.isdigit() and (read("/proc/%s/comm" % pid) or "").startswith("irq/"):
            threads += 1
    out["threaded_irqs"] = threads > 0
    out["nvidia_loaded"] = os.path.isdir("/sys/module/nvidia")
    if out["nvidia_loaded"] and out["kernel_rt"]:
        out["warning"] = "The NVIDIA proprietary driver is loaded on a PREEMPT_RT kernel: it refuses RT kernels unless IGNORE_PREEMPT_RT_PRESENCE=1 and is a known source of latency."
    if out["installed_rt_kernels"] and not out["kernel_rt"]:
        out["reboot_pending"] = "A real-time kernel is installed but not running: reboot into it."
else:
    out["nvidia_installed"] = bool(glob.glob("/lib/modules/*/*/nvidia*.ko*") or glob.glob("/usr/lib/modules/*/*/nvidia*.ko*") or glob.glob("/lib/modules/*/updates/dkms/nvidia*.ko*"))
    out["note"] = "Offline target: live kernel values (uname, /proc/cmdline, preemption mode) are not available; this reports the files."
print(json.dumps(out))
