#!/usr/bin/python3
# Managed by syncopated: read-only findings of the realtime_limits role. Prints JSON.
import glob
import grp
import json
import os
import pwd
import subprocess
import sys

group, users, offline = sys.argv[1], [u for u in sys.argv[2].split(",") if u], sys.argv[3] == "True"
out = {"group": group, "group_exists": False, "members": [], "users": {}, "limits_files": {},
       "offline": offline, "live_available": not offline and os.path.exists("/proc/self/limits")}
try:
    g = grp.getgrnam(group)
    out["group_exists"], out["members"] = True, sorted(g.gr_mem)
except KeyError:
    g = None
for path in sorted(glob.glob("/etc/security/limits.d/*.conf")) + ["/etc/security/limits.conf"]:
    try:
        with open(path) as f:
            lines = [l.split() for l in f if l.strip() and not l.lstrip().startswith("#")]
    except OSError:
        continue
    hits = [" ".join(l) for l in lines if len(l) >= 4 and l[2] in ("rtprio", "memlock")]
    if hits:
        out["limits_files"][path] = hits
granted = set()
for lines in out["limits_files"].values():
    for l in lines:
        dom = l.split()[0]
        granted.add(dom)
out["groups_with_limits"] = sorted(d[1:] for d in granted if d.startswith("@"))
for u in users:
    info = {"exists": False}
    try:
        pw = pwd.getpwnam(u)
        info["exists"] = True
        groups = [x.gr_name for x in grp.getgrall() if u in x.gr_mem]
        groups.append(grp.getgrgid(pw.pw_gid).gr_name)
        info["in_group"] = group in groups
        info["groups_with_limits"] = sorted(set(groups) & set(out["groups_with_limits"]))
    except KeyError:
        pass
    if info["exists"] and out["live_available"]:
        try:
            r = subprocess.run(["runuser", "-l", u, "-c", "ulimit -r; ulimit -l"], capture_output=True, text=True, timeout=20)
            vals = r.stdout.split()
            if r.returncode == 0 and len(vals) >= 2:
                info["rtprio"] = int(vals[0]) if vals[0].isdigit() else vals[0]
                info["memlock"] = int(vals[1]) if vals[1].isdigit() else vals[1]
        except (OSError, subprocess.SubprocessError):
            info["rtprio"] = None
    out["users"][u] = info
try:
    st = os.stat("/dev/cpu_dma_latency")
    out["cpu_dma_latency_group"] = grp.getgrgid(st.st_gid).gr_name if out["live_available"] else None
except (OSError, KeyError):
    out["cpu_dma_latency_group"] = None
print(json.dumps(out))
