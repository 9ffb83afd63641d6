package dev.syncopated.spec;

/** A value with the place it was written and its spec path, so errors about it can point there. */
public record Located<T>(T value, Position position, String path) {}
