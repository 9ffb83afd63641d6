package dev.syncopated.run;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.plan.HostPattern;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For everything that acts on a spec: load and check it, refuse it when invalid, cut its plan to a --limit. */
public final class ValidSpecs {
    private ValidSpecs() {}

    /** The loaded spec with the text of every file read; an invalid one is an {@link InvalidSpec}. */
    public static LoadedSpec load(Path file, Catalog catalog) {
        LoadedSpec loaded = Validation.validate(file, catalog);
        if (!loaded.valid()) {
            throw new InvalidSpec(file, loaded);
        }
        return loaded;
    }

    /** The plan of a valid spec, cut down to {@code limit} when one is given. */
    public static Plan plan(Path file, String limit, Catalog catalog) {
        return limit(Planner.plan(load(file, catalog).spec().orElseThrow(), catalog), file, limit);
    }

    /** The plan cut down to the hosts {@code limit} selects; a limit that matches nothing is a usage error. */
    public static Plan limit(Plan plan, Path file, String limit) {
        if (limit == null) {
            return plan;
        }
        HostPattern pattern;
        try {
            pattern = HostPattern.parse(limit);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--limit: " + e.getMessage(), "see 'syncopated plan --help'");
        }
        Plan limited;
        try {
            limited = pattern.select(plan);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("--limit: " + e.getMessage(), "fix the regular expression");
        }
        List<String> unmatched = pattern.unmatched(plan);
        if (limited.hosts().isEmpty() || !unmatched.isEmpty()) {
            List<String> known = new ArrayList<>();
            plan.hosts().forEach(h -> known.add(h.name()));
            plan.hosts().forEach(h -> h.groups().stream().filter(g -> !known.contains(g)).forEach(known::add));
            String what = unmatched.isEmpty() ? "'" + limit + "'" : "'" + unmatched.get(0) + "'";
            throw UserError.usage("--limit " + what + " matches no host of " + file,
                    Suggestions.hint(unmatched.isEmpty() ? limit : unmatched.get(0), known, "hosts and groups"));
        }
        return limited;
    }
}
