package dev.syncopated.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text of every file read, by the name it is shown under, for source lines under diagnostics. */
public final class Sources {
    private final Map<String, String> texts = new LinkedHashMap<>();

    public void add(String file, String text) {
        texts.put(file, text);
    }

    public Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(texts);
    }

    public List<String> files() {
        return List.copyOf(texts.keySet());
    }

    /** The 1-based {@code line} of {@code file}, without its line break. */
    public Optional<String> line(String file, int line) {
        String text = texts.get(file);
        if (text == null || line < 1) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 1; i < line; i++) {
            start = text.indexOf('\n', start);
            if (start < 0) {
                return Optional.empty();
            }
            start++;
        }
        int end = text.indexOf('\n', start);
        String found = text.substring(start, end < 0 ? text.length() : end);
        return Optional.of(found.endsWith("\r") ? found.substring(0, found.length() - 1) : found);
    }
}
