package dev.syncopated.catalog;

import dev.syncopated.spec.Diagnostics;
import dev.syncopated.spec.Located;
import dev.syncopated.spec.Suggestions;
import dev.syncopated.spec.Values;
import dev.syncopated.spec.yaml.YNode;
import dev.syncopated.spec.yaml.YScalar;
import dev.syncopated.spec.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an option value written in a spec into its Java form (Long, String, Boolean, List) and
 * checks it against the option's type, choices, bounds and format. Problems go to diagnostics at
 * the value's own position; the result is then null.
 */
public final class OptionValues {
    private OptionValues() {}

    public static Object convert(OptionDef option, Located<YNode> written, Diagnostics diagnostics) {
        YNode node = written.value();
        String path = written.path();
        if (node instanceof YScalar s && s.isNull()) {
            diagnostics.error(node.position(), path, "option '" + option.name() + "' has no value",
                    "give it " + option.type().described() + " or remove the key");
            return null;
        }
        if (option.type() == OptionType.LIST) {
            if (!(node instanceof YSeq seq)) {
                diagnostics.error(node.position(), path, "expected a list of " + option.elements().plural()
                        + " for '" + option.name() + "', got " + node.kindName(),
                        "write it as a list, for example [" + example(option) + "]");
                return null;
            }
            List<Object> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < seq.items().size(); i++) {
                Object value = single(option, option.elements(), seq.items().get(i), path + "[" + i + "]", diagnostics);
                ok &= value != null;
                values.add(value);
            }
            return ok ? List.copyOf(values) : null;
        }
        return single(option, option.type(), node, path, diagnostics);
    }

    private static Object single(OptionDef option, OptionType type, YNode node, String path, Diagnostics diagnostics) {
        Object value = typed(type, node);
        if (value == null) {
            String hint = "write '" + option.name() + "' as " + type.described();
            if (node instanceof YScalar s && s.kind() == YScalar.Kind.STRING && Values.parseLong(s.text()) != null
                    && type == OptionType.INT) {
                hint = "write " + s.text().strip() + " without quotes";
            }
            diagnostics.error(node.position(), path, "expected " + type.described() + " for '" + option.name()
                    + "', got " + node.kindName(), hint);
            return null;
        }
        Optional<String> problem = bounds(option, value);
        if (problem.isPresent()) {
            diagnostics.error(node.position(), path, problem.get(), boundsHint(option, value));
            return null;
        }
        if (option.format() != null) {
            Optional<Format.Problem> formatProblem = option.format().check(value);
            if (formatProblem.isPresent()) {
                diagnostics.error(node.position(), path, formatProblem.get().message(), formatProblem.get().hint());
                return null;
            }
        }
        return option.format() == Format.USB_ID ? ((String) value).toLowerCase(Locale.ROOT) : value;
    }

    /** The Java value of a scalar of the wanted type, or null when the node is not of that type. */
    private static Object typed(OptionType type, YNode node) {
        if (!(node instanceof YScalar s)) {
            return null;
        }
        return switch (type) {
            case INT -> s.kind() == YScalar.Kind.INT ? Values.parseLong(s.text()) : null;
            case BOOL -> s.kind() == YScalar.Kind.BOOL ? Boolean.valueOf(s.text().toLowerCase(Locale.ROOT)) : null;
            // A cpulist of one CPU ("cores: 3") parses as an integer; it is still text to us.
            case STR -> s.kind() == YScalar.Kind.STRING || s.kind() == YScalar.Kind.INT ? s.text() : null;
            case SCALAR -> s.kind() == YScalar.Kind.INT ? Values.parseLong(s.text())
                    : s.kind() == YScalar.Kind.STRING ? s.text() : null;
            case LIST -> null;
        };
    }

    private static Optional<String> bounds(OptionDef option, Object value) {
        if (!option.choices().isEmpty() && !option.choices().contains(String.valueOf(value))) {
            return Optional.of("unknown " + option.name() + " '" + value + "'");
        }
        if (value instanceof Long n) {
            if (option.min() != null && n < option.min() || option.max() != null && n > option.max()) {
                return Optional.of(option.name() + " " + n + " is out of range");
            }
        }
        return Optional.empty();
    }

    private static String boundsHint(OptionDef option, Object value) {
        if (!option.choices().isEmpty()) {
            return Suggestions.hint(String.valueOf(value), option.choices(), "choices");
        }
        return "use a value from " + option.min() + " to " + option.max();
    }

    private static String example(OptionDef option) {
        if (option.defaultValue() instanceof List<?> list && !list.isEmpty()) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return option.format() == Format.USB_ID ? "\"1235:8210\"" : option.format() == Format.USER ? "alice" : "…";
    }
}
