# Sourced by the benchmarks: private_jar DIR copies target/syncopated.jar to DIR/syncopated.jar and
# points bin/syncopated at it (SYNCOPATED_JAR), so a rebuild of target/ during a run cannot mix two
# builds. The launcher uses a class-data-sharing archive beside the jar, as the build leaves one
# beside target/syncopated.jar; an archive is only valid for the jar it was made with, so the copy
# gets its own, made by the script the build uses, or every start-up would be measured without it.
private_jar() {
    local dir=$1 root
    root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
    cp -f "$root/target/syncopated.jar" "$dir/syncopated.jar"
    bash "$root/src/build/class-data-sharing.sh" "$dir/syncopated.jar" "$dir/syncopated.jsa" >/dev/null
    export SYNCOPATED_JAR=$dir/syncopated.jar
}
