package dev.syncopated.report;

import dev.syncopated.spec.Diagnostic;
import dev.syncopated.spec.Sources;
import java.util.List;

/** The findings about one spec file, with the sources they point into. */
public record SpecReport(String file, List<Diagnostic> diagnostics, Sources sources) {

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
