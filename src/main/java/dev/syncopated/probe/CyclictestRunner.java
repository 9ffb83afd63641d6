package dev.syncopated.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Runs cyclictest with the audio profile and reads its JSON: {@code -m -S -p PRIO -i 200 -h N -q -D SECS
 * --json=FILE}. {@code -h} forces the distance to 0, so {@code -d 0} is not passed (it would only add a warning).
 * The calling thread waits on the process; nothing polls.
 */
public final class CyclictestRunner {
    /** @param histogramUs histogram buckets of 1 µs; latencies beyond them count as overflows */
    public record Profile(Duration duration, int priority, int intervalUs, int histogramUs) {}

    private CyclictestRunner() {}

    public static List<String> command(Path cyclictest, Profile p, Path json) {
        List<String> command = new ArrayList<>();
        command.add(cyclictest.toString());
        command.addAll(profileArguments(p));
        command.add("--json=" + json);
        return command;
    }

    /** The profile's arguments, without the program and the JSON file: the same here and on remote hosts. */
    public static List<String> profileArguments(Profile p) {
        return List.of("-m", "-S", "-p", Integer.toString(p.priority()), "-i", Integer.toString(p.intervalUs()),
                "-h", Integer.toString(p.histogramUs()), "-q", "-D", Long.toString(Math.max(1, p.duration().toSeconds())));
    }

    public static CyclictestRun run(Path cyclictest, Profile profile) throws ProbeRunException, InterruptedException {
        Path json = null;
        try {
            json = Files.createTempFile("syncopated-cyclictest-", ".json");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ProcessResult result = new ProcessExecutor().command(command(cyclictest, profile, json))
                    .redirectOutput(OutputStream.nullOutputStream()).redirectError(err).exitValueAny()
                    .timeout(profile.duration().toSeconds() + 60, TimeUnit.SECONDS).destroyOnExit().execute();
            String stderr = err.toString(StandardCharsets.UTF_8).strip();
            if (result.getExitValue() != 0) {
                boolean permission = stderr.contains("Unable to change scheduling policy") || stderr.contains("missing capabilities");
                throw new ProbeRunException(true, "cyclictest failed (exit " + result.getExitValue() + "): "
                        + (stderr.isEmpty() ? "no message" : stderr.lines().findFirst().orElse("")),
                        permission ? "run as root, or give your user real-time rights: realtime_limits: { users: [you] }" : "");
            }
            String text = Files.readString(json, StandardCharsets.UTF_8);
            try {
                return CyclictestParser.parseJson(text);
            } catch (ProbeInputException e) {
                throw new ProbeRunException(false, "cyclictest wrote unreadable JSON: " + e.getMessage(), "");
            }
        } catch (IOException e) {
            throw new ProbeRunException(true, "cannot run " + cyclictest + ": " + e.getMessage(), "");
        } catch (TimeoutException e) {
            throw new ProbeRunException(true, "cyclictest did not finish within " + (profile.duration().toSeconds() + 60) + " s",
                    "is the machine overloaded, or the duration longer than meant?");
        } finally {
            if (json != null) {
                try {
                    Files.deleteIfExists(json);
                } catch (IOException ignored) {
                    // a temporary file left in /tmp is harmless
                }
            }
        }
    }
}
