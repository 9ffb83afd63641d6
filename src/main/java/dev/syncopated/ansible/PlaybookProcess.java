package dev.syncopated.ansible;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.stream.LogOutputStream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs ansible-playbook (or ansible-pull) in a session of its own, so that Ctrl-C, SIGTERM or a
 * timeout can stop Ansible's whole process group: SIGTERM first, SIGKILL after a grace period.
 * stdout is handed over line by line while the run goes on; both streams are kept in files.
 *
 * <p>Signals are caught with sun.misc.Signal, from the jdk.unsupported module the JDK keeps exported
 * for this use (javac still warns): a shutdown hook could not wait for the record to be written, nor
 * exit 130 on SIGTERM.
 */
public final class PlaybookProcess {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookProcess.class);
    public static final Duration GRACE = Duration.ofSeconds(10);

    /** How the process ended: its exit code, and whether syncopated stopped it (and why). */
    public record Result(int exitCode, boolean interrupted, String interruption) {}

    private final List<String> launcher;
    private final List<String> command;
    private final Path directory;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Duration grace;

    public PlaybookProcess(List<String> command, Path directory, Map<String, String> environment,
                           Duration timeout, Duration grace) {
        this(List.of(), command, directory, environment, timeout, grace);
    }

    /**
     * @param launcher programs that run the command in their place (nice, ionice, ...): each execs the next
     *     without a fork, so the process syncopated started becomes Ansible and leads its process group
     */
    public PlaybookProcess(List<String> launcher, List<String> command, Path directory, Map<String, String> environment,
                           Duration timeout, Duration grace) {
        this.launcher = List.copyOf(launcher);
        this.command = List.copyOf(command);
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.grace = grace;
    }

    public Result run(Consumer<String> stdoutLines, Path stdoutLog, Path stderrLog) throws IOException {
        List<String> argv = new ArrayList<>(launcher);
        argv.add("setsid"); // a new session and process group, out of reach of the terminal's Ctrl-C
        argv.addAll(command);
        AtomicBoolean stopping = new AtomicBoolean();
        String[] reason = {null};
        try (OutputStream stdoutFile = Files.newOutputStream(stdoutLog);
             OutputStream stderrFile = Files.newOutputStream(stderrLog)) {
            LogOutputStream lines = new LogOutputStream() {
                @Override
                protected void processLine(String line) {
                    try {
                        stdoutFile.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        LOG.warn("cannot write the stdout log: {}", e.toString());
                    }
                    stdoutLines.accept(line);
                }
            };
            StartedProcess started = new ProcessExecutor().command(argv).directory(directory.toFile())
                    .environment(environment).redirectOutput(lines).redirectError(stderrFile)
                    .exitValueAny().destroyOnExit().start();
            Process process = started.getProcess();
            LOG.debug("started {} as pid {}", command, process.pid());
            Runnable stop = () -> {
                if (stopping.compareAndSet(false, true)) {
                    new Thread(() -> terminate(process), "syncopated-stop").start();
                }
            };
            SignalHandler previousInt = install("INT", () -> { reason[0] = "interrupted (Ctrl-C)"; stop.run(); });
            SignalHandler previousTerm = install("TERM", () -> { reason[0] = "interrupted (SIGTERM)"; stop.run(); });
            try {
                ProcessResult result = await(started.getFuture(), () -> {
                    reason[0] = "stopped after --timeout " + timeout.toSeconds() + " s";
                    stop.run();
                });
                lines.flush();
                return new Result(result.getExitValue(), stopping.get(), reason[0]);
            } finally {
                restore("INT", previousInt);
                restore("TERM", previousTerm);
            }
        }
    }

    private ProcessResult await(Future<ProcessResult> future, Runnable onTimeout) throws IOException {
        try {
            if (timeout == null) {
                return future.get();
            }
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                onTimeout.run();
                return future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot run " + command.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** SIGTERM to the process group, then SIGKILL to whatever is left once the grace period is over. */
    private void terminate(Process process) {
        long group = process.pid(); // setsid made the child the leader of its own group
        LOG.debug("sending SIGTERM to process group {}", group);
        signalGroup("TERM", group);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("grace period over; sending SIGKILL to process group {}", group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Workers may outlive the leader for a moment; nothing of the group may survive the run.
        signalGroup("KILL", group);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void signalGroup(String signal, long group) {
        try {
            new ProcessExecutor().command("kill", "-s", signal, "--", "-" + group)
                    .readOutput(true).exitValueAny().timeout(5, TimeUnit.SECONDS).execute();
        } catch (IOException | TimeoutException e) {
            LOG.debug("kill -{} -{} failed: {}", signal, group, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SignalHandler install(String name, Runnable action) {
        try {
            return Signal.handle(new Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            return null; // the JVM keeps this signal for itself (for example under some debuggers)
        }
    }

    private static void restore(String name, SignalHandler previous) {
        if (previous != null) {
            Signal.handle(new Signal(name), previous);
        }
    }
}
