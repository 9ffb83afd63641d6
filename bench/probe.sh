#!/usr/bin/env bash
# Benchmark of the latency probe (see bench/README.md, "Benchmark: probe"). In ONE run:
#  (a) the probe's own CPU time while cyclictest runs for BENCH_PROBE_SECONDS (default 30): the JVM
#      must wait on the process, not poll. Measured as the CPU of `syncopated probe latency` (JVM and
#      cyclictest, which time(1) sums) minus that of the same cyclictest run alone, next to each other.
#  (b) the time to analyse a cyclictest histogram of 10 million samples (`probe report`), against
#      the JVM start-up floor (`syncopated --version`) and a 15,000-sample capture of the same shape.
# Needs root (cyclictest at SCHED_FIFO), cyclictest (rt-tests), python3, GNU time.
#
#   bench/probe.sh
#   BENCH_RUNS=5 BENCH_PROBE_SECONDS=10 bench/probe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-3}
seconds=${BENCH_PROBE_SECONDS:-30}
out=bench/out/probe
TIME=/usr/bin/time
die() { echo "bench/probe.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (cyclictest runs at SCHED_FIFO priority 90)"
command -v cyclictest >/dev/null || die "cyclictest is not installed (apt-get install rt-tests)"
[ -x "$TIME" ] || die "$TIME not found (apt-get install time)"
[ -f target/syncopated.jar ] || (mvn -q -B -DskipTests package)
mkdir -p "$out"
# shellcheck source=bench/private-jar.sh
. bench/private-jar.sh
private_jar "$PWD/$out"
export XDG_STATE_HOME=$PWD/$out/state
syn=(bin/syncopated)

# A histogram as `cyclictest -h 400 -q` prints it: 4 CPUs, 2.5 million samples each, a realistic
# long tail and a few hundred overflows whose cycle numbers are listed.
python3 - "$out/h10m.txt" 2500000 <<'PY'
import random, sys
path, per_cpu = sys.argv[1], int(sys.argv[2])
random.seed(7)
cpus, buckets = 4, 400
hist = [[0] * buckets for _ in range(cpus)]
over = [[] for _ in range(cpus)]
mins, maxs, sums = [10**9] * cpus, [0] * cpus, [0] * cpus
for c in range(cpus):
    for n in range(per_cpu):
        v = int(random.lognormvariate(2.8, 0.35)) if n % 1000 else int(random.expovariate(1 / 150.0)) + 20
        mins[c] = min(mins[c], v); maxs[c] = max(maxs[c], v); sums[c] += v
        if v < buckets:
            hist[c][v] += 1
        else:
            over[c].append(n)
with open(path, "w") as f:
    f.write("# /dev/cpu_dma_latency set to 0us\n# Histogram\n")
    for b in range(buckets):
        f.write("%06d " % b + "\t".join("%06d" % hist[c][b] for c in range(cpus)) + "\n")
    f.write("# Total: " + " ".join("%09d" % (per_cpu - len(over[c])) for c in range(cpus)) + "\n")
    f.write("# Min Latencies: " + " ".join("%05d" % m for m in mins) + "\n")
    f.write("# Avg Latencies: " + " ".join("%05d" % (s // per_cpu) for s in sums) + "\n")
    f.write("# Max Latencies: " + " ".join("%05d" % m for m in maxs) + "\n")
    f.write("# Histogram Overflows: " + " ".join("%05d" % len(o) for o in over) + "\n")
    f.write("# Histogram Overflow at cycle number:\n")
    for c in range(cpus):
        f.write("# Thread %d: " % c + " ".join("%05d" % n for n in over[c]) + "\n")
PY
small=src/test/resources/probe/cyclictest-h400.txt

# measure NAME -- argv: one whole process under time(1); prints "wall cpu" and keeps the line.
measure() {
    local name=$1; shift 2
    "$TIME" -f '%e %U %S' -o "$out/.time" "$@" >/dev/null 2>"$out/.err" || {
        rc=$?; [ "$rc" -eq 1 ] || { echo "bench: $name failed (exit $rc): $*" >&2; cat "$out/.err" >&2; exit 1; }; }
    read -r wall usr sys < <(tail -n1 "$out/.time")
    printf '%s\t%s\t%s\n' "$name" "$wall" "$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')" >>"$out/raw.tsv"
    printf '  %-22s %7ss wall %7ss cpu\n' "$name" "$wall" "$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
}

printf 'name\twall_s\tcpu_s\n' >"$out/raw.tsv"
echo "date: $(date -u '+%F %T UTC'); $(uname -srm), $(nproc) CPUs; $(java -version 2>&1 | head -n1)"
"${syn[@]}" --version >/dev/null
for ((r = 1; r <= runs; r++)); do
    echo "== repetition $r"
    measure startup -- "${syn[@]}" --version
    measure report-15k -- "${syn[@]}" probe report "$small" --format json --max-latency-us 1000000
    measure report-10m -- "${syn[@]}" probe report "$out/h10m.txt" --format json --max-latency-us 1000000
done
echo "== cyclictest for ${seconds}s, alone and under probe latency"
measure cyclictest-alone -- cyclictest -m -S -p 90 -i 200 -h 400 -q -D "$seconds" --json="$out/alone.json"
measure probe-latency -- "${syn[@]}" probe latency --duration "${seconds}s" --max-latency-us 1000000 --ignore-baseline

python3 - "$out/raw.tsv" "$seconds" <<'PY' | tee "$out/results.txt"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = lambda n, k: statistics.median(float(r[k]) for r in rows if r["name"] == n)
start, small, big = med("startup", "wall_s"), med("report-15k", "wall_s"), med("report-10m", "wall_s")
print("\nprobe report, median wall of each:")
print("  syncopated --version            %6.2f s" % start)
print("  report of 15,000 samples        %6.2f s" % small)
print("  report of 10,000,000 samples    %6.2f s   (%.2f x the 15,000-sample report; %.2f s above start-up)"
      % (big, big / small, big - start))
alone, probe = med("cyclictest-alone", "cpu_s"), med("probe-latency", "cpu_s")
print("\nprobe latency --duration %ss: CPU %.2f s with the JVM, %.2f s for cyclictest alone:" % (sys.argv[2], probe, alone))
print("  the probe's own CPU: %.2f s over %s s (%.1f %% of one CPU)" % (probe - alone, sys.argv[2], (probe - alone) * 100 / float(sys.argv[2])))
PY
rm -f "$out/.time" "$out/.err"
