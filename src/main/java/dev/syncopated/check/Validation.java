package dev.syncopated.check;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.SpecLoader;
import java.nio.file.Path;

/** Load, then check: everything found about one spec file, in one pass. */
public final class Validation {
    private Validation() {}

    public static LoadedSpec validate(Path file, Catalog catalog) {
        LoadedSpec loaded = SpecLoader.load(file);
        loaded.spec().ifPresent(spec -> SpecChecker.check(spec, catalog, loaded.diagnostics()));
        return loaded;
    }
}
