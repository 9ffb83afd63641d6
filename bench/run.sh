#!/usr/bin/env bash
# Benchmark syncopated validate / plan / render against ansible-inventory --list,
# on generated specs of 10, 100, 1000 and 10000 hosts. See bench/README.md.
#
# Environment:
#   BENCH_RUNS=3                 repetitions per measurement (median is reported)
#   BENCH_SIZES="10 100 1000 10000"
#   BENCH_PEER_TIMEOUT=120       ansible-inventory at >= BENCH_PEER_TIMEOUT_FROM hosts is
#   BENCH_PEER_TIMEOUT_FROM=10000  skipped if one run takes longer than this many seconds
#   BENCH_JAVA=...               force a command instead of bin/syncopated / java -jar
set -euo pipefail

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/.." && pwd)
out="$here/out"
runs=${BENCH_RUNS:-3}
sizes=${BENCH_SIZES:-"10 100 1000 10000"}
peer_timeout=${BENCH_PEER_TIMEOUT:-120}
peer_timeout_from=${BENCH_PEER_TIMEOUT_FROM:-10000}
TIME=/usr/bin/time

die() { echo "bench: error: $*" >&2; exit 2; }

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$runs'"
[ -x "$TIME" ] || die "$TIME not found (Debian/Ubuntu: apt-get install time)"
command -v python3 >/dev/null || die "python3 not found (needed by gen_spec.py and report.py)"
command -v timeout >/dev/null || die "timeout (coreutils) not found"
have_peer=1
command -v ansible-inventory >/dev/null || { have_peer=0; echo "bench: ansible-inventory not found: the peer is skipped at every size" >&2; }

mkdir -p "$out"

# --- The syncopated under test -------------------------------------------------------------
jar="$root/target/syncopated.jar"
if [ ! -f "$jar" ]; then
    echo "bench: $jar missing, building it: mvn -q -B -DskipTests package"
    (cd "$root" && mvn -q -B -DskipTests package)
fi
# Others may rebuild target/ while we measure: measure a private copy of the jar, so every
# run of this benchmark times one build.
# shellcheck source=bench/private-jar.sh
. "$here/private-jar.sh"
private_jar "$out"
jar_sum=$(sha256sum "$SYNCOPATED_JAR" | cut -c1-12)

if [ -n "${BENCH_JAVA:-}" ]; then
    # shellcheck disable=SC2206
    syn=($BENCH_JAVA)
    how="BENCH_JAVA: ${BENCH_JAVA}"
elif [ -x "$root/bin/syncopated" ]; then
    syn=("$root/bin/syncopated")
    flags=$(grep -oE -- '-XX:[^ ]+|-Xshare:[^ ]+|-Xm[sx][^ ]+' "$root/bin/syncopated" | sort -u | paste -sd' ' - || true)
    how="launcher bin/syncopated (JVM flags: ${flags:-none found}${SYNCOPATED_JAVA_OPTS:+ + $SYNCOPATED_JAVA_OPTS})"
else
    syn=(java -jar "$SYNCOPATED_JAR")
    how="java -jar (no bin/syncopated launcher; default JVM flags)"
fi

raw="$out/raw.tsv"
meta="$out/meta.txt"
{
    echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "host:        $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
    echo "syncopated:  ${how}"
    echo "jar:         ${SYNCOPATED_JAR} (copy of target/syncopated.jar, sha256 ${jar_sum}...)"
    echo "java:        $(java -version 2>&1 | head -n1)"
    if [ "$have_peer" = 1 ]; then
        echo "peer:        $(ansible-inventory --version 2>/dev/null | head -n1)"
    fi
    echo "runs:        ${runs} per measurement, median reported"
} >"$meta"
cat "$meta"
echo

printf 'size\tcommand\trun\twall_s\trss_kb\tstatus\tcpu_s\n' >"$raw"

# measure SIZE COMMAND DIR TIMEOUT -- argv...
#   Runs argv in DIR as one whole process under /usr/bin/time, stdout to /dev/null, and appends
#   a line to raw.tsv. Returns 0 when it succeeded, 124 on timeout; any other failure aborts.
measure() {
    local size=$1 name=$2 dir=$3 limit=$4 run=$5; shift 6
    local tf="$out/.time" log="$out/.stderr" rc=0
    if [ "$limit" -gt 0 ]; then
        (cd "$dir" && "$TIME" -f '%e %M %U %S' -o "$tf" timeout "$limit" "$@" >/dev/null 2>"$log") || rc=$?
    else
        (cd "$dir" && "$TIME" -f '%e %M %U %S' -o "$tf" "$@" >/dev/null 2>"$log") || rc=$?
    fi
    # time(1) prepends "Command exited with non-zero status N" on failure: take the last line.
    local wall rss usr sys cpu
    read -r wall rss usr sys < <(tail -n1 "$tf")
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
    if [ "$rc" -eq 124 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$run" "$wall" "$rss" "timeout" "$cpu" >>"$raw"
        printf '  %-18s run %d: timed out after %ss\n' "$name" "$run" "$limit"
        return 124
    fi
    if [ "$rc" -ne 0 ]; then
        echo "bench: '$name' on $size hosts failed (exit $rc): $*" >&2
        sed 's/^/  | /' "$log" | head -n 30 >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$run" "$wall" "$rss" "ok" "$cpu" >>"$raw"
    printf '  %-18s run %d: %6ss wall %6ss cpu %8.1f MB\n' "$name" "$run" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
}

# Warm the page cache (JDK, jar, Python, Ansible) so run 1 is not a cold-start outlier.
"${syn[@]}" --version >/dev/null
[ "$have_peer" = 1 ] && ansible-inventory --version >/dev/null

for size in $sizes; do
    [[ $size =~ ^[1-9][0-9]*$ ]] || die "bad size '$size' in BENCH_SIZES"
    spec="$out/spec-$size.yaml"
    rendered="$out/render-$size"
    python3 "$here/gen_spec.py" "$size" "$spec"
    echo "== $size hosts ($(wc -c <"$spec") bytes of spec)"
    peer_on=$have_peer
    peer_limit=0
    [ "$size" -ge "$peer_timeout_from" ] && peer_limit=$peer_timeout
    # Runs are interleaved (all commands of run 1, then run 2...) so drift in machine load
    # hits every command alike and the ratios stay fair.
    for ((r = 1; r <= runs; r++)); do
        measure "$size" startup "$out" 0 "$r" -- "${syn[@]}" --version
        measure "$size" validate "$out" 0 "$r" -- "${syn[@]}" validate "$spec"
        measure "$size" plan "$out" 0 "$r" -- "${syn[@]}" plan "$spec"
        measure "$size" render "$out" 0 "$r" -- "${syn[@]}" render "$spec" --out "$rendered"
        if [ "$peer_on" = 1 ]; then
            rc=0
            measure "$size" ansible-inventory "$rendered" "$peer_limit" "$r" -- \
                ansible-inventory -i inventory/hosts.yml --list || rc=$?
            if [ "$rc" -eq 124 ]; then
                echo "  ansible-inventory: SKIPPED at $size hosts: one run took more than ${peer_limit}s"
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" ansible-inventory 0 - - \
                    "skipped: a run took more than ${peer_limit}s" - >>"$raw"
                peer_on=0
            fi
        fi
    done
done
rm -f "$out/.time" "$out/.stderr"

echo
python3 "$here/report.py" "$raw" "$meta" "$out/results.txt"
