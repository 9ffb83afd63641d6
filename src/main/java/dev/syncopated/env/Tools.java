package dev.syncopated.env;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/** Finds external tools on PATH and asks them for their version. Commands are argument arrays, never shell lines. */
public final class Tools {
    private final String path;

    public Tools(String path) {
        this.path = path == null ? "" : path;
    }

    public static Tools fromEnvironment() {
        return new Tools(System.getenv("PATH"));
    }

    public Optional<Path> find(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first line the command prints, or empty when it fails or takes longer than 30 s. */
    public Optional<String> firstLine(List<String> command) {
        try {
            ProcessResult result = new ProcessExecutor().command(command)
                    .readOutput(true).redirectErrorStream(true).exitValueAny()
                    .timeout(30, TimeUnit.SECONDS).destroyOnExit().execute();
            String output = result.outputUTF8().strip();
            if (result.getExitValue() != 0 || output.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(output.lines().findFirst().orElse("").replaceAll("\u001B\\[[;\\d]*m", ""));
        } catch (IOException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Full output of a command (stdout and stderr), or empty when it cannot run. */
    public Optional<String> output(List<String> command) {
        try {
            ProcessResult result = new ProcessExecutor().command(command)
                    .readOutput(true).redirectErrorStream(true).exitValueAny()
                    .timeout(60, TimeUnit.SECONDS).destroyOnExit().execute();
            return result.getExitValue() == 0 ? Optional.of(result.outputUTF8()) : Optional.empty();
        } catch (IOException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
