package dev.syncopated.spec.yaml;

import dev.syncopated.spec.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping with string keys, in the order they were written; each key keeps its own position. */
public record YMap(Map<String, Entry> entries, Position position) implements YNode {

    public record Entry(String key, Position keyPosition, YNode value) {}

    public YMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public YNode get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    @Override
    public String kindName() {
        return "a mapping";
    }
}
