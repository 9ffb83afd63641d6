package dev.syncopated.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the flow of data (DESIGN §1): each may use only those before it, so the core
 * never reaches up into a front end and no two packages depend on each other in a circle. A new package
 * must be given its place here.
 */
class PackageFlowTest {
    /** Earliest first. */
    static final List<String> FLOW = List.of(
            "files", "env", "spec", "catalog", "check", "plan", "report", "render", "ansible", "probe", "fleet",
            "run", "cli");

    private static final Path SOURCES = Path.of("src/main/java/dev/syncopated");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.syncopated\\.([a-z]+)\\b");

    @Test
    void everyPackageHasItsPlaceInTheFlow() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        packages.removeAll(FLOW);
        assertEquals(Set.of(), packages, "packages with no place in PackageFlowTest.FLOW: add each where it belongs");
    }

    @Test
    void noPackageUsesOneLaterInTheFlow() throws IOException {
        List<String> violations = violations(SOURCES);
        assertTrue(violations.isEmpty(), "packages used against the flow " + String.join(" → ", FLOW) + ":\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void aUseAgainstTheFlowIsFound(@org.junit.jupiter.api.io.TempDir Path tree) throws IOException {
        Path file = tree.resolve("catalog/RoleLibrary.java");
        Files.createDirectories(file.getParent());
        // Named in full, with no import: the kind of use that hid the catalog → render cycle.
        Files.writeString(file, "package dev.syncopated.catalog;\n// dev.syncopated.cli in a comment is no use\n"
                + "class RoleLibrary { void f() { dev.syncopated.render.ProjectWriter.write(null); String s = \"dev.syncopated.run\"; } }\n");
        assertEquals(List.of("catalog/RoleLibrary.java uses render"), violations(tree));
    }

    /** Each "FILE uses PACKAGE" where PACKAGE comes later in the flow than the file's own package. */
    static List<String> violations(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            Path relative = root.relativize(file);
            String own = relative.getName(0).toString();
            int rank = FLOW.indexOf(own);
            String code = withoutCommentsAndText(Files.readString(file, StandardCharsets.UTF_8));
            Set<String> used = new TreeSet<>();
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                used.add(m.group(1));
            }
            for (String other : used) {
                if (!other.equals(own) && FLOW.indexOf(other) > rank) {
                    found.add(relative.toString().replace('\\', '/') + " uses " + other);
                }
            }
        }
        return found;
    }

    /** The source with comments, string and character literals (text blocks included) blanked out. */
    static String withoutCommentsAndText(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                code.append("\"\"");
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i++);
                while (i < n && source.charAt(i) != quote) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                code.append("\"\"");
            } else {
                code.append(source.charAt(i++));
            }
        }
        return code.toString();
    }
}
