#!/usr/bin/env bash
# Builds the class-data-sharing archive that bin/syncopated starts the JVM with, for one jar:
#   src/build/class-data-sharing.sh JAR ARCHIVE
# The archive holds every class that the main commands load, already parsed and verified, so a
# command starts without reading them from the jar. It is a static archive (-Xshare:dump over the
# classes training runs list), not a dynamic one (-XX:ArchiveClassesAtExit): on Java 17 a dynamic
# archive leaves out picocli, whose class files are of the Java 5 format, and with it every command
# class, which made the command line a third of a short command's start-up.
# The JVM checks an archive against the jar's size and time and its own build, and ignores one that
# does not match: a rebuilt jar needs a new archive (Maven's package phase and bench/private-jar.sh
# make one).
# The archive only makes start-up faster, so it never fails the build: a training run that cannot
# run on this machine (a tool missing, a sandbox) is left out with a warning, and when no archive can
# be made the launcher runs without one.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 JAR ARCHIVE" >&2; exit 2; }
[[ -f $1 ]] || { echo "class-data-sharing.sh: no jar at '$1'; build it first with 'mvn -q -B -DskipTests package'" >&2; exit 2; }
jar=$(realpath -- "$1")
archive=$(realpath -m -- "$2")
repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
example=$repo/examples/studio.yaml

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
# The training runs keep their run records and state here, never in the user's home.
export HOME=$work/home XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME" "$work/bin"

# apply's training run plays against this stand-in for ansible-playbook, so the build needs no
# Ansible: it prints a short event stream the way the syncopated_events callback does.
cat >"$work/bin/ansible-playbook" <<'STANDIN'
#!/bin/sh
cat <<'EVENTS'
{"event": "playbook_start", "playbook": "playbooks/site.yml"}
{"event": "play_start", "hosts": ["syncopated_hosts"], "play": "Syncopated"}
{"action": "ansible.builtin.template", "event": "task_start", "handler": false, "path": "roles/pipewire/tasks/present.yml:2", "role": "pipewire", "task": "Write the clock settings"}
{"action": "ansible.builtin.template", "changed": true, "diff": ["--- before\n+++ after\n@@ -1 +1 @@\n-a\n+b\n"], "event": "ok", "host": "workstation", "msg": "", "path": "roles/pipewire/tasks/present.yml:2", "role": "pipewire", "task": "Write the clock settings"}
{"action": "ansible.builtin.command", "event": "task_start", "handler": false, "path": "roles/pipewire/tasks/present.yml:9", "role": "pipewire", "task": "Restart"}
{"action": "ansible.builtin.command", "changed": false, "event": "failed", "host": "tracker", "ignored": false, "msg": "training", "path": "roles/pipewire/tasks/present.yml:9", "role": "pipewire", "rc": 1, "task": "Restart"}
{"action": "ansible.builtin.command", "changed": false, "event": "skipped", "host": "workstation", "msg": "", "path": "roles/pipewire/tasks/present.yml:9", "role": "pipewire", "task": "Restart"}
{"event": "stats", "hosts": {"workstation": {"changed": 1, "failed": 0, "ignored": 0, "ok": 1, "rescued": 0, "skipped": 1, "unreachable": 0}, "tracker": {"changed": 0, "failed": 1, "ignored": 0, "ok": 0, "rescued": 0, "skipped": 0, "unreachable": 0}}}
EVENTS
STANDIN
# The example's other host is reached by ssh, which apply looks for before it starts; the stand-in
# above never calls it.
printf '#!/bin/sh\nexit 255\n' >"$work/bin/ssh"
chmod +x "$work/bin/ansible-playbook" "$work/bin/ssh"

# train NAME EXPECTED-EXIT ARGS...: one command, listing the classes it loads.
train() {
    local name=$1 expected=$2 code=0
    shift 2
    PATH=$work/bin:$PATH java -XX:DumpLoadedClassList="$work/$name.classes" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -jar "$jar" "$@" >"$work/$name.log" 2>&1 || code=$?
    if [[ $code -ne $expected ]]; then
        echo "class-data-sharing.sh: warning: training run '$name' exited $code, not $expected; its classes are left out:" >&2
        tail -5 "$work/$name.log" | sed 's/^/  /' >&2
        rm -f -- "$work/$name.classes"
    fi
}
train help 0 --help
train validate 0 validate "$example"
train plan 0 plan "$example" --format json
train render 0 render "$example" --out "$work/render"
train publish 0 publish "$example" --repo "$work/repo" --format json
train apply 1 apply "$example" --check --diff
train apply-json 1 apply "$example" --format json

# One list, each class once, in the order first loaded (a class's supertypes come before it).
# Lambdas that implement picocli interfaces are left out: archiving one links the interface at dump
# time, and Java 17 does not archive a linked class of the old format, nor the classes that use it.
rm -f -- "$archive"
if ! compgen -G "$work/*.classes" >/dev/null; then
    echo "class-data-sharing.sh: warning: no training run worked; no archive, so commands start a little slower" >&2
    exit 0
fi
awk '!seen[$0]++' "$work"/*.classes | grep -v '^@lambda-proxy .*picocli/' >"$work/all.classes"
if ! java -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$archive" -XX:+UseSerialGC \
    -cp "$jar" >"$work/dump.log" 2>&1; then
    echo "class-data-sharing.sh: warning: -Xshare:dump failed; no archive, so commands start a little slower:" >&2
    tail -5 "$work/dump.log" | sed 's/^/  /' >&2
    rm -f -- "$archive"
    exit 0
fi
echo "class-data-sharing archive $archive: $(grep -vc '^[#@]' "$work/all.classes") classes listed"
