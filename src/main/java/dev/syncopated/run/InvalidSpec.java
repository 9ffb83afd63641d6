package dev.syncopated.run;

import dev.syncopated.spec.LoadedSpec;
import java.nio.file.Path;

/** A spec that did not validate: the one-line error, with every diagnostic for the front end to show. */
public final class InvalidSpec extends UserError {
    private final Path file;
    private final transient LoadedSpec loaded;

    public InvalidSpec(Path file, LoadedSpec loaded) {
        super(Kind.PROBLEMS, "'" + file + "' is not a valid spec",
                "fix the errors above (syncopated validate " + file + " shows them again)");
        this.file = file;
        this.loaded = loaded;
    }

    public Path file() {
        return file;
    }

    /** The diagnostics, and the sources they point into. */
    public LoadedSpec loaded() {
        return loaded;
    }
}
