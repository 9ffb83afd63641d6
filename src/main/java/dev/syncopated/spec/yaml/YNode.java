package dev.syncopated.spec.yaml;

import dev.syncopated.spec.Position;

/**
 * A YAML value that remembers where it was written. The spec is bound from these, never from
 * plain Java maps, so every later error can point to the file, line and column of its value.
 */
public sealed interface YNode permits YScalar, YMap, YSeq {

    Position position();

    /** What a user would call this kind of value, for "expected X, got Y" messages. */
    String kindName();
}
