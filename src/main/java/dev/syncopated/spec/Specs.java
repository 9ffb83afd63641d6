package dev.syncopated.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/** Merging of spec parts: the later part wins, key by key. */
final class Specs {
    private Specs() {}

    static Map<String, RoleEntry> mergeRoles(Map<String, RoleEntry> earlier, Map<String, RoleEntry> later) {
        return mergeBy(earlier, later, RoleEntry::overriddenBy);
    }

    static <T> Map<String, T> mergeBy(Map<String, T> earlier, Map<String, T> later, BinaryOperator<T> merge) {
        Map<String, T> merged = new LinkedHashMap<>(earlier);
        later.forEach((key, value) -> merged.merge(key, value, merge));
        return merged;
    }
}
