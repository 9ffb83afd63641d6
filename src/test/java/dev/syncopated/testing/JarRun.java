package dev.syncopated.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the built jar through {@code bin/syncopated} as a separate process, as a user would, with a
 * HOME and XDG_STATE_HOME of its own under a test's directory, so that neither run records, baselines
 * nor Ansible's fact cache touch this user's own.
 */
public final class JarRun {
    public static final Path PROJECT = Path.of("").toAbsolutePath();
    public static final Path JAR = Path.of(System.getProperty("syncopated.jar", "target/syncopated.jar")).toAbsolutePath();

    private final Path home;
    private final Path state;
    private final Map<String, String> env;

    private JarRun(Path home, Path state, Map<String, String> env) {
        this.home = home;
        this.state = state;
        this.env = Map.copyOf(env);
    }

    /** A runner whose HOME and state directory live under {@code dir}; {@code env} is added to every run. */
    public static JarRun in(Path dir, Map<String, String> env) {
        try {
            return new JarRun(Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("state")), env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void requireJar() {
        Prerequisites.require(Files.isRegularFile(JAR), JAR + " is not built (mvn package)");
    }

    /** syncopated's own state directory for these runs: XDG_STATE_HOME/syncopated. */
    public Path stateDir() {
        return state.resolve("syncopated");
    }

    public Map<String, String> environment() {
        Map<String, String> all = new HashMap<>();
        all.put("SYNCOPATED_JAR", JAR.toString());
        all.put("HOME", home.toString());
        all.put("XDG_STATE_HOME", state.toString());
        all.put("TERM", "dumb");
        all.putAll(env);
        return all;
    }

    public Proc run(String... args) {
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/syncopated").toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Proc proc = Proc.run(PROJECT, environment(), command);
        Timings.record("syncopated " + String.join(" ", args).replace(home.getParent().toString(), "TMP"),
                Duration.ofNanos(System.nanoTime() - start));
        return proc;
    }
}
