#!/usr/bin/python3
# Managed by syncopated: read-only findings of the audio_sysctl role. Prints JSON.
import json
import os
import sys

KEYS = {"vm.swappiness": "swappiness", "fs.inotify.max_user_watches": "inotify_watches",
        "dev.hpet.max-user-freq": "hpet_max_user_freq"}
conf = sys.argv[1]
out = {"config_file": conf, "configured": {}, "live": {}, "live_available": os.path.exists("/proc/sys/vm/swappiness")}
try:
    with open(conf) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = (s.strip() for s in line.split("=", 1))
            k = k.lstrip("-")
            if k in KEYS:
                out["configured"][KEYS[k]] = int(v) if v.isdigit() else v
except OSError:
    out["config_file"] = None
for k, name in KEYS.items():
    p = "/proc/sys/" + k.replace(".", "/")
    try:
        with open(p) as f:
            out["live"][name] = int(f.read().strip())
    except (OSError, ValueError):
        out["live"][name] = None
out["drift"] = sorted(n for n, v in out["configured"].items()
                      if out["live_available"] and out["live"].get(n) is not None and out["live"][n] != v)
for dev in ("/dev/rtc0", "/dev/hpet"):
    try:
        st = os.stat(dev)
        import grp
        out["live"][os.path.basename(dev) + "_group"] = grp.getgrgid(st.st_gid).gr_name
    except (OSError, KeyError):
        out["live"][os.path.basename(dev) + "_group"] = None
print(json.dumps(out))
