package dev.syncopated.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects every finding of one run, so a user can fix a spec in one pass. */
public final class Diagnostics {
    private final Set<Diagnostic> found = new LinkedHashSet<>();

    public void error(Position position, String path, String message, String hint) {
        found.add(new Diagnostic(Severity.ERROR, position, path, message, hint));
    }

    public void warning(Position position, String path, String message, String hint) {
        found.add(new Diagnostic(Severity.WARNING, position, path, message, hint));
    }

    public void addAll(Diagnostics other) {
        found.addAll(other.found);
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    /** Whether an error was already reported at {@code path}, so a follow-up finding would only repeat it. */
    public boolean hasErrorAt(String path) {
        return found.stream().anyMatch(d -> d.isError() && path.equals(d.path()));
    }

    public long errorCount() {
        return found.stream().filter(Diagnostic::isError).count();
    }

    /** In source order: by file, line and column; findings at one place keep the order they were made in. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> list = new ArrayList<>(found);
        list.sort(Comparator.comparing(Diagnostic::position));
        return list;
    }
}
