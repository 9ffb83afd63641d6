package dev.syncopated.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/** Runs a real process from an argument array, for tests of the jar and of Ansible itself. */
public record Proc(int exitCode, String out, String err) {

    public static Proc run(Path dir, Map<String, String> env, List<String> command) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            ProcessResult result = new ProcessExecutor().command(command).directory(dir.toFile())
                    .environment(env).readOutput(true).redirectError(err).exitValueAny()
                    .timeout(10, TimeUnit.MINUTES).destroyOnExit().execute();
            return new Proc(result.getExitValue(), result.outputUTF8(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | TimeoutException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    public static Proc run(Path dir, List<String> command) {
        return run(dir, Map.of(), command);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
