package dev.syncopated.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible-style host patterns, as {@code --limit} takes them: names of hosts or groups, {@code all}
 * or {@code *}, shell wildcards, {@code ~regex}; joined by {@code ,} or {@code :}; {@code &x} keeps
 * only hosts also in x, {@code !x} drops hosts in x. Unions apply first, then intersections, then
 * exclusions, as in Ansible.
 */
public final class HostPattern {
    private final String text;
    private final List<String> unions = new ArrayList<>();
    private final List<String> intersections = new ArrayList<>();
    private final List<String> exclusions = new ArrayList<>();

    private HostPattern(String text) {
        this.text = text;
    }

    public static HostPattern parse(String text) {
        HostPattern pattern = new HostPattern(text);
        // A colon separates patterns unless the pattern is a regex, where ':' may be part of it.
        String[] parts = text.contains(",") || text.startsWith("~") ? text.split(",") : text.split(":");
        for (String raw : parts) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("!")) {
                pattern.exclusions.add(part.substring(1));
            } else if (part.startsWith("&")) {
                pattern.intersections.add(part.substring(1));
            } else {
                pattern.unions.add(part);
            }
        }
        return pattern;
    }

    /** The hosts of {@code plan} that the pattern selects, in plan order. */
    public Plan select(Plan plan) {
        Set<String> chosen = new LinkedHashSet<>();
        List<String> from = unions.isEmpty() ? List.of("all") : unions;
        for (HostPlan host : plan.hosts()) {
            if (from.stream().anyMatch(p -> matches(p, host))
                    && intersections.stream().allMatch(p -> matches(p, host))
                    && exclusions.stream().noneMatch(p -> matches(p, host))) {
                chosen.add(host.name());
            }
        }
        return new Plan(plan.name(), plan.hosts().stream().filter(h -> chosen.contains(h.name())).toList());
    }

    /** Every name or pattern in this limit that matches no host of the plan, to report as a likely typo. */
    public List<String> unmatched(Plan plan) {
        List<String> unmatched = new ArrayList<>();
        List<String> all = new ArrayList<>(unions);
        all.addAll(intersections);
        all.addAll(exclusions);
        for (String p : all) {
            if (plan.hosts().stream().noneMatch(host -> matches(p, host))) {
                unmatched.add(p);
            }
        }
        return unmatched;
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean matches(String pattern, HostPlan host) {
        if (pattern.equals("all") || pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("~")) {
            Pattern regex = compileRegex(pattern.substring(1));
            return regex.matcher(host.name()).find() || host.groups().stream().anyMatch(g -> regex.matcher(g).find());
        }
        if (pattern.contains("*") || pattern.contains("?")) {
            Pattern glob = Pattern.compile(globToRegex(pattern));
            return glob.matcher(host.name()).matches() || host.groups().stream().anyMatch(g -> glob.matcher(g).matches());
        }
        return pattern.equals(host.name()) || host.groups().contains(pattern);
    }

    private static Pattern compileRegex(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'~" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
