package dev.syncopated.roles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role × target × step results of this JVM (wall time, changed count or a check's outcome),
 * printed as a table when the tests end and written to {@code target/real-targets/roles-matrix.txt},
 * so a CI log shows at a glance what ran, what it changed and how long it took.
 */
final class Matrix {
    private static final Path FILE = Target.PROJECT.resolve("target/real-targets/roles-matrix.txt");
    private static final Map<String, Map<String, String>> CELLS = new LinkedHashMap<>();
    private static final Set<String> STEPS = new LinkedHashSet<>();
    private static final Map<String, Duration> TOTALS = new LinkedHashMap<>();

    private Matrix() {}

    static synchronized void cell(String row, String step, String value) {
        CELLS.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(step, value);
        STEPS.add(step);
    }

    static synchronized void total(String row, Duration took) {
        TOTALS.put(row, took);
    }

    static synchronized String table() {
        if (CELLS.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("role / target"));
        header.addAll(STEPS);
        header.add("total");
        StringBuilder s = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> s.append("---|"));
        s.append('\n');
        CELLS.forEach((row, cells) -> {
            s.append("| ").append(row);
            for (String step : STEPS) {
                s.append(" | ").append(cells.getOrDefault(step, ""));
            }
            Duration t = TOTALS.get(row);
            s.append(" | ").append(t == null ? "" : String.format("%.0f s", t.toMillis() / 1000.0)).append(" |\n");
        });
        return s.toString();
    }

    static synchronized void write() {
        String table = table();
        if (table.isEmpty()) {
            return;
        }
        System.out.println("[roles] matrix (changed count and wall time per step):\n" + table);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("[roles] could not write " + FILE + ": " + e);
        }
    }
}
