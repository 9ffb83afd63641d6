#!/usr/bin/env bash
# Benchmark of what a fleet pull costs the audio (see bench/README.md, "Benchmark: pull impact"). In ONE
# run, cyclictest with the audio profile of `probe latency` (-m -S -p 90 -i 200 -h 400 -q) on every CPU
# of this machine, under three conditions, interleaved:
#   idle     nothing else of ours runs;
#   default  a no-op pull (--force of the commit the node is on: Ansible runs, nothing changes) at
#            default priority, on any CPU;
#   unit     the same pull with the settings of the node's rendered syncopated-pull.service (Nice=,
#            IOSchedulingClass=, CPUSchedulingPolicy=, AllowedCPUs=), applied as its cron line does
#            (nice, ionice, chrt, taskset), since the node is a chroot with no systemd running it.
# The node is a Debian 12 root (an overlay over the test cache) enrolled with `fleet enroll`, whose spec
# gives it cpu_isolation of the last CPU, so its unit keeps the pull on the others. Each condition
# reports max and p99.9 (all CPUs, and the isolated CPU alone) and the pull's wall time.
#
# Needs root (overlay, chroot, SCHED_FIFO), cyclictest (rt-tests), ansible-playbook, git, python3, at
# least 2 CPUs and the cached Debian 12 root (src/test/resources/targets/build-base-root.sh builds it).
# Everything goes to bench/out/pull-impact/ (HOME and XDG_STATE_HOME too). Exit: 0 done, 2 set-up error.
#
#   bench/pull-impact.sh                # 3 rounds of the three conditions
#   BENCH_RUNS=5 bench/pull-impact.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${BENCH_RUNS:-3}
cache=${SYNCOPATED_TEST_ROOT_CACHE:-/var/cache/syncopated/bookworm-base}
out=$repo/bench/out/pull-impact
profile=(-m -S -p 90 -i 200 -h 400 -q)   # the audio profile of `syncopated probe latency`

die() { echo "bench/pull-impact.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (overlay mounts, chroot, cyclictest at SCHED_FIFO)"
for tool in cyclictest ansible-playbook git python3 mount chroot nice ionice chrt taskset; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
cpus=$(getconf _NPROCESSORS_ONLN)
((cpus >= 2)) || die "needs at least 2 CPUs: CPU 0 always stays a housekeeping CPU"
isolated=$((cpus - 1))
bash src/test/resources/targets/build-base-root.sh "$cache" || die "no Debian 12 root at $cache"
if [[ ! -f target/syncopated.jar ]]; then
    mvn -q -B -DskipTests package || die "build failed"
fi

mounts=()
cyclictest_pid=""
cleanup() {
    set +e
    [[ -n $cyclictest_pid ]] && kill -INT "$cyclictest_pid" 2>/dev/null && wait "$cyclictest_pid" 2>/dev/null
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}"
    done
    if ! grep -q " $out/" /proc/self/mountinfo; then
        rm -rf --one-file-system "$out/node"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if grep -q " $out/" /proc/self/mountinfo; then
    die "something is still mounted under $out (an earlier run killed hard?)"
fi
rm -rf --one-file-system "$out"
mkdir -p "$out"/{home,state,node/upper,node/work,node/root}
export HOME=$out/home XDG_STATE_HOME=$out/state
# shellcheck source=bench/private-jar.sh
. bench/private-jar.sh
private_jar "$out"

# --- the node: a Debian root with /proc (read-only /proc/sys), as the fleet tests make it -------------
node=$out/node/root
mount -t overlay syncopated-bench -o "lowerdir=$cache,upperdir=$out/node/upper,workdir=$out/node/work" "$node"
mounts+=("$node")
mount --bind /proc "$node/proc" && mounts+=("$node/proc") && mount --make-private "$node/proc"
mount --bind "$node/proc/sys" "$node/proc/sys" && mounts+=("$node/proc/sys")
mount -o remount,bind,ro "$node/proc/sys"
git init -q --bare --initial-branch=main "$node/srv/fleet.git"
git clone -q "$node/srv/fleet.git" "$out/fleet-work" 2>/dev/null
cat >"$out/fleet.yaml" <<EOF
name: bench-pull-impact
fleet: { repo: "file:///srv/fleet.git", branch: main }
hosts:
  node1:
    connection: chroot
    address: '$node'
    roles:
      audio_sysctl: { swappiness: 10 }
      realtime_limits: { users: [root] }
      cpu_isolation: { cores: "$isolated" }
    health: [test -f /etc/sysctl.d/90-syncopated-audio.conf]
EOF
echo "==> enrolling the node and converging it (not timed)"
bin/syncopated publish "$out/fleet.yaml" --repo "$out/fleet-work" --push >"$out/publish.log" 2>&1 || die "publish failed: $(cat "$out/publish.log")"
bin/syncopated fleet enroll "$out/fleet.yaml" >"$out/enroll.log" 2>&1 || die "fleet enroll failed: $(tail -20 "$out/enroll.log")"
unit=$node/etc/systemd/system/syncopated-pull.service
pull=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
      chroot "$node" /usr/local/bin/syncopated pull --repo file:///srv/fleet.git --branch main --host node1)
"${pull[@]}" >"$out/converge.log" 2>&1 || die "the first pull failed: $(tail -20 "$out/converge.log")"

# The unit's own settings, turned into the launcher that applies them to a process started by hand.
key() { sed -n "s/^$1=//p" "$unit" | tail -n1; }
nice_level=$(key Nice) io_class=$(key IOSchedulingClass) policy=$(key CPUSchedulingPolicy) allowed=$(key AllowedCPUs)
[[ -n $nice_level && -n $io_class && -n $policy && -n $allowed ]] \
    || die "$unit lacks Nice=, IOSchedulingClass=, CPUSchedulingPolicy= or AllowedCPUs=: $(grep -E '^[A-Z]' "$unit")"
case $io_class in idle) io_class=3 ;; best-effort) io_class=2 ;; realtime) io_class=1 ;; esac
low=(nice -n "$nice_level" ionice -c "$io_class" chrt "--$policy" 0 taskset -c "$allowed")
echo "    unit: Nice=$nice_level IOSchedulingClass=$(key IOSchedulingClass) CPUSchedulingPolicy=$policy AllowedCPUs=$allowed" \
     "(cpu_isolation cores: $isolated)"

# --- the measurements ---------------------------------------------------------------------------
printf 'condition\tround\tpull_seconds\treport\n' >"$out/raw.tsv"
last_pull=30
measure() {   # measure CONDITION ROUND: cyclictest while the condition runs, then its report
    local condition=$1 round=$2 t0 t1 rc=0 seconds log=$out/$1-$2
    cyclictest "${profile[@]}" >"$log.cyclictest" 2>"$log.cyclictest.err" &
    cyclictest_pid=$!
    sleep 1   # cyclictest's threads are up before the load starts
    t0=$EPOCHREALTIME
    case $condition in
        idle) sleep "$last_pull" ;;
        default) "${pull[@]}" --force >"$log.pull" 2>&1 || rc=$? ;;
        unit) "${low[@]}" "${pull[@]}" --force >"$log.pull" 2>&1 || rc=$? ;;
    esac
    t1=$EPOCHREALTIME
    kill -INT "$cyclictest_pid"
    wait "$cyclictest_pid" || true
    cyclictest_pid=""
    seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$t0" "$t1")
    if [[ $condition != idle ]]; then
        ((rc == 0)) || die "$condition pull exited $rc: $(tail -20 "$log.pull")"
        grep -q '(0 changed)' "$log.pull" || die "the $condition pull was no no-op: $log.pull"
        last_pull=$seconds
    fi
    bin/syncopated probe report "$log.cyclictest" --format json --max-latency-us 1000000 >"$log.json" \
        || die "probe report of $log.cyclictest failed"
    printf '%s\t%s\t%s\t%s\n' "$condition" "$round" "$seconds" "$log.json" >>"$out/raw.tsv"
    echo "    round $round: $condition, ${seconds}s"
}
orders=("default unit idle" "unit idle default" "idle default unit")
echo "==> $runs rounds of idle, default-priority pull and unit-settings pull (the order turning each round)"
for ((round = 1; round <= runs; round++)); do
    for condition in ${orders[$(((round - 1) % 3))]}; do
        measure "$condition" "$round"
    done
done

# --- report ---------------------------------------------------------------------------------------
python3 - "$out/raw.tsv" "$isolated" "$allowed" "$runs" <<'EOF' | tee "$out/results.txt"
import csv, json, statistics, sys
raw, isolated, allowed, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for row in csv.DictReader(open(raw), delimiter="\t"):
    threads = json.load(open(row["report"]))["cyclictest"]["threads"]
    rows.setdefault(row["condition"], []).append((float(row["pull_seconds"]), threads))
labels = {"idle": "idle", "default": "no-op pull, default priority", "unit": "no-op pull, unit settings"}
print(f"\ncyclictest -m -S -p 90 -i 200 -h 400 -q on every CPU, {runs} rounds per condition; the unit keeps the pull"
      f" on CPUs {allowed}, off CPU {isolated} (cpu_isolation)\n")
print(f"{'condition':32} {'max us':>7} {'p99.9 us':>9} {'max us':>7} {'p99.9 us':>9} {'pull wall s':>12}")
print(f"{'':32} {'all CPUs':>17} {'CPU ' + str(isolated):>17} {'(median)':>12}")
for key, label in labels.items():
    runs_ = rows.get(key, [])
    every = [t for _, threads in runs_ for t in threads]
    iso = [t for t in every if t["cpu"] == isolated]
    wall = statistics.median(s for s, _ in runs_)
    print(f"{label:32} {max(t['max_us'] for t in every):7d} {statistics.median(max(t['p999_us'] for t in th) for _, th in runs_):9.0f}"
          f" {max(t['max_us'] for t in iso):7d} {statistics.median(t['p999_us'] for t in iso):9.0f}"
          f" {('%.2f' % wall) if key != 'idle' else '-':>12}")
print("\nmax: the largest of every round; p99.9: the median over the rounds of each round's p99.9 (all CPUs: the"
      "\nworst CPU's). Idle windows last as long as the pull before them. Per round:")
for key in labels:
    for i, (seconds, threads) in enumerate(rows.get(key, []), 1):
        per_cpu = "  ".join(f"cpu{t['cpu']} max {t['max_us']} p99.9 {t['p999_us']}" for t in threads)
        print(f"  {key:8} round {i}: {seconds:6.2f} s  {per_cpu}")
EOF
