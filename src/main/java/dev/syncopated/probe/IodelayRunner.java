package dev.syncopated.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.listener.ProcessListener;
import org.zeroturnaround.exec.stream.LogOutputStream;

/**
 * Measures a round trip with jack_iodelay: starts it (line-buffered through stdbuf, through pw-jack when
 * PipeWire is the JACK server), connects the loop, and waits until consecutive readings agree. Ends
 * with an error, not a hang, when no loop signal appears in time.
 */
public final class IodelayRunner {
    public static final String CLIENT_OUT = "jack_delay:out";
    public static final String CLIENT_IN = "jack_delay:in";
    static final int STABLE_READINGS = 4;
    /** A probe measures the server that runs; it never starts one (libjack would, from ~/.jackdrc). */
    private static final Map<String, String> NO_AUTOSTART = Map.of("JACK_NO_START_SERVER", "1");
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(3);

    /**
     * @param prefix commands put in front of every JACK tool: empty, or the pw-jack path
     * @param loopOut playback port fed by jack_delay:out; null: a software loop to jack_delay:in
     * @param loopIn capture port that feeds jack_delay:in; null: a software loop
     * @param env extra environment, for example JACK_DEFAULT_SERVER
     */
    public record Setup(Path iodelay, Path jackConnect, Path stdbuf, List<String> prefix, String loopOut, String loopIn,
                        Duration timeout, Map<String, String> env) {}

    private IodelayRunner() {}

    public static IodelayLog run(Setup setup) throws ProbeRunException, InterruptedException {
        IodelayLog log = new IodelayLog();
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        CompletableFuture<Boolean> done = new CompletableFuture<>(); // true: stable readings; false: the process ended
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(setup.prefix());
        if (setup.stdbuf() != null) {
            command.addAll(List.of(setup.stdbuf().toString(), "-oL"));
        }
        command.add(setup.iodelay().toString());
        StartedProcess started;
        try {
            started = new ProcessExecutor().command(command).environment(setup.env()).environment(NO_AUTOSTART)
                    .redirectOutput(new LogOutputStream() {
                        @Override
                        protected void processLine(String line) {
                            firstLine.complete(line);
                            log.accept(line);
                            if (log.stable(STABLE_READINGS)) {
                                done.complete(true);
                            }
                        }
                    })
                    .redirectError(err).exitValueAny().destroyOnExit()
                    .addListener(new ProcessListener() {
                        @Override
                        public void afterStop(Process process) {
                            firstLine.complete("");
                            done.complete(false);
                        }
                    })
                    .start();
        } catch (IOException e) {
            throw new ProbeRunException(true, "cannot start jack_iodelay: " + e.getMessage(), "");
        }
        try {
            awaitQuietly(firstLine, setup.timeout());
            if (done.isDone() && !done.getNow(true)) {
                throw exited(started, err);
            }
            try {
                connect(setup);
            } catch (ProbeRunException connectFailed) {
                // Without a server both fail; jack_iodelay's own exit says so more plainly than jack_connect.
                if (endsWithin(done, CONNECT_GRACE)) {
                    throw exited(started, err);
                }
                throw connectFailed;
            }
            boolean stable;
            try {
                stable = done.get(setup.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new ProbeRunException(false, "no loop signal within " + setup.timeout().toSeconds() + " s: jack_iodelay printed "
                        + "'Signal below threshold...' " + log.belowThreshold() + " times" + (log.readings().isEmpty() ? ""
                        : " and " + log.readings().size() + " readings that did not settle"),
                        setup.loopOut() == null ? "the software loop " + CLIENT_OUT + " -> " + CLIENT_IN + " carried no signal"
                                : "check the cable from " + setup.loopOut() + " to " + setup.loopIn() + " and the levels");
            }
            if (!stable) {
                throw exited(started, err);
            }
            return log;
        } catch (ExecutionException e) {
            throw new ProbeRunException(true, "jack_iodelay: " + e.getCause(), "");
        } finally {
            started.getProcess().destroy();
            try {
                started.getFuture().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                started.getProcess().destroyForcibly();
            }
        }
    }

    /** True when jack_iodelay ended (rather than settling) within {@code grace}. */
    private static boolean endsWithin(CompletableFuture<Boolean> done, Duration grace) throws InterruptedException {
        try {
            return !done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void awaitQuietly(CompletableFuture<String> future, Duration timeout) throws InterruptedException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // no output yet: connecting will tell whether the ports exist
        }
    }

    private static ProbeRunException exited(StartedProcess started, ByteArrayOutputStream err) throws InterruptedException {
        String stderr = err.toString(StandardCharsets.UTF_8).strip();
        String first = stderr.lines().filter(l -> !l.isBlank()).reduce((a, b) -> a.contains("failed") || a.contains("Cannot") ? a : b).orElse("");
        int code;
        try {
            code = started.getFuture().get(5, TimeUnit.SECONDS).getExitValue();
        } catch (ExecutionException | TimeoutException e) {
            code = -1;
        }
        return new ProbeRunException(true, "jack_iodelay ended (exit " + code + ") before measuring" + (first.isEmpty() ? "" : ": " + first),
                "is a JACK server running (jackd, or PipeWire with pipewire-jack)? Name it with --jack-server");
    }

    private static void connect(Setup setup) throws ProbeRunException, InterruptedException {
        List<String[]> pairs = setup.loopOut() == null
                ? List.<String[]>of(new String[] {CLIENT_OUT, CLIENT_IN})
                : List.of(new String[] {CLIENT_OUT, setup.loopOut()}, new String[] {setup.loopIn(), CLIENT_IN});
        for (String[] pair : pairs) {
            List<String> command = new ArrayList<>(setup.prefix());
            command.addAll(List.of(setup.jackConnect().toString(), pair[0], pair[1]));
            ProcessResult result;
            try {
                result = new ProcessExecutor().command(command).environment(setup.env()).environment(NO_AUTOSTART).readOutput(true)
                        .redirectErrorStream(true).exitValueAny().timeout(15, TimeUnit.SECONDS).destroyOnExit().execute();
            } catch (IOException | TimeoutException e) {
                throw new ProbeRunException(true, "cannot run jack_connect: " + e.getMessage(), "");
            }
            if (result.getExitValue() != 0) {
                throw new ProbeRunException(true, "jack_connect " + pair[0] + " " + pair[1] + " failed: "
                        + result.outputUTF8().strip().lines().reduce((a, b) -> b).orElse("exit " + result.getExitValue()),
                        "list the ports with jack_lsp (or pw-link -io) and pass them as --loop PLAYBACK,CAPTURE");
            }
        }
    }
}
