package dev.syncopated.probe;

/** The outcome of one readiness check. fail makes 'probe check' exit 1. */
public enum CheckStatus {
    ok, warn, fail, skip
}
