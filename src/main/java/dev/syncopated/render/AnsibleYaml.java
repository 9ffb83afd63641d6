package dev.syncopated.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the YAML of rendered projects: block style, two-space indents, and every string
 * double-quoted with JSON's escaping (a JSON string is a valid YAML double-quoted scalar), so no
 * value can change type or meaning on the way. {@link Unsafe} strings get Ansible's {@code !unsafe}
 * tag. A writer of its own because inventories of 10,000 hosts are megabytes: a general YAML emitter
 * spent more than half the render time analysing scalars whose style is decided here up front.
 */
final class AnsibleYaml {
    /** Keys written bare: variable and group names, and host names YAML would not read as another type. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)(true|false|yes|no|on|off|null|y|n|~)");
    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private AnsibleYaml() {}

    static String dump(Object document) {
        StringBuilder out = new StringBuilder(4096).append("---\n");
        if (document instanceof Map<?, ?> map) {
            writeMap(out, map, 0);
        } else if (document instanceof List<?> list) {
            writeList(out, list, 0);
        } else {
            out.append(scalar(document)).append('\n');
        }
        return out.toString();
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            out.setLength(out.length() - 1);
            out.append(" {}\n");
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            pad(out, indent).append(key(String.valueOf(entry.getKey()))).append(':');
            writeValue(out, entry.getValue(), indent);
        }
    }

    private static void writeList(StringBuilder out, List<?> list, int indent) {
        if (list.isEmpty()) {
            out.setLength(out.length() - 1);
            out.append(" []\n");
            return;
        }
        for (Object item : list) {
            pad(out, indent).append('-');
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                // "- key: value" with the map's further keys aligned under the first
                StringBuilder nested = new StringBuilder();
                writeMap(nested, map, indent + 2);
                out.append(' ').append(nested, indent + 2, nested.length());
            } else {
                writeValue(out, item, indent);
            }
        }
    }

    /** After "key:" or "-": a scalar on the same line, a collection on the lines below. */
    private static void writeValue(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> map) {
            out.append('\n');
            writeMap(out, map, indent + 2);
        } else if (value instanceof List<?> list) {
            out.append('\n');
            writeList(out, list, indent + 2);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Unsafe unsafe) {
            return "!unsafe " + quoted(unsafe.text());
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        return quoted(value.toString());
    }

    private static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !RESERVED.matcher(key).matches() ? key : quoted(key);
    }

    private static String quoted(String text) {
        return "\"" + new String(JSON.quoteAsString(text)) + "\"";
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        for (int i = 0; i < indent; i++) {
            out.append(' ');
        }
        return out;
    }
}
