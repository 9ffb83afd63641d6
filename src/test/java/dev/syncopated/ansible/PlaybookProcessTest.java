package dev.syncopated.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.Prerequisites;
import dev.syncopated.env.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a run stops everything it started: the process group gets SIGTERM, then SIGKILL. */
class PlaybookProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aTimeoutStopsTheWholeProcessGroupAndNothingSurvives() throws IOException {
        Prerequisites.require(Tools.fromEnvironment().find("setsid").isPresent(), "setsid (util-linux) is missing");
        // A stand-in for Ansible: a parent with two workers, and a worker that ignores SIGTERM.
        Path script = tmp.resolve("fake-ansible");
        Files.writeString(script, "#!/bin/sh\necho started\nsleep 300 &\n(trap '' TERM; sleep 300) &\nwait\n");
        script.toFile().setExecutable(true);
        List<String> lines = new ArrayList<>();

        PlaybookProcess.Result result = new PlaybookProcess(List.of(script.toString()), tmp, Map.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(2))
                .run(lines::add, tmp.resolve("out.log"), tmp.resolve("err.log"));

        assertTrue(result.interrupted());
        assertTrue(result.interruption().contains("--timeout"), result.interruption());
        assertEquals(List.of("started"), lines);
        assertEquals("started\n", Files.readString(tmp.resolve("out.log")));
        assertEquals(List.of(), processesRunning(script.toString()), "no process of the run survives");
    }

    @Test
    void aNormalRunReportsItsExitCodeAndStreamsLines() throws IOException {
        List<String> lines = new ArrayList<>();

        PlaybookProcess.Result result = new PlaybookProcess(List.of("sh", "-c", "echo one; echo two; echo oops >&2; exit 3"),
                tmp, Map.of(), null, Duration.ofSeconds(2))
                .run(lines::add, tmp.resolve("out.log"), tmp.resolve("err.log"));

        assertEquals(3, result.exitCode());
        assertEquals(false, result.interrupted());
        assertEquals(List.of("one", "two"), lines);
        assertEquals("oops\n", Files.readString(tmp.resolve("err.log")));
    }

    /**
     * Through the low-priority launcher the started process is still the group leader syncopated signals,
     * and what it starts runs at nice 19, in the idle I/O class, under SCHED_BATCH, on the CPUs given only.
     */
    @Test
    void theLowPriorityLauncherLowersTheProcessAndWhatItStartsInPlace() throws IOException {
        for (String tool : List.of("setsid", "nice", "ionice", "chrt", "taskset")) {
            Prerequisites.require(Tools.fromEnvironment().find(tool).isPresent(), tool + " is missing");
        }
        List<String> lines = new ArrayList<>();
        // The child shell reports on itself: a process Ansible would start inherits the same.
        String report = "echo pgid=$(ps -o pgid= -p $$ | tr -d ' ') pid=$$; sh -c 'echo nice=$(ps -o ni= -p $$ | tr -d \" \");"
                + " ionice -p $$; chrt -p $$ | head -1; taskset -cp $$'";

        PlaybookProcess.Result result = new PlaybookProcess(LowPriority.launcher(java.util.Set.of(0)),
                List.of("sh", "-c", report), tmp, Map.of(), null, Duration.ofSeconds(2))
                .run(lines::add, tmp.resolve("out.log"), tmp.resolve("err.log"));

        assertEquals(0, result.exitCode(), Files.readString(tmp.resolve("err.log")));
        String all = String.join("\n", lines);
        String pid = lines.get(0).replaceAll(".*pid=", "");
        assertEquals("pgid=" + pid + " pid=" + pid, lines.get(0), "no fork on the way: the started process leads its group");
        assertTrue(all.contains("nice=19"), all);
        assertTrue(all.contains("idle"), all);
        assertTrue(all.contains("SCHED_BATCH"), all);
        assertTrue(all.matches("(?s).*current affinity list: 0\\s*$"), all);
    }

    /** Command lines of live processes that mention {@code needle}. */
    static List<String> processesRunning(String needle) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    String stat = Files.readString(proc.resolve("stat"));
                    boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    if (cmdline.contains(needle) && !zombie) {
                        found.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }
}
