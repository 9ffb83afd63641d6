package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * Whether the node is making sound right now, which a pull must not disturb. Three signs, each enough:
 * <ul>
 *   <li>an ALSA PCM substream in state RUNNING ({@code /proc/asound/card*}{@code /pcm*}{@code /sub*}{@code /status}),
 *       which is what every player, PipeWire and JACK's ALSA backend keep while audio flows;</li>
 *   <li>a JACK server whose driver is a real interface (anything but dummy or net), which drives it all the
 *       time it runs (FireWire interfaces do not show under /proc/asound);</li>
 *   <li>a PipeWire audio stream in state running, asked of every user's PipeWire with {@code pw-dump}
 *       (streams to Bluetooth or the network do not show under /proc/asound either).</li>
 * </ul>
 * Nothing here changes anything; what cannot be read counts as silence.
 */
public final class LiveAudio {
    public static final Path ASOUND = Path.of("/proc/asound");
    private static final Pattern CARD = Pattern.compile("card\\d+");
    private static final Pattern PCM = Pattern.compile("pcm\\d+[pc]");
    private static final Pattern SUBSTREAM = Pattern.compile("sub\\d+");
    private static final Pattern PID = Pattern.compile("\\d+");
    /** JACK drivers that move no audio through an interface of this machine. */
    private static final Set<String> SILENT_JACK_DRIVERS = Set.of("dummy", "net", "netone", "loopback", "proxy");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the signs are read.
     *
     * @param asound  ALSA's /proc/asound (a fixture tree in tests)
     * @param proc    /proc, for JACK servers' command lines
     * @param runUser /run/user, whose {@code UID/pipewire-0} sockets are the users' PipeWire servers
     * @param pwDump  the pw-dump program, or null when it is not installed
     */
    public record Sources(Path asound, Path proc, Path runUser, Path pwDump) {
        public static Sources live(Path asound, Path pwDump) {
            return new Sources(asound, Path.of("/proc"), Path.of("/run/user"), pwDump);
        }
    }

    private LiveAudio() {}

    /** What is playing, in a few words, or empty when nothing is. */
    public static Optional<String> playing(Sources sources) {
        Optional<String> pcm = runningPcm(sources.asound());
        if (pcm.isPresent()) {
            return pcm;
        }
        Optional<String> jack = jackServer(sources.proc());
        if (jack.isPresent()) {
            return jack;
        }
        return sources.pwDump() == null ? Optional.empty() : pipewireStreams(sources.runUser(), sources.pwDump());
    }

    /** The first PCM substream whose status says {@code state: RUNNING}. */
    static Optional<String> runningPcm(Path asound) {
        for (Path card : children(asound, CARD)) {
            for (Path pcm : children(card, PCM)) {
                for (Path sub : children(pcm, SUBSTREAM)) {
                    Optional<String> status = read(sub.resolve("status"));
                    if (status.isPresent() && status.get().lines().anyMatch(l -> l.strip().matches("state:\\s*RUNNING"))) {
                        String owner = status.get().lines().map(String::strip).filter(l -> l.startsWith("owner_pid"))
                                .map(l -> l.replaceFirst("owner_pid\\s*:\\s*", "")).findFirst().orElse("?");
                        String id = read(card.resolve("id")).map(String::strip).orElse(card.getFileName().toString());
                        return Optional.of("ALSA " + card.getFileName() + " (" + id + ") " + pcm.getFileName() + "/"
                                + sub.getFileName() + " is RUNNING, owner pid " + owner);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first JACK server running with a driver that moves audio. */
    static Optional<String> jackServer(Path proc) {
        for (Path process : children(proc, PID)) {
            List<String> argv = argv(process.resolve("cmdline"));
            if (argv.isEmpty()) {
                continue;
            }
            String name = Path.of(argv.get(0)).getFileName().toString();
            if (name.equals("jackdbus")) {
                return Optional.of("JACK server jackdbus, pid " + process.getFileName());
            }
            if (name.equals("jackd")) {
                String driver = jackDriver(argv);
                if (!SILENT_JACK_DRIVERS.contains(driver)) {
                    return Optional.of("JACK server jackd, pid " + process.getFileName() + ", driver " + driver);
                }
            }
        }
        return Optional.empty();
    }

    /** The driver of a jackd command line: {@code -d NAME}, {@code -dNAME} or {@code --driver NAME}. */
    static String jackDriver(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("-d") || a.equals("--driver")) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (a.startsWith("--driver=")) {
                return a.substring("--driver=".length());
            }
            if (a.startsWith("-d") && a.length() > 2 && !a.startsWith("--")) {
                return a.substring(2);
            }
        }
        return "alsa"; // jackd's default
    }

    /** The first running PipeWire audio stream of any user's server. */
    static Optional<String> pipewireStreams(Path runUser, Path pwDump) {
        for (Path user : children(runUser, PID)) {
            if (!Files.exists(user.resolve("pipewire-0"))) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                int exit = new ProcessExecutor().command(pwDump.toString()).environment(Map.of("PIPEWIRE_RUNTIME_DIR", user.toString()))
                        .redirectOutput(out).redirectError(java.io.OutputStream.nullOutputStream()).exitValueAny()
                        .timeout(10, TimeUnit.SECONDS).destroyOnExit().execute().getExitValue();
                if (exit == 0) {
                    Optional<String> stream = runningStream(out.toString(StandardCharsets.UTF_8));
                    if (stream.isPresent()) {
                        return Optional.of(stream.get() + " (user " + user.getFileName() + ")");
                    }
                }
            } catch (IOException | TimeoutException e) {
                // that server did not answer: it is not counted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first node of a pw-dump that is an audio stream in state running. */
    static Optional<String> runningStream(String pwDumpJson) {
        JsonNode objects;
        try {
            objects = JSON.readTree(pwDumpJson);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (JsonNode object : objects) {
            JsonNode info = object.path("info");
            String mediaClass = info.path("props").path("media.class").asText("");
            if ("PipeWire:Interface:Node".equals(object.path("type").asText()) && "running".equals(info.path("state").asText())
                    && mediaClass.startsWith("Stream/") && mediaClass.contains("Audio")) {
                JsonNode props = info.path("props");
                String name = props.path("application.name").asText(props.path("node.name").asText("?"));
                return Optional.of("PipeWire stream of " + name + " (" + mediaClass + ") is running");
            }
        }
        return Optional.empty();
    }

    private static List<Path> children(Path dir, Pattern name) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (name.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }

    private static List<String> argv(Path cmdline) {
        return read(cmdline).map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split("\0"))).orElse(List.of());
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
