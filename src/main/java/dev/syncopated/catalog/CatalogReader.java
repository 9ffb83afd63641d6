package dev.syncopated.catalog;

import dev.syncopated.files.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads {@code roles/<role>/catalog.yml} of every role that has one. A role without a catalog is a
 * private helper, not part of the spec language. A broken catalog is a defect of the build, so it
 * fails loudly with the file and the reason.
 */
public final class CatalogReader {
    public static final String FILE = "catalog.yml";
    private static final List<String> ROLE_KEYS = List.of("description", "order", "requires", "options", "constraints");
    private static final List<String> OPTION_KEYS =
            List.of("type", "elements", "format", "choices", "min", "max", "required", "default", "description");

    private CatalogReader() {}

    public static Catalog read(RoleLibrary library) {
        List<RoleDef> roles = new ArrayList<>();
        for (Path dir : library.roleDirs()) {
            Path file = dir.resolve(FILE);
            if (Files.isRegularFile(file)) {
                roles.add(readRole(Trees.name(dir), file));
            }
        }
        return new Catalog(roles);
    }

    static RoleDef readRole(String role, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return parseRole(role, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog of role " + role, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("roles/" + role + "/" + FILE + ": " + e.getMessage(), e);
        }
    }

    public static RoleDef parseRole(String role, String text) {
        Load load = new Load(LoadSettings.builder().setSchema(new CoreSchema()).setLabel(role).build());
        Map<String, Object> doc = map(load.loadFromString(text), "the catalog");
        requireKnown(doc, ROLE_KEYS, "role");
        Map<String, OptionDef> options = new LinkedHashMap<>();
        Object optionsNode = doc.get("options");
        if (optionsNode != null) {
            map(optionsNode, "options").forEach((name, body) -> options.put(name, option(name, map(body, name))));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (Object c : list(doc.get("constraints"))) {
            constraints.add(constraint(map(c, "a constraint"), options));
        }
        Object order = doc.get("order");
        if (!(order instanceof Number)) {
            throw new IllegalArgumentException("'order' must be a number");
        }
        List<String> requires = new ArrayList<>();
        for (Object need : list(doc.get("requires"))) {
            if (!RoleDef.NEEDS.contains(need)) {
                throw new IllegalArgumentException("'requires' takes " + RoleDef.NEEDS + ", not '" + need + "'");
            }
            requires.add((String) need);
        }
        return new RoleDef(role, string(doc.get("description"), "description"), ((Number) order).intValue(),
                options, constraints, requires);
    }

    private static OptionDef option(String name, Map<String, Object> body) {
        requireKnown(body, OPTION_KEYS, "option " + name);
        OptionType type = OptionType.parse(string(body.get("type"), name + ".type"))
                .orElseThrow(() -> new IllegalArgumentException("option " + name + " has an unknown type"));
        OptionType elements = null;
        if (type == OptionType.LIST) {
            elements = OptionType.parse(string(body.get("elements"), name + ".elements"))
                    .orElseThrow(() -> new IllegalArgumentException("option " + name + " has unknown elements"));
        }
        Format format = body.get("format") == null ? null : Format.parse(String.valueOf(body.get("format")))
                .orElseThrow(() -> new IllegalArgumentException("option " + name + " has an unknown format"));
        List<String> choices = list(body.get("choices")).stream().map(String::valueOf).toList();
        return new OptionDef(name, type, elements, format, choices,
                longOrNull(body.get("min")), longOrNull(body.get("max")),
                Boolean.TRUE.equals(body.get("required")), javaValue(body.get("default")),
                string(body.get("description"), name + ".description"));
    }

    private static Constraint constraint(Map<String, Object> body, Map<String, OptionDef> options) {
        if (body.size() != 1) {
            throw new IllegalArgumentException("a constraint has exactly one kind: ordered or member");
        }
        Map.Entry<String, Object> only = body.entrySet().iterator().next();
        List<String> names = list(only.getValue()).stream().map(String::valueOf).toList();
        for (String n : names) {
            if (!options.containsKey(n)) {
                throw new IllegalArgumentException("constraint names unknown option " + n);
            }
        }
        return switch (only.getKey()) {
            case "ordered" -> new Constraint.Ordered(names);
            case "member" -> new Constraint.Member(names.get(0), names.get(1));
            default -> throw new IllegalArgumentException("unknown constraint " + only.getKey());
        };
    }

    /** Normalises YAML numbers to Long so defaults compare equal to spec values. */
    private static Object javaValue(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(CatalogReader::javaValue).toList();
        }
        return value;
    }

    private static Long longOrNull(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list, got " + value);
        }
        return l;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        return s;
    }

    private static void requireKnown(Map<String, Object> map, List<String> known, String what) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what);
            }
        }
    }
}
