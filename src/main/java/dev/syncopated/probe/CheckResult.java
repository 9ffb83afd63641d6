package dev.syncopated.probe;

import java.util.List;

/**
 * One readiness check: what it found, the lines it read to find it, and how to fix it in spec terms
 * (a syncopated role and option), empty when nothing needs fixing.
 */
public record CheckResult(String id, CheckStatus status, String summary, List<String> evidence, String fix) {
    public CheckResult {
        evidence = List.copyOf(evidence);
    }
}
