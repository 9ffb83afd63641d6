#!/usr/bin/env python3
"""Summarise bench/out/raw.tsv: table of medians, in-run ratios, PASS/FAIL targets.

Usage: bench/report.py RAW.tsv META.txt RESULTS.txt
Exit status: 0 when every target that could be checked passes, 1 otherwise.
"""
import statistics
import sys
from collections import OrderedDict

COMMANDS = ["startup", "validate", "plan", "render", "ansible-inventory"]

# Targets (name, check) are evaluated on the medians below.
VALIDATE_1000_MAX_S = 1.0
RENDER_10000_MAX_S = 5.0
RENDER_10000_MAX_MB = 512.0
RENDER_GROWTH_MAX = 12.0


def load(path):
    rows = OrderedDict()  # (size, cmd) -> {"wall": [...], "rss": [...], "skipped": reason}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            size, cmd, _run, wall, rss, status, cpu = line.rstrip("\n").split("\t")
            d = rows.setdefault((int(size), cmd), {"wall": [], "rss": [], "cpu": [], "skipped": None})
            if status == "ok":
                d["wall"].append(float(wall))
                d["rss"].append(int(rss) / 1024.0)
                d["cpu"].append(float(cpu))
            elif status.startswith("skipped"):
                d["skipped"] = status
    for d in rows.values():
        if d["skipped"]:
            d["wall"], d["rss"], d["cpu"] = [], [], []
    return rows


def main(raw, meta, results):
    rows = load(raw)
    sizes = sorted({s for s, _ in rows})
    med = {}
    for key, d in rows.items():
        if d["wall"]:
            med[key] = (statistics.median(d["wall"]), statistics.median(d["rss"]),
                        statistics.median(d["cpu"]))

    out = []
    w = out.append
    with open(meta, encoding="utf-8") as f:
        out.extend(f.read().rstrip("\n").splitlines())
    w("")
    w("%6s  %-18s %13s %13s %10s   %s" % ("hosts", "command", "median wall s", "peak RSS MB", "cpu s", "all runs, wall s"))
    w("%6s  %-18s %13s %13s %10s   %s" % ("-" * 6, "-" * 18, "-" * 13, "-" * 13, "-" * 10, "-" * 16))
    for s in sizes:
        for c in COMMANDS:
            d = rows.get((s, c))
            if d is None:
                continue
            if (s, c) in med:
                wall, rss, cpu = med[(s, c)]
                w("%6d  %-18s %13.2f %13.1f %10.2f   %s" % (s, c, wall, rss, cpu, " ".join("%.2f" % x for x in d["wall"])))
            else:
                w("%6d  %-18s %13s %13s %10s   %s" % (s, c, "-", "-", "-", d["skipped"] or "no successful run"))
    w("")
    w("'startup' is 'syncopated --version': the JVM start-up floor under every syncopated command.")
    w("Peak RSS is the median over runs of each process's maximum resident set (GNU time %M);")
    w("cpu s is the median user+sys CPU time. Wall well above cpu s (single-threaded work) means")
    w("the process waited for a CPU: the machine was busy, and wall figures are inflated.")

    def m(s, c, i=0):
        v = med.get((s, c))
        return None if v is None else v[i]

    w("")
    w("Ratios (medians of this run only):")
    for s in sizes:
        v, a = m(s, "validate"), m(s, "ansible-inventory")
        if v is not None and a is not None and a > 0:
            w("  validate(%d) / ansible-inventory(%d) wall = %.2f  (%.2fs vs %.2fs)" % (s, s, v / a, v, a))
        elif v is not None:
            w("  validate(%d) / ansible-inventory(%d) wall = n/a  (peer not measured)" % (s, s))
    r1, r10 = m(1000, "render"), m(10000, "render")
    growth = None
    if r1 and r10 is not None:
        growth = r10 / r1
        w("  render(10000) / render(1000) wall = %.2fx for 10x the hosts" % growth)
        st = m(1000, "startup")
        if st is not None and r1 - st > 0.05:
            w("    (without start-up, (render(10000) - startup) / (render(1000) - startup) = %.2fx)"
              % ((r10 - st) / (r1 - st)))
    v1 = m(1000, "validate")
    if v1 is not None:
        st = m(1000, "startup")
        w("  validate wall at 1000 hosts = %.2fs%s" % (v1, "" if st is None else
                                                       " (startup floor %.2fs, %.0f%% of it)" % (st, 100 * st / v1)))
    if r10 is not None:
        w("  render at 10000 hosts = %.2fs wall, %.1f MB peak RSS" % (r10, m(10000, "render", 1)))

    checks = []
    def check(name, ok, detail):
        checks.append((name, ok, detail))

    check("validate 1000 hosts <= %.1fs wall" % VALIDATE_1000_MAX_S,
          None if v1 is None else v1 <= VALIDATE_1000_MAX_S,
          "n/a" if v1 is None else "%.2fs" % v1)
    check("render 10000 hosts <= %.0fs wall" % RENDER_10000_MAX_S,
          None if r10 is None else r10 <= RENDER_10000_MAX_S,
          "n/a" if r10 is None else "%.2fs" % r10)
    rss10 = m(10000, "render", 1)
    check("render 10000 hosts <= %.0f MB peak RSS" % RENDER_10000_MAX_MB,
          None if rss10 is None else rss10 <= RENDER_10000_MAX_MB,
          "n/a" if rss10 is None else "%.1f MB" % rss10)
    check("render growth 1000->10000 <= %.0fx" % RENDER_GROWTH_MAX,
          None if growth is None else growth <= RENDER_GROWTH_MAX,
          "n/a" if growth is None else "%.2fx" % growth)
    for s in sizes:
        v, a = m(s, "validate"), m(s, "ansible-inventory")
        if v is None:
            continue
        if a is None:
            check("validate faster than ansible-inventory --list at %d hosts" % s, None,
                  "peer %s" % ((rows.get((s, "ansible-inventory")) or {}).get("skipped") or "not measured"))
        else:
            check("validate faster than ansible-inventory --list at %d hosts" % s, v < a,
                  "%.2fs vs %.2fs" % (v, a))

    w("")
    w("Targets:")
    failed = 0
    for name, ok, detail in checks:
        tag = "N/A " if ok is None else ("PASS" if ok else "FAIL")
        failed += ok is False
        w("  %s  %-61s %s" % (tag, name, detail))
    w("")
    w("%d of %d checked targets failed." % (failed, sum(ok is not None for _, ok, _ in checks))
      if failed else "All checked targets passed.")

    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    with open(results, "w", encoding="utf-8") as f:
        f.write(text)
    print("(written to %s)" % results)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
