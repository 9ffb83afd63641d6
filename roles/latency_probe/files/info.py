#!/usr/bin/python3
# Managed by syncopated: read-only findings of the latency_probe role. Prints JSON.
import grp
import json
import os
import re
import shutil
import subprocess
import sys

offline = sys.argv[1] == "True"
out = {"offline": offline}
for tool in ("cyclictest", "jack_iodelay", "jack_delay", "alsa_delay", "hwlatdetect", "rtla", "pw-jack"):
    out[tool] = shutil.which(tool, path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
if out["cyclictest"]:
    try:
        r = subprocess.run([out["cyclictest"], "--help"], capture_output=True, text=True, timeout=10)
        m = re.search(r"V (\d+\.\d+)", r.stdout + r.stderr)
        out["cyclictest_version"] = m.group(1) if m else None
    except (OSError, subprocess.SubprocessError):
        out["cyclictest_version"] = None
if not offline:
    try:
        tr = open("/sys/kernel/tracing/available_tracers").read().split()
    except OSError:
        try:
            tr = open("/sys/kernel/debug/tracing/available_tracers").read().split()
        except OSError:
            tr = None
    out["tracers"] = tr
    out["timerlat_available"] = None if tr is None else "timerlat" in tr
    try:
        st = os.stat("/dev/cpu_dma_latency")
        out["cpu_dma_latency"] = {"group": grp.getgrgid(st.st_gid).gr_name, "mode": oct(st.st_mode & 0o777)}
    except (OSError, KeyError):
        out["cpu_dma_latency"] = None
else:
    out["note"] = "Offline target: tracers and /dev/cpu_dma_latency are not available; this reports installed tools."
out["ready"] = bool(out["cyclictest"])
print(json.dumps(out))
