package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.plan.HostPattern;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.report.DiagnosticPrinter;
import dev.syncopated.report.SpecReport;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For commands that act on a spec: load and check it, and stop with its findings when it is invalid. */
final class SpecInput {
    private SpecInput() {}

    static Spec requireValid(Path file, Catalog catalog, PrintWriter err) {
        return requireValidLoad(file, catalog, err).spec().orElseThrow();
    }

    /** The loaded spec with the text of every file read, for commands that keep a record of the run. */
    static LoadedSpec requireValidLoad(Path file, Catalog catalog, PrintWriter err) {
        LoadedSpec loaded = Validation.validate(file, catalog);
        if (!loaded.valid()) {
            err.print(DiagnosticPrinter.text(List.of(new SpecReport(file.toString(), loaded.diagnostics().sorted(), loaded.sources()))));
            err.flush();
            throw new UserError(ExitCode.PROBLEMS, "'" + file + "' is not a valid spec",
                    "fix the errors above (syncopated validate " + file + " shows them again)");
        }
        return loaded;
    }

    /** The plan of a valid spec, cut down to {@code limit} when one is given. */
    static Plan plan(Path file, String limit, Catalog catalog, PrintWriter err) {
        return limit(Planner.plan(requireValid(file, catalog, err), catalog), file, limit);
    }

    /** The plan cut down to the hosts {@code limit} selects; a limit that matches nothing is a usage error. */
    static Plan limit(Plan plan, Path file, String limit) {
        if (limit == null) {
            return plan;
        }
        HostPattern pattern;
        try {
            pattern = HostPattern.parse(limit);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--limit: " + e.getMessage(), "see 'syncopated plan --help'");
        }
        Plan limited;
        try {
            limited = pattern.select(plan);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--limit: " + e.getMessage(), "fix the regular expression");
        }
        List<String> unmatched = pattern.unmatched(plan);
        if (limited.hosts().isEmpty() || !unmatched.isEmpty()) {
            List<String> known = new ArrayList<>();
            plan.hosts().forEach(h -> known.add(h.name()));
            plan.hosts().forEach(h -> h.groups().stream().filter(g -> !known.contains(g)).forEach(known::add));
            String what = unmatched.isEmpty() ? "'" + limit + "'" : "'" + unmatched.get(0) + "'";
            throw new UserError(ExitCode.USAGE, "--limit " + what + " matches no host of " + file,
                    dev.syncopated.spec.Suggestions.hint(unmatched.isEmpty() ? limit : unmatched.get(0), known,
                            "hosts and groups"));
        }
        return limited;
    }
}
