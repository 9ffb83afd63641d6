#!/usr/bin/python3
# Managed by syncopated: read-only findings of the pipewire role. Prints JSON.
import glob
import json
import os
import pwd
import re
import subprocess
import sys

offline, wp_version = sys.argv[1] == "True", sys.argv[2] or None
out = {"offline": offline, "wireplumber_version": wp_version,
       "live_available": not offline and os.path.isdir("/proc/self")}
KEYS = ["default.clock.rate", "default.clock.allowed-rates", "default.clock.quantum",
        "default.clock.min-quantum", "default.clock.max-quantum"]
configured, sources = {}, {}
files = sorted(glob.glob("/usr/share/pipewire/pipewire.conf.d/*.conf"), key=os.path.basename) \
    + sorted(glob.glob("/etc/pipewire/pipewire.conf.d/*.conf"), key=os.path.basename)
for path in files:
    try:
        text = open(path).read()
    except OSError:
        continue
    text = re.sub(r"#[^\n]*", "", text)
    for k in KEYS:
        m = re.search(re.escape(k) + r"\s*=\s*(\[[^\]]*\]|\S+)", text)
        if m:
            v = m.group(1)
            configured[k] = [int(x) for x in re.findall(r"\d+", v)] if v.startswith("[") else (int(v) if v.isdigit() else v)
            sources[k] = path
out["configured"], out["configured_in"] = configured, sources
out["wireplumber_rules"] = [p for p in ("/etc/wireplumber/main.lua.d/51-syncopated-no-suspend.lua",
                                        "/etc/wireplumber/wireplumber.conf.d/51-syncopated-no-suspend.conf") if os.path.exists(p)]
if out["live_available"]:
    daemons = []
    for d in glob.glob("/proc/[0-9]*"):
        try:
            if open(d + "/comm").read().strip() != "pipewire":
                continue
            uid = os.stat(d).st_uid
            limits = open(d + "/limits").read()
            m = re.search(r"Max realtime priority\s+(\S+)", limits)
            rt = []
            for t in glob.glob(d + "/task/*"):
                try:
                    prio = os.sched_getparam(int(os.path.basename(t))).sched_priority
                except OSError:
                    continue
                if prio:
                    rt.append({"thread": open(t + "/comm").read().strip(), "prio": prio})
            daemons.append({"pid": int(os.path.basename(d)), "user": pwd.getpwuid(uid).pw_name, "uid": uid,
                            "rlimit_rtprio": m.group(1) if m else None, "rt_threads": rt})
        except (OSError, KeyError):
            continue
    out["daemons"] = daemons
    live = {}
    for dmn in daemons:
        env = dict(os.environ, XDG_RUNTIME_DIR="/run/user/%d" % dmn["uid"])
        try:
            r = subprocess.run(["runuser", "-u", dmn["user"], "--", "pw-metadata", "-n", "settings", "0"],
                               capture_output=True, text=True, timeout=10, env=env)
            vals = dict(re.findall(r"key:'([^']+)' value:'([^']*)'", r.stdout))
            live[dmn["user"]] = vals
        except (OSError, subprocess.SubprocessError):
            live[dmn["user"]] = None
    out["live_settings"] = live
    if not daemons:
        out["note"] = "No pipewire process is running: no live clock values."
    for dmn in daemons:
        if not dmn["rt_threads"]:
            out.setdefault("warnings", []).append(
                "PipeWire of %s runs without real-time threads (RLIMIT_RTPRIO %s): check realtime_limits." % (dmn["user"], dmn["rlimit_rtprio"]))
else:
    out["note"] = "Offline target: PipeWire is not running here; this reports the drop-in files."
print(json.dumps(out))
