package dev.syncopated.render;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The files syncopated generates for a project, by relative path, in a stable order. Roles are copied beside them. */
public record RenderedProject(Map<String, String> files) {

    public RenderedProject {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
