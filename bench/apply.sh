#!/usr/bin/env bash
# Benchmark of `syncopated apply` (see bench/README.md, "Benchmark: apply"). In ONE run:
#  (a) a no-op `syncopated apply` against a chroot target vs bare `ansible-playbook playbooks/site.yml`
#      in the same rendered project (the run record's project/), same HOME, Ansible's default
#      stdout callback: syncopated's overhead, as a ratio and in seconds.
#  (b) a no-op re-run over SSH (sshd in a Debian 12 root on a loopback address) with the generated
#      ansible.cfg vs Ansible's defaults (ANSIBLE_CONFIG pointing to an empty file): the speed-up.
#      The same again over a slower link (bench/delay-relay.py between ssh and sshd holds every
#      chunk 1 ms each way), as to a machine on a busy or wireless network: reported, not a target.
# Interleaved repetitions, each a back-to-back pair per comparison; the medians of the pairs'
# differences and ratios decide PASS/FAIL per target.
#
# Needs root (overlay mounts, chroot), ansible-playbook, ssh, ssh-keygen, python3 and the cached
# Debian 12 root with openssh-server (src/test/resources/targets/build-base-root.sh builds it).
# Everything it writes goes to bench/out/apply/ (HOME and XDG_STATE_HOME too: the user's own run
# records and fact cache are never touched). Exit: 0 all targets pass, 1 one fails, 2 setup error.
#
#   bench/apply.sh                  # 11 repetitions of each measurement
#   BENCH_RUNS=21 bench/apply.sh    # a finer verdict, twice as long
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${BENCH_RUNS:-11}
cache=${SYNCOPATED_TEST_ROOT_CACHE:-/var/cache/syncopated/bookworm-base}
out=$repo/bench/out/apply
overhead_pct_target=5      # (a) apply may cost at most 5 % more than bare ansible-playbook ...
overhead_abs_target=0.3    # ... or 0.3 s, whichever is larger
speedup_target=1.3         # (b) the generated ansible.cfg at least 1.3x faster than Ansible's defaults

die() { echo "bench/apply.sh: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "needs root (overlay mounts and chroot)"
for tool in ansible-playbook ssh ssh-keygen python3 mount chroot; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -x /usr/bin/time ]] || die "GNU time is not installed at /usr/bin/time (apt-get install time)"
bash src/test/resources/targets/build-base-root.sh "$cache" || die "no Debian 12 root at $cache"
[[ -x $cache/usr/sbin/sshd ]] || die "$cache has no sshd (rebuild it: build-base-root.sh lists openssh-server)"
if [[ ! -f target/syncopated.jar ]]; then
    mvn -q -B -DskipTests package || die "build failed"
fi

# --- set-up --------------------------------------------------------------------------------
mounts=()      # mount points to undo, in order
sshd_pid=""
relay_pid=""
ssh_root=""
cleanup() {
    set +e
    for pid in $relay_pid $sshd_pid; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    if [[ -n $ssh_root ]]; then   # sshd's session processes, by id: those whose root is the jail
        for p in /proc/[0-9]*; do
            [[ $(readlink "$p/root" 2>/dev/null) == "$ssh_root" ]] && kill -9 "${p#/proc/}" 2>/dev/null
        done
        sleep 0.2
    fi
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}"
    done
    # only remove the roots when nothing is mounted there any more
    if ! grep -q " $out/" /proc/self/mountinfo; then
        rm -rf --one-file-system "$out/roots"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if grep -q " $out/" /proc/self/mountinfo; then
    die "something is still mounted under $out (an earlier run killed hard?): $(grep " $out/" /proc/self/mountinfo | awk '{print $5}' | tr '\n' ' ')"
fi
rm -rf --one-file-system "$out"
mkdir -p "$out"/{home,state,roots,ssh}
export HOME=$out/home XDG_STATE_HOME=$out/state
unset ANSIBLE_CONFIG ANSIBLE_STDOUT_CALLBACK ANSIBLE_INVENTORY ANSIBLE_PRIVATE_KEY_FILE ANSIBLE_SSH_COMMON_ARGS
# shellcheck source=bench/private-jar.sh
. bench/private-jar.sh
private_jar "$out"

new_root() {   # new_root NAME: an overlay over the cache at $out/roots/NAME/root (not in a subshell: it records the mount)
    local d=$out/roots/$1
    mkdir -p "$d"/{upper,work,root}
    mount -t overlay syncopated-bench -o "lowerdir=$cache,upperdir=$d/upper,workdir=$d/work" "$d/root"
    mounts+=("$d/root")
}
bind_private() {
    mount --bind "$1" "$2"
    mounts+=("$2")
    mount --make-private "$2"
}
now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# (a) the chroot target
new_root chroot
chroot_root=$out/roots/chroot/root
cat >"$out/chroot.yaml" <<EOF
name: bench-apply-chroot
hosts:
  rootfs:
    connection: chroot
    address: '$chroot_root'
    roles:
      audio_sysctl: { swappiness: 7 }
      realtime_limits: { users: [root] }
EOF

# (b) sshd in a root on 127.0.0.X:PORT, key and known_hosts of its own (host key checking stays on)
new_root ssh
ssh_root=$out/roots/ssh/root
bind_private /proc "$ssh_root/proc"
bind_private "$ssh_root/proc/sys" "$ssh_root/proc/sys"
mount -o remount,bind,ro "$ssh_root/proc/sys"   # nothing in the jail may change this machine's sysctls
bind_private /dev "$ssh_root/dev"
# A real target has /sys, and fact gathering reads much of what it knows there (devices, network).
bind_private /sys "$ssh_root/sys"
mount -o remount,bind,ro "$ssh_root/sys"
[[ -d $ssh_root/dev/pts ]] && bind_private /dev/pts "$ssh_root/dev/pts"
rm -f "$ssh_root"/etc/ssh/ssh_host_*
chroot "$ssh_root" ssh-keygen -A >/dev/null
ssh-keygen -q -t ed25519 -N "" -C syncopated-bench -f "$out/ssh/id_ed25519"
install -d -m 700 "$ssh_root/root/.ssh"
install -m 600 "$out/ssh/id_ed25519.pub" "$ssh_root/root/.ssh/authorized_keys"
install -d -m 755 "$ssh_root/run/sshd"
read -r ssh_addr ssh_port < <(python3 -c '
import random, socket
a = "127.0.0.%d" % random.randint(2, 254)
s = socket.socket(); s.bind((a, 0)); print(a, s.getsockname()[1]); s.close()')
chroot "$ssh_root" /usr/sbin/sshd -D -e -p "$ssh_port" -o "ListenAddress=$ssh_addr" -o PidFile=none -o UsePAM=no \
    -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no -o KbdInteractiveAuthentication=no \
    -o AuthorizedKeysFile=.ssh/authorized_keys -o MaxStartups=100 -o UseDNS=no 2>"$out/ssh/sshd.log" &
sshd_pid=$!
for _ in $(seq 100); do
    python3 -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 0.2)' "$ssh_addr" "$ssh_port" 2>/dev/null && break
    kill -0 "$sshd_pid" 2>/dev/null || die "sshd exited: $(cat "$out/ssh/sshd.log")"
    sleep 0.1
done
# The same sshd behind a relay that holds every packet 1 ms each way: a machine on the local network.
# It listens on a free port of the same address and says which.
coproc relay { exec python3 bench/delay-relay.py "$ssh_addr" 0 "$ssh_addr" "$ssh_port" 1; }
relay_pid=$relay_PID
relay_out=${relay[0]}   # bash unsets relay[] when the relay exits: keep the descriptor for the read below
read -r -t 10 ready lan_port <&"$relay_out" && [[ $ready == listening ]] || die "bench/delay-relay.py did not start"
for pub in "$ssh_root"/etc/ssh/ssh_host_*_key.pub; do
    read -r type key _ <"$pub"
    echo "[$ssh_addr]:$ssh_port $type $key"
    echo "[$ssh_addr]:$lan_port $type $key"
done >"$out/ssh/known_hosts"
ssh_spec() {   # ssh_spec NAME PORT: a spec for the jail's sshd at PORT
    cat <<EOF
name: $1
hosts:
  studio:
    connection: ssh
    address: '$ssh_addr'
    port: $2
    user: root
    offline: true
    roles:
      audio_sysctl: { swappiness: 7 }
      realtime_limits: { users: [root] }
EOF
}
ssh_spec bench-apply-ssh "$ssh_port" >"$out/ssh.yaml"
ssh_spec bench-apply-lan "$lan_port" >"$out/lan.yaml"
# The jail is a root filesystem, not a running system: the spec says offline: true, so the roles
# leave the live kernel and udev alone, as on chroot and container targets.
ssh_env=(ANSIBLE_PRIVATE_KEY_FILE="$out/ssh/id_ed25519"
         ANSIBLE_SSH_COMMON_ARGS="-o UserKnownHostsFile=$out/ssh/known_hosts -o IdentitiesOnly=yes")
: >"$out/empty.cfg"

echo "==> converging both targets (not timed)"
bin/syncopated apply "$out/chroot.yaml" --format json >"$out/converge-chroot.json" \
    || die "apply on the chroot failed: $(cat "$out/converge-chroot.json")"
# The bare runs use this run record's rendered project, copied out so that record retention
# (--keep, 20 runs) cannot remove it in the middle of the benchmark.
cp -a "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"])' "$out/converge-chroot.json")/project" "$out/chroot-project"
chroot_project=$out/chroot-project
env "${ssh_env[@]}" bin/syncopated render "$out/ssh.yaml" --out "$out/ssh-project" >/dev/null
env "${ssh_env[@]}" bin/syncopated render "$out/lan.yaml" --out "$out/lan-project" >/dev/null
(cd "$out/ssh-project" && env "${ssh_env[@]}" ANSIBLE_CONFIG="$out/ssh-project/ansible.cfg" \
    ansible-playbook playbooks/site.yml >"$out/converge-ssh.log" 2>&1) || die "converging over SSH failed: $(tail -30 "$out/converge-ssh.log")"
grep -q 'changed=0.*failed=0' "$out/converge-ssh.log" && die "the SSH converge run changed nothing: $out/converge-ssh.log"

# --- the measurements --------------------------------------------------------------------------
raw=$out/raw.tsv
printf 'measurement\trun\tseconds\tcpu\texit\n' >"$raw"
measure() {   # measure NAME DIR COMMAND... ; appends one line to raw.tsv
    local name=$1 dir=$2 t0 t1 rc=0 cpu
    shift 2
    t0=$(now)
    (cd "$dir" && /usr/bin/time -f '%U %S' -o "$out/last-$name.cpu" "$@" >"$out/last-$name.out" 2>&1) || rc=$?
    t1=$(now)
    cpu=$(python3 -c 'import sys; u, s = open(sys.argv[1]).read().split()[-2:]; print(f"{float(u) + float(s):.2f}")' "$out/last-$name.cpu")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$(elapsed "$t0" "$t1")" "$cpu" "$rc" >>"$raw"
    if [[ $rc -ne 0 ]]; then
        echo "bench/apply.sh: $name exited $rc; its output:" >&2
        tail -30 "$out/last-$name.out" >&2
        exit 2
    fi
}
ssh_generated=(env "${ssh_env[@]}" ANSIBLE_CONFIG="$out/ssh-project/ansible.cfg" ansible-playbook playbooks/site.yml)
ssh_defaults=(env "${ssh_env[@]}" ANSIBLE_CONFIG="$out/empty.cfg" ANSIBLE_ROLES_PATH=roles ANSIBLE_INVENTORY=inventory/hosts.yml ansible-playbook playbooks/site.yml)
lan_generated=(env "${ssh_env[@]}" ANSIBLE_CONFIG="$out/lan-project/ansible.cfg" ansible-playbook playbooks/site.yml)

echo "==> warm-up (not timed)"
run=0
bin/syncopated apply "$out/chroot.yaml" >/dev/null 2>&1
(cd "$chroot_project" && ansible-playbook playbooks/site.yml >/dev/null 2>&1)
(cd "$out/ssh-project" && "${ssh_generated[@]}" >/dev/null 2>&1)
(cd "$out/ssh-project" && "${ssh_defaults[@]}" >/dev/null 2>&1)
(cd "$out/lan-project" && "${lan_generated[@]}" >"$out/warm-up-lan.log" 2>&1) || die "the run through the relay failed: $(tail -30 "$out/warm-up-lan.log")"
(cd "$out/lan-project" && "${ssh_defaults[@]}" >/dev/null 2>&1)
# What the relay adds to a round trip: one byte echoed back and forth, directly and through a relay
# like the one above.
python3 - bench/delay-relay.py >"$out/link.txt" <<'EOF' || die "cannot time a round trip through bench/delay-relay.py"
import socket, statistics, subprocess, sys, threading, time
echo = socket.create_server(("127.0.0.1", 0))
def echo_back(conn):
    while data := conn.recv(64):
        conn.sendall(data)
def serve():
    while True:
        threading.Thread(target=echo_back, args=(echo.accept()[0],), daemon=True).start()
threading.Thread(target=serve, daemon=True).start()
relay = subprocess.Popen([sys.executable, sys.argv[1], "127.0.0.1", "0", "127.0.0.1", str(echo.getsockname()[1]), "1"],
                         stdout=subprocess.PIPE, text=True)
def round_trip_ms(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        times = []
        for _ in range(51):
            start = time.monotonic()
            conn.sendall(b"x")
            conn.recv(1)
            times.append(time.monotonic() - start)
        return 1000 * statistics.median(times)
try:
    ready, _, relay_port = relay.stdout.readline().partition(" ")
    if ready != "listening":
        sys.exit("the relay did not start")
    direct, relayed = round_trip_ms(echo.getsockname()[1]), round_trip_ms(int(relay_port))
    print(f"the relay adds {relayed - direct:.1f} ms to a round trip ({direct:.2f} ms direct, {relayed:.2f} ms through it)")
finally:
    relay.terminate()
    relay.wait()
EOF

# Each repetition runs the two sides of a comparison back to back, in turn first and second, so a
# machine that drifts slower or faster over the minutes of the benchmark shifts both sides alike.
echo "==> $runs interleaved repetitions"
for ((run = 1; run <= runs; run++)); do
    if ((run % 2)); then
        measure apply-noop "$repo" bin/syncopated apply "$out/chroot.yaml"
        measure ansible-noop "$chroot_project" ansible-playbook playbooks/site.yml
        measure ssh-generated "$out/ssh-project" "${ssh_generated[@]}"
        measure ssh-defaults "$out/ssh-project" "${ssh_defaults[@]}"
        measure lan-generated "$out/lan-project" "${lan_generated[@]}"
        measure lan-defaults "$out/lan-project" "${ssh_defaults[@]}"
    else
        measure ansible-noop "$chroot_project" ansible-playbook playbooks/site.yml
        measure apply-noop "$repo" bin/syncopated apply "$out/chroot.yaml"
        measure ssh-defaults "$out/ssh-project" "${ssh_defaults[@]}"
        measure ssh-generated "$out/ssh-project" "${ssh_generated[@]}"
        measure lan-defaults "$out/lan-project" "${ssh_defaults[@]}"
        measure lan-generated "$out/lan-project" "${lan_generated[@]}"
    fi
    echo "    run $run/$runs done"
done
# The no-op runs really were no-ops (the last of each kind).
grep -q 'changed=0' "$out/last-ansible-noop.out" || die "bare ansible-playbook changed something: $out/last-ansible-noop.out"
grep -q 'ok: nothing changed' "$out/last-apply-noop.out" || die "the no-op apply changed something: $out/last-apply-noop.out"
for v in ssh-generated ssh-defaults lan-generated lan-defaults; do
    grep -q 'changed=0.*unreachable=0.*failed=0' "$out/last-$v.out" || die "$v was no no-op: $out/last-$v.out"
done

# --- report ----------------------------------------------------------------------------------
python3 - "$raw" "$overhead_pct_target" "$overhead_abs_target" "$speedup_target" "$runs" "$out/link.txt" <<'EOF' | tee "$out/results.txt"
import csv, statistics, sys
raw, pct_target, abs_target, speed_target, runs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
link = open(sys.argv[6]).read().strip()
times, cpus = {}, {}
for row in csv.DictReader(open(raw), delimiter="\t"):
    times.setdefault(row["measurement"], []).append(float(row["seconds"]))
    cpus.setdefault(row["measurement"], []).append(float(row["cpu"]))
med = {k: statistics.median(v) for k, v in times.items()}
cpu = {k: statistics.median(v) for k, v in cpus.items()}
labels = {
    "apply-noop": "syncopated apply (no-op, chroot)",
    "ansible-noop": "ansible-playbook, same project",
    "ssh-generated": "SSH no-op, generated ansible.cfg",
    "ssh-defaults": "SSH no-op, Ansible defaults",
    "lan-generated": "relay link, generated ansible.cfg",
    "lan-defaults": "relay link, Ansible defaults",
}
print(f"\nmedians of {runs} interleaved runs (wall seconds)\n")
print(f"{'measurement':36} {'median':>8} {'min':>7} {'max':>7} {'cpu':>7}  runs")
for k in labels:
    v = times[k]
    print(f"{labels[k]:36} {med[k]:8.2f} {min(v):7.2f} {max(v):7.2f} {cpu[k]:7.2f}  " + " ".join(f"{x:.2f}" for x in v))
# The verdicts use each repetition's pair (run back to back), not the two sides' separate medians:
# the pairs cancel the machine's drift, which here moved one side's runs by more than a second.
def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]
differences = [a - b for a, b in zip(times["apply-noop"], times["ansible-noop"])]
ratios = [d / g for d, g in zip(times["ssh-defaults"], times["ssh-generated"])]
lan_ratios = [d / g for d, g in zip(times["lan-defaults"], times["lan-generated"])]
over_abs = statistics.median(differences)
over_pct = 100 * over_abs / med["ansible-noop"]
allowed = max(pct_target / 100 * med["ansible-noop"], abs_target)
ok_a = over_abs <= allowed
speedup = statistics.median(ratios)
ok_b = speedup >= speed_target
print()
print(f"{'target':58} {'measured':>18}  result")
print(f"{'(a) apply overhead <= %g %% or <= %g s (larger: %.2f s)' % (pct_target, abs_target, allowed):58} "
      f"{'%+.2f s (%+.1f %%)' % (over_abs, over_pct):>18}  {'PASS' if ok_a else 'FAIL'}")
print(f"{'(b) generated ansible.cfg >= %gx faster than defaults' % speed_target:58} "
      f"{'%.2fx' % speedup:>18}  {'PASS' if ok_b else 'FAIL'}")
lo, hi = quartiles(differences)
print(f"\n(a) is the median of the {len(differences)} paired differences apply - ansible-playbook (quartiles "
      f"{lo:+.2f} / {hi:+.2f} s; difference of the medians {med['apply-noop'] - med['ansible-noop']:+.2f} s);\n"
      f"(b) the median of the paired ratios defaults / generated (quartiles %.2fx / %.2fx; ratio of the "
      f"medians %.2fx)." % (*quartiles(ratios), med["ssh-defaults"] / med["ssh-generated"]))
print(f"\nnot a target: over the relay link, defaults / generated is %.2fx (median of the paired ratios; quartiles\n"
      f"%.2fx / %.2fx); {link}." % (statistics.median(lan_ratios), *quartiles(lan_ratios)))
print(f"\ninformational, median CPU seconds (user+sys of the command and the children it waited for; the\n"
      f"SSH server side is not counted): apply - ansible-playbook {cpu['apply-noop'] - cpu['ansible-noop']:+.2f} s, "
      f"defaults / generated {cpu['ssh-defaults'] / cpu['ssh-generated']:.2f}x")
sys.exit(0 if ok_a and ok_b else 1)
EOF
