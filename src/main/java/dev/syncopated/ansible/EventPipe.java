package dev.syncopated.ansible;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * A named pipe the event callback writes to when {@value #ENV} names it, read line by line while
 * the run goes on. ansible-pull copies its playbook's stdout and stderr into its own stdout ten
 * bytes at a time, so an event line there may have a warning spliced into it; the pipe keeps the
 * events apart from everything else Ansible prints.
 */
final class EventPipe implements AutoCloseable {
    static final String ENV = "SYNCOPATED_EVENTS_FILE";

    private final Path path;
    private final Thread reader;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile IOException failure;

    private EventPipe(Path path, Consumer<String> lines) {
        this.path = path;
        this.reader = new Thread(() -> read(lines), "syncopated-events");
        this.reader.setDaemon(true);
    }

    static EventPipe open(Path path, Consumer<String> lines) throws IOException {
        Files.deleteIfExists(path);
        try {
            int code = new ProcessExecutor().command("mkfifo", "-m", "600", path.toString()).readOutput(true)
                    .exitValueAny().timeout(10, TimeUnit.SECONDS).execute().getExitValue();
            if (code != 0) {
                throw new IOException("mkfifo " + path + " failed (exit " + code + ")");
            }
        } catch (TimeoutException e) {
            throw new IOException("mkfifo " + path + " did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + path, e);
        }
        EventPipe pipe = new EventPipe(path, lines);
        pipe.reader.start();
        return pipe;
    }

    Path path() {
        return path;
    }

    private void read(Consumer<String> lines) {
        // Opening blocks until the callback opens the pipe for writing (or finish() does).
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Channels.newInputStream(FileChannel.open(path, StandardOpenOption.READ)), StandardCharsets.UTF_8))) {
            opened.set(true);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.accept(line);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Call once the process has ended: lets the reader reach the end of what was written, and ends
     * it when no writer ever came (the playbook never started).
     */
    void finish(Duration wait) throws IOException {
        if (reader.isAlive() && !opened.get()) {
            // The reader waits in open(): a writer that opens and closes at once gives it end-of-file.
            FileChannel.open(path, StandardOpenOption.WRITE).close();
        }
        try {
            reader.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
