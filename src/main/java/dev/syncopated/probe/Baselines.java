package dev.syncopated.probe;

import dev.syncopated.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The saved baselines, one JSON file per host under the state directory's {@code baselines/}. */
public final class Baselines {
    private final Path dir;

    private Baselines(Path dir) {
        this.dir = dir;
    }

    public static Baselines in(Path stateDir) {
        return new Baselines(stateDir.resolve("baselines"));
    }

    /** Where {@code host}'s baseline is kept. Host names are spec names or this machine's hostname: safe file names. */
    public Path file(String host) {
        return dir.resolve(host.replace('/', '_') + ".json");
    }

    public Optional<Baseline> load(String host) throws IOException {
        Path file = file(host);
        try {
            return Optional.of(Baseline.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Path save(Baseline baseline) throws IOException {
        Path file = file(baseline.host());
        AtomicFiles.write(file, baseline.toJson());
        return file;
    }
}
