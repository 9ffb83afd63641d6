package dev.syncopated.plan;

import dev.syncopated.spec.State;
import java.util.Map;

/** One role in one state on one host, with every option: merged values, else catalog defaults (null when none). */
public record RoleStep(String role, State state, Map<String, Object> options) {}
