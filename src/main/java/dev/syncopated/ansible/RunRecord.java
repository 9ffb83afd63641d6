package dev.syncopated.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One run's directory under {@code <state>/runs/<time>-<id>/}: the command, the spec files as read,
 * the rendered project, the events, the summary and Ansible's own output. Older runs beyond the
 * retention count are removed when a new one starts.
 */
public final class RunRecord {
    public static final String COMMAND = "command.json";
    public static final String SUMMARY = "summary.json";
    public static final String EVENTS = "events.jsonl";
    public static final String STDOUT = "ansible-stdout.log";
    public static final String STDERR = "ansible-stderr.log";
    public static final String PROJECT = "project";
    public static final String SPEC = "spec";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Made on first use, not when a record is created: Jackson's start-up should not delay Ansible's. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Path dir;
    private final List<Thread> background = new ArrayList<>();

    private RunRecord(Path dir) {
        this.dir = dir;
    }

    public static Path runsDir(Path stateDir) {
        return stateDir.resolve("runs");
    }

    /** A new run directory; runs beyond {@code keep} (this one included), oldest first, are removed. */
    public static RunRecord create(Path stateDir, Instant now, int keep) throws IOException {
        Path runs = runsDir(stateDir);
        Files.createDirectories(runs);
        // The suffix only has to tell apart runs started in the same millisecond, not be secret:
        // SecureRandom's set-up would cost every run a few hundredths of a second before Ansible starts.
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24)).substring(2);
        Path dir = runs.resolve(STAMP.format(now) + "-" + suffix);
        Files.createDirectory(dir);
        RunRecord record = new RunRecord(dir);
        // Removing old records (a project of some two hundred files each) happens beside the run
        // rather than before it: it only touches other, finished records.
        record.alongside("remove old run records in " + runs, () -> prune(runs, Math.max(1, keep)));
        return record;
    }

    /** Work the run does not wait for, which throws nothing but I/O errors. */
    @FunctionalInterface
    public interface IoTask {
        void run() throws IOException;
    }

    /**
     * Queues {@code task} to run on a thread of its own while the command goes on (the run's own files
     * that Ansible never reads, old records): it is off the path to starting Ansible. The work starts
     * with {@link #startBackgroundWork} or, at the latest, {@link #awaitBackgroundWork}. A failure is logged.
     */
    public void alongside(String what, IoTask task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (IOException | UncheckedIOException e) {
                org.slf4j.LoggerFactory.getLogger(RunRecord.class).warn("cannot {}: {}", what, e.toString());
            }
        }, "syncopated-record");
        synchronized (background) {
            background.add(thread);
        }
    }

    /**
     * Starts the work queued with {@link #alongside}. Call it when Ansible is about to start: Ansible's
     * own start-up leaves a core free for it, whereas started earlier it would slow the rendering that
     * Ansible waits for.
     */
    public void startBackgroundWork() {
        synchronized (background) {
            for (Thread t : background) {
                if (t.getState() == Thread.State.NEW) {
                    t.start();
                }
            }
        }
    }

    /** Starts the queued work if it has not started yet, and waits for it; call it before the command ends. */
    public void awaitBackgroundWork() {
        startBackgroundWork();
        List<Thread> threads;
        synchronized (background) {
            threads = List.copyOf(background);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static Optional<RunRecord> open(Path stateDir, String id) {
        Path dir = runsDir(stateDir).resolve(id);
        return id.contains("/") || !Files.isDirectory(dir) ? Optional.empty() : Optional.of(new RunRecord(dir));
    }

    /** Every recorded run, newest first. */
    public static List<RunRecord> list(Path stateDir) throws IOException {
        Path runs = runsDir(stateDir);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .map(RunRecord::new).toList();
        }
    }

    private static void prune(Path runs, int keep) throws IOException {
        List<Path> all;
        try (Stream<Path> dirs = Files.list(runs)) {
            all = new ArrayList<>(dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())).toList());
        }
        int excess = all.size() - keep;
        for (Path old : all.subList(0, Math.max(0, excess))) {
            // A record without a summary may belong to a run still going on in another process.
            if (Files.exists(old.resolve(SUMMARY)) || isOlderThanADay(old)) {
                deleteTree(old);
            }
        }
    }

    private static boolean isOlderThanADay(Path dir) throws IOException {
        return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(java.time.Duration.ofDays(1)));
    }

    public Path dir() {
        return dir;
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    /** Writes a file of the record atomically: a reader sees the old content or the new, never half. */
    public void write(String name, String content) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public void writeJson(String name, Object value) throws IOException {
        write(name, Json.MAPPER.writeValueAsString(value) + "\n");
    }

    /** Copies the spec files as they were read, under spec/ with their names as shown to the user. */
    public void keepSpecs(Map<String, String> texts) throws IOException {
        for (Map.Entry<String, String> file : texts.entrySet()) {
            String relative = file.getKey().replaceFirst("^/+", "").replace("..", "__");
            write(SPEC + "/" + relative, file.getValue());
        }
    }

    public Optional<JsonNode> readJson(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed meanwhile by another syncopated pruning the same records
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                throw e.getCause();
            }
        }
    }
}
